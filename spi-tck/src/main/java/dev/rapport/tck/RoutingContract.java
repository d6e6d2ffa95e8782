package dev.rapport.tck;

import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.WorkExclusion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Routing's shared state: waiting work (versioned, with its offer, exclusions and capacity to move), its walk by
 * case id, holdings, rollback and concurrent updates. Routing state names cases and agents by id only; the kit
 * does not store them first, so an adapter must not enforce foreign keys from routing state.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Routing state"; not meant to be run on its own.
 */
public abstract class RoutingContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected RoutingContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    private RoutingRepository routing() {
        return storage().routing();
    }

    private RoutingWork withCase(RoutingWork work, CaseId caseId) {
        return new RoutingWork(caseId, work.channel(), work.priority(), work.requiredSkills(),
                work.optionalSkills(), work.language(), work.team(), work.preferredAgents(), work.slaDueAt(),
                work.requestedAt(), work.queuedAt(), work.excluded(), work.moveFrom(), work.offer(),
                work.version());
    }

    private RoutingOffer offerTo(AgentId agent) {
        Instant now = TestData.now();
        return new RoutingOffer(UUID.randomUUID(), agent, Channel.CHAT, 1, now, now.plusSeconds(30));
    }

    @Test
    @DisplayName("work with every field set comes back exactly as stored with version 1")
    void workWithEveryFieldRoundTrips() {
        // given
        RoutingWork work = TestData.routingWorkWithEveryField().withVersion(4);

        // when
        RoutingWork stored = routing().insertWork(work);

        // then
        assertThat(stored).isEqualTo(work.withVersion(1));
        assertThat(routing().findWork(work.caseId())).contains(work.withVersion(1));
    }

    @Test
    @DisplayName("work with nothing optional comes back with empty maps, lists and optionals")
    void workWithNothingOptionalRoundTrips() {
        // given
        RoutingWork work = TestData.routingWork();

        // when
        routing().insertWork(work);

        // then
        RoutingWork found = routing().findWork(work.caseId()).orElseThrow();
        assertThat(found).isEqualTo(work.withVersion(1));
        assertThat(found.requiredSkills()).isEmpty();
        assertThat(found.optionalSkills()).isEmpty();
        assertThat(found.language()).isEmpty();
        assertThat(found.team()).isEmpty();
        assertThat(found.preferredAgents()).isEmpty();
        assertThat(found.slaDueAt()).isEmpty();
        assertThat(found.excluded()).isEmpty();
        assertThat(found.moveFrom()).isEmpty();
        assertThat(found.offer()).isEmpty();
    }

    @Test
    @DisplayName("work with 100 skills, 20 preferred agents and 1,000 exclusions of 500 characters round-trips")
    void workAtLimitsRoundTrips() {
        // given
        RoutingWork work = TestData.routingWorkAtLimits();

        // when
        routing().insertWork(work);

        // then
        assertThat(routing().findWork(work.caseId())).contains(work.withVersion(1));
    }

    @Test
    @DisplayName("each update raises the version by one and stores the offer made, then taken back, and exclusions")
    void workUpdateRaisesVersionByOne() {
        // given
        RoutingWork v1 = routing().insertWork(TestData.routingWork());
        AgentId agent = AgentId.random();

        // when
        RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(agent))));
        RoutingWork v3 = routing().updateWork(v2.withOffer(Optional.empty())
                .withExcluded(List.of(new WorkExclusion(agent, "TIMED_OUT", "no answer in 30 s"))));

        // then
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(routing().findWork(v1.caseId())).contains(v3);
        assertThat(v3.offer()).isEmpty();
    }

    @Test
    @DisplayName("an update based on a stale version is rejected with StaleVersionException and changes nothing")
    void staleWorkUpdateIsRejected() {
        // given
        RoutingWork v1 = routing().insertWork(TestData.routingWork());
        RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random()))));

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random())))));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.entity()).isEqualTo("routing_work");
        assertThat(thrown.id()).isEqualTo(v1.caseId().toString());
        assertThat(thrown.expectedVersion()).isEqualTo(1);
        assertThat(routing().findWork(v1.caseId())).contains(v2);
    }

    @Test
    @DisplayName("a delete based on a stale version is rejected with StaleVersionException and keeps the work")
    void staleWorkDeleteIsRejected() {
        // given
        RoutingWork v1 = routing().insertWork(TestData.routingWork());
        RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random()))));

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> routing().deleteWork(v1));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.entity()).isEqualTo("routing_work");
        assertThat(routing().findWork(v1.caseId())).contains(v2);
    }

    @Test
    @DisplayName("a delete of the current version removes the work")
    void deleteOfCurrentVersionRemovesWork() {
        // given
        RoutingWork v1 = routing().insertWork(TestData.routingWork());
        RoutingWork other = routing().insertWork(TestData.routingWork());

        // when
        routing().deleteWork(v1);

        // then
        assertThat(routing().findWork(v1.caseId())).isEmpty();
        assertThat(routing().findWork(other.caseId())).contains(other);
        assertThat(routing().countWork()).isEqualTo(1);
    }

    @Test
    @DisplayName("updating or deleting work of a case without any throws NotFoundException naming routing_work")
    void unknownWorkIsNotFound() {
        // given
        RoutingWork unknown = TestData.routingWork().withVersion(1);

        // when
        NotFoundException onUpdate = catchThrowableOfType(NotFoundException.class,
                () -> routing().updateWork(unknown));
        NotFoundException onDelete = catchThrowableOfType(NotFoundException.class,
                () -> routing().deleteWork(unknown));

        // then
        assertThat(onUpdate).isNotNull();
        assertThat(onUpdate.entity()).isEqualTo("routing_work");
        assertThat(onUpdate.id()).isEqualTo(unknown.caseId().toString());
        assertThat(onDelete).isNotNull();
        assertThat(onDelete.entity()).isEqualTo("routing_work");
        assertThat(routing().findWork(unknown.caseId())).isEmpty();
        assertThat(routing().countWork()).isZero();
    }

    @Test
    @DisplayName("second work for the same case is rejected on key \"id\" and the first stays as it was")
    void duplicateWorkIsRejected() {
        // given
        RoutingWork first = routing().insertWork(TestData.routingWork());

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> routing().insertWork(withCase(TestData.routingWorkWithEveryField(), first.caseId())));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.entity()).isEqualTo("routing_work");
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(routing().findWork(first.caseId())).contains(first);
    }

    @Test
    @DisplayName("findWorkByOffer finds the work holding an open offer by the offer's id, and nothing once it is gone")
    void workIsFoundByItsOffer() {
        // given one piece of work with an open offer and another without
        RoutingWork offered = routing().insertWork(TestData.routingWorkWithEveryField());
        routing().insertWork(TestData.routingWork());
        UUID offerId = offered.offer().orElseThrow().offerId();

        // when
        Optional<RoutingWork> found = routing().findWorkByOffer(offerId);
        RoutingWork answered = routing().updateWork(offered.withOffer(Optional.empty()));
        Optional<RoutingWork> afterAnswer = routing().findWorkByOffer(offerId);

        // then
        assertThat(found).contains(offered);
        assertThat(afterAnswer).as("the offer is no longer open").isEmpty();
        assertThat(routing().findWorkByOffer(UUID.randomUUID())).isEmpty();
        assertThat(routing().findWork(offered.caseId())).contains(answered);
    }

    @Test
    @DisplayName("removeWork takes the work whatever its version and returns it; a second call finds nothing")
    void removeWorkReturnsWhatWasStored() {
        // given
        RoutingWork v1 = routing().insertWork(TestData.routingWorkWithEveryField());
        RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.empty()));

        // when
        Optional<RoutingWork> removed = routing().removeWork(v1.caseId());
        Optional<RoutingWork> again = routing().removeWork(v1.caseId());

        // then
        assertThat(removed).contains(v2);
        assertThat(again).isEmpty();
        assertThat(routing().findWork(v1.caseId())).isEmpty();
    }

    @Test
    @DisplayName("listWork walks the work by case id as unsigned numbers (the ids' text order), after a given id")
    void listWorkWalksByCaseIdInUnsignedOrder() {
        // given: ids whose signed order (UUID.compareTo) differs from their text order
        List<String> texts = List.of("ffffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
                "7fffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-8000-000000000000", "00000000-0000-0000-7fff-ffffffffffff",
                "c0ffee00-0000-4000-8000-000000000000");
        for (String text : texts) {
            routing().insertWork(TestData.routingWork(new CaseId(UUID.fromString(text))));
        }
        List<String> inTextOrder = texts.stream().sorted().toList();

        // when
        List<String> walked = new ArrayList<>();
        Optional<CaseId> after = Optional.empty();
        for (int pages = 0; pages < 100; pages++) {
            List<RoutingWork> page = routing().listWork(after, 2);
            page.forEach(w -> walked.add(w.caseId().toString()));
            if (page.size() < 2) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).caseId());
        }

        // then
        assertThat(walked).isEqualTo(inTextOrder);
        assertThat(routing().listWork(Optional.empty(), PageRequest.MAX_LIMIT))
                .extracting(w -> w.caseId().toString()).isEqualTo(inTextOrder);
        assertThat(routing().listWork(Optional.of(new CaseId(UUID.fromString(
                "7fffffff-ffff-ffff-ffff-fffffffffff0"))), 10)).as("after an id that is not stored")
                .extracting(w -> w.caseId().toString()).containsExactly(
                        "7fffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
                        "c0ffee00-0000-4000-8000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
        assertThat(routing().countWork()).isEqualTo(texts.size());
    }

    @Test
    @DisplayName("a walk limit outside 1 to 1,000 is rejected naming the limit")
    void listWorkLimitOutOfRangeIsRejected() {
        // when
        ValidationException zero = catchThrowableOfType(ValidationException.class,
                () -> routing().listWork(Optional.empty(), 0));
        ValidationException tooMany = catchThrowableOfType(ValidationException.class,
                () -> routing().listWork(Optional.empty(), PageRequest.MAX_LIMIT + 1));

        // then
        assertThat(zero).isNotNull();
        assertThat(tooMany).isNotNull();
        assertThat(zero.violations()).extracting(ValidationException.Violation::field).containsExactly("limit");
    }

    @Test
    @DisplayName("a holding is stored, replaced for the same case, found exactly as stored and removed once")
    void holdingsArePutReplacedFoundAndRemoved() {
        // given
        CaseId caseId = CaseId.random();
        RoutingHolding first = TestData.holding(caseId, AgentId.random());
        RoutingHolding replacement = new RoutingHolding(caseId, AgentId.random(), TestData.LINE, 1000,
                Instant.parse("2024-06-03T08:00:00.000001Z"));
        RoutingHolding other = TestData.holding(CaseId.random(), first.agentId());

        // when
        routing().putHolding(first);
        routing().putHolding(other);
        Optional<RoutingHolding> beforeReplace = routing().findHolding(caseId);
        routing().putHolding(replacement);
        Optional<RoutingHolding> afterReplace = routing().findHolding(caseId);
        Optional<RoutingHolding> removed = routing().removeHolding(caseId);
        Optional<RoutingHolding> removedAgain = routing().removeHolding(caseId);

        // then
        assertThat(beforeReplace).contains(first);
        assertThat(afterReplace).contains(replacement);
        assertThat(removed).contains(replacement);
        assertThat(removedAgain).isEmpty();
        assertThat(routing().findHolding(caseId)).isEmpty();
        assertThat(routing().findHolding(other.caseId())).contains(other);
        assertThat(routing().findHolding(CaseId.random())).isEmpty();
    }

    @Test
    @DisplayName("a rollback leaves no routing state behind and restores what was there")
    void rollbackLeavesNoRoutingState() {
        // given
        RoutingWork kept = routing().insertWork(TestData.routingWork());
        RoutingHolding held = TestData.holding(CaseId.random(), AgentId.random());
        routing().putHolding(held);
        RoutingWork added = TestData.routingWorkWithEveryField();
        RoutingHolding newHolding = TestData.holding(CaseId.random(), AgentId.random());

        // when
        Throwable thrown = catchThrowable(() -> storage().transactions().runInTransaction(() -> {
            routing().insertWork(added);
            routing().updateWork(kept.withOffer(Optional.of(offerTo(AgentId.random()))));
            routing().putHolding(newHolding);
            routing().putHolding(new RoutingHolding(held.caseId(), AgentId.random(), Channel.EMAIL, 3,
                    held.since()));
            routing().removeHolding(held.caseId());
            throw new IllegalStateException("boom");
        }));

        // then
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(routing().findWork(added.caseId())).isEmpty();
        assertThat(routing().findWork(kept.caseId())).contains(kept);
        assertThat(routing().countWork()).isEqualTo(1);
        assertThat(routing().findHolding(newHolding.caseId())).isEmpty();
        assertThat(routing().findHolding(held.caseId())).contains(held);
    }

    @Test
    @DisplayName("when several threads update the same work at once, exactly one wins and the others get StaleVersionException")
    void concurrentWorkUpdatesLetExactlyOneWin() {
        requires(StorageCapability.CONCURRENT_WRITERS);
        // given
        RoutingWork work = routing().insertWork(TestData.routingWork());
        int threads = 8;

        for (int round = 0; round < 10; round++) {
            RoutingWork base = routing().findWork(work.caseId()).orElseThrow();

            // when
            List<Boolean> won = inParallel(threads, thread -> {
                try {
                    routing().updateWork(base.withOffer(Optional.of(offerTo(AgentId.random()))));
                    return true;
                } catch (StaleVersionException e) {
                    return false;
                }
            });

            // then
            assertThat(won).as("winners in round %d", round).containsOnlyOnce(true);
            assertThat(routing().findWork(work.caseId()).orElseThrow().version()).isEqualTo(base.version() + 1);
        }
    }

    @Test
    @DisplayName("when several threads hand out the same work at once, exactly one deletes it")
    void concurrentWorkDeletesLetExactlyOneWin() {
        requires(StorageCapability.CONCURRENT_WRITERS);
        // given
        int threads = 8;
        for (int round = 0; round < 10; round++) {
            RoutingWork work = routing().insertWork(TestData.routingWork());

            // when
            List<Boolean> won = inParallel(threads, thread -> {
                try {
                    routing().deleteWork(work);
                    return true;
                } catch (StaleVersionException | NotFoundException e) {
                    return false;
                }
            });

            // then
            assertThat(won).as("deleters that won in round %d", round).containsOnlyOnce(true);
            assertThat(routing().findWork(work.caseId())).isEmpty();
        }
    }
}
