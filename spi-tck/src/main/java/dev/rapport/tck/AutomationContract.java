package dev.rapport.tck;

import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.Customer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who did what, and case automations: the actor and reason of every lifecycle move and a case's snooze
 * round-trip; a rule's firing is stored once per (rule, case, occasion), whichever transaction or thread tries
 * first; the candidate scan pages by id over the cases in the asked states that are not snoozed.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Automations and actors"; not
 * meant to be run on its own.
 */
public abstract class AutomationContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected AutomationContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    private dev.rapport.spi.automation.AutomationFirings firings() {
        return storage().automationFirings();
    }

    private dev.rapport.spi.automation.AutomationFiring firing(String rule, CaseId caseId, Instant occasion) {
        return new dev.rapport.spi.automation.AutomationFiring(rule, caseId, occasion, occasion.plusSeconds(60),
                "moved RESOLVED -> CLOSED");
    }

    @Test
    @DisplayName("the actor and reason of every move, of every kind, and the snooze come back as stored after insert and update")
    void actorsReasonsAndSnoozeRoundTrip() {
        // given a case moved by each kind of actor, one move with a reason
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Instant at = T0;
        Case opened = TestData.supportCase(customer.id()).createdAt(at).updatedAt(at).build();
        Case moved = opened
                .moveTo(CaseStatus.OPEN, at.plusSeconds(1), dev.rapport.spi.cases.Actor.agent(agent.id()),
                        Optional.empty())
                .moveTo(CaseStatus.PENDING_CUSTOMER, at.plusSeconds(2),
                        dev.rapport.spi.cases.Actor.hostUser("user:ann ✓"), Optional.of("waiting for the receipt"))
                .moveTo(CaseStatus.OPEN, at.plusSeconds(3), dev.rapport.spi.cases.Actor.customer(customer.id()),
                        Optional.empty())
                .moveTo(CaseStatus.RESOLVED, at.plusSeconds(4), dev.rapport.spi.cases.Actor.system(),
                        Optional.empty())
                .toBuilder().snoozedUntil(at.plus(Duration.ofDays(2)).plusNanos(1_000)).build();

        // when it is stored, then closed by a rule and updated
        Case stored = cases().insert(moved);
        Case closed = cases().update(stored.moveTo(CaseStatus.CLOSED, at.plusSeconds(5),
                dev.rapport.spi.cases.Actor.rule("close resolved after 3 business days"),
                Optional.of("resolved 3 business days ago")).toBuilder().snoozedUntil(null).build());

        // then every actor, reason and the snooze read back equal
        assertThat(stored).isEqualTo(moved.withVersion(1));
        Case found = cases().get(moved.id());
        assertThat(found).isEqualTo(closed);
        assertThat(found.history()).extracting(change -> change.actor().kind()).containsExactly(
                dev.rapport.spi.cases.Actor.Kind.AGENT, dev.rapport.spi.cases.Actor.Kind.HOST_USER,
                dev.rapport.spi.cases.Actor.Kind.CUSTOMER, dev.rapport.spi.cases.Actor.Kind.SYSTEM,
                dev.rapport.spi.cases.Actor.Kind.RULE);
        assertThat(found.history().get(4).reason()).contains("resolved 3 business days ago");
        assertThat(found.snoozedUntil()).isEmpty();
    }

    @Test
    @DisplayName("a firing reads back as stored, and a case's firings come ordered by firing time, then rule name")
    void firingsRoundTripInOrder() {
        // given
        Case supportCase = storedCase(storedCustomer().id());
        var late = firing("b-rule", supportCase.id(), T0.plusSeconds(10));
        var early = firing("z-rule ✓", supportCase.id(), T0);
        var tie = firing("a-rule", supportCase.id(), T0);

        // when
        firings().record(late);
        firings().record(early);
        firings().record(tie);

        // then
        assertThat(firings().findByCase(supportCase.id())).containsExactly(tie, early, late);
        assertThat(firings().hasFired("a-rule", supportCase.id(), T0)).isTrue();
        assertThat(firings().hasFired("a-rule", supportCase.id(), T0.plusNanos(1_000))).isFalse();
        assertThat(firings().findByCase(CaseId.random())).isEmpty();
    }

    @Test
    @DisplayName("the firing key is unique: a second firing of a rule on a case for the same occasion is refused naming the occasion and stores nothing, in or out of a transaction")
    void firingKeyIsUnique() {
        // given
        Case supportCase = storedCase(storedCustomer().id());
        var first = firing("remind", supportCase.id(), T0);
        firings().record(first);

        // when the same key is recorded again, alone and inside a transaction that also changed the case
        DuplicateEntityException alone = catchThrowableOfType(() -> firings().record(
                new dev.rapport.spi.automation.AutomationFiring("remind", supportCase.id(), T0,
                        T0.plusSeconds(99), "another outcome")), DuplicateEntityException.class);
        Throwable inTransaction = catchThrowable(() -> storage().transactions().runInTransaction(() -> {
            cases().update(cases().get(supportCase.id()).toBuilder().priority(Priority.URGENT).build());
            firings().record(firing("remind", supportCase.id(), T0));
        }));

        // then both are refused, and neither the firing nor the case changed
        assertThat(alone).isNotNull();
        assertThat(alone.keyName()).isEqualTo("occasion");
        assertThat(inTransaction).isInstanceOf(DuplicateEntityException.class);
        assertThat(firings().findByCase(supportCase.id())).containsExactly(first);
        assertThat(cases().get(supportCase.id())).isEqualTo(supportCase);
        // and another occasion or another rule is a new key
        firings().record(firing("remind", supportCase.id(), T0.plusSeconds(1)));
        firings().record(firing("close", supportCase.id(), T0));
        assertThat(firings().findByCase(supportCase.id())).hasSize(3);
    }

    @Test
    @DisplayName("eight threads recording the same firing at once store it once; the others are refused as duplicates")
    void concurrentFiringsStoreOnce() {
        // given
        Case supportCase = storedCase(storedCustomer().id());

        // when
        List<Boolean> stored = inParallel(8, thread -> {
            try {
                storage().transactions().runInTransaction(() ->
                        firings().record(firing("once", supportCase.id(), T0)));
                return true;
            } catch (DuplicateEntityException e) {
                return false;
            }
        });

        // then
        assertThat(stored).containsOnlyOnce(true);
        assertThat(firings().findByCase(supportCase.id())).hasSize(1);
    }

    @Test
    @DisplayName("a firing outside the value domain is refused naming the field and stores nothing")
    void firingOutsideTheDomainIsRefused() {
        // given
        Case supportCase = storedCase(storedCustomer().id());

        // when
        Throwable refused = catchThrowable(() -> firings().record(
                firing("sub-micro", supportCase.id(), T0.plusNanos(1))));

        // then
        assertThat(refused).isInstanceOf(ValidationException.class).hasMessageContaining("occasion");
        assertThat(firings().findByCase(supportCase.id())).isEmpty();
    }

    @Test
    @DisplayName("the candidate scan pages by id over the cases in the asked states that are not snoozed, each once")
    void candidatesPageById() {
        // given resolved, pending, closed and snoozed cases
        Customer customer = storedCustomer();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            expected.add(cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.RESOLVED).build())
                    .id().value());
            expected.add(cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.PENDING_CUSTOMER)
                    .snoozedUntil(T0).build()).id().value()); // snooze over at T0
        }
        cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.CLOSED).build());
        cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.RESOLVED)
                .snoozedUntil(T0.plusSeconds(1)).build());

        // when walked three at a time
        List<UUID> walked = new ArrayList<>();
        Optional<CaseId> after = Optional.empty();
        for (int round = 0; round < 100; round++) {
            List<Case> page = firings().candidates(EnumSet.of(CaseStatus.RESOLVED, CaseStatus.PENDING_CUSTOMER),
                    T0, after, 3);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(c -> walked.add(c.id().value()));
            after = Optional.of(page.get(page.size() - 1).id());
        }

        // then each candidate came once, in id order, and nothing else
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(walked).isSortedAccordingTo(Comparator.comparing(UUID::toString));
        assertThat(firings().candidates(Set.of(), T0, Optional.empty(), 10)).isEmpty();
    }
}
