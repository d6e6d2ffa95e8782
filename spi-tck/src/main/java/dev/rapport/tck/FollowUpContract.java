package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpNotFoundException;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Follow-ups: round trips, versions, unique ids and idempotency keys, queries, and claims under leases.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Follow-ups"; not meant to be run on its own.
 */
public abstract class FollowUpContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected FollowUpContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    @Test
    @DisplayName("a follow-up with every field set comes back exactly as stored with version 1")
    void followUpWithEveryFieldRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = storedCase(customer.id());
        FollowUp followUp = TestData.followUpWithEveryField(customer.id(), supportCase.id()).version(9).build();

        // when
        FollowUp stored = followUps().insert(followUp);

        // then
        assertThat(stored).isEqualTo(followUp.withVersion(1));
        assertThat(followUps().findById(followUp.id())).contains(followUp.withVersion(1));
    }

    @Test
    @DisplayName("a follow-up with every optional empty comes back with them empty")
    void followUpWithEmptyOptionalsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Instant now = TestData.now();
        FollowUp followUp = FollowUp.builder().id(FollowUpId.random()).customerId(customer.id())
                .kind(FollowUpKind.BIRTHDAY).channel(Channel.SMS).dueAt(now.plus(Duration.ofDays(30)))
                .idempotencyKey("birthday:" + customer.id() + ":2030").createdAt(now).updatedAt(now).build();

        // when
        followUps().insert(followUp);

        // then
        FollowUp found = followUps().get(followUp.id());
        assertThat(found).isEqualTo(followUp.withVersion(1));
        assertThat(found.caseId()).isEmpty();
        assertThat(found.leaseOwner()).isEmpty();
        assertThat(found.leaseUntil()).isEmpty();
        assertThat(found.values()).isEmpty();
    }

    @Test
    @DisplayName("errors and cancel reasons of 100,000 characters, 100 values and keys of 200 characters round-trip")
    void followUpAtLimitsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        FollowUp followUp = TestData.followUpAtLimits(customer.id()).build();

        // when
        followUps().insert(followUp);

        // then
        assertThat(followUps().get(followUp.id())).isEqualTo(followUp.withVersion(1));
        assertThat(followUps().findByIdempotencyKey(followUp.idempotencyKey()))
                .contains(followUp.withVersion(1));
    }

    @Test
    @DisplayName("every status, every built-in kind and a host-defined kind and channel round-trip")
    void everyFollowUpStatusAndKindRoundTrips() {
        // given
        Customer customer = storedCustomer();
        List<FollowUpKind> kinds = new ArrayList<>(FollowUpKind.BUILT_IN);
        kinds.add(FollowUpKind.of("anniversary_card"));
        List<FollowUp> all = new ArrayList<>();
        for (FollowUpStatus status : FollowUpStatus.values()) {
            for (FollowUpKind kind : kinds) {
                Channel channel = all.size() % 3 == 0 ? TestData.LINE : Channel.EMAIL;
                all.add(TestData.followUp(customer.id()).status(status).kind(kind).channel(channel).build());
            }
        }

        // when
        all.forEach(followUps()::insert);

        // then
        for (FollowUp followUp : all) {
            assertThat(followUps().get(followUp.id())).isEqualTo(followUp.withVersion(1));
        }
    }

    @Test
    @DisplayName("each update raises the version by one and stores every changed field")
    void followUpUpdateRaisesVersionByOne() {
        // given
        Customer customer = storedCustomer();
        FollowUp v1 = followUps().insert(TestData.followUp(customer.id()).build());

        // when
        FollowUp v2 = followUps().update(v1.toBuilder().dueAt(v1.dueAt().plus(Duration.ofHours(2))).build());
        FollowUp v3 = followUps().update(v2.toBuilder().status(FollowUpStatus.CANCELLED)
                .cancelReason("Customer unsubscribed").updatedAt(v2.updatedAt().plusSeconds(1)).build());

        // then
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(followUps().get(v1.id())).isEqualTo(v3);
        assertThat(v3.cancelReason()).contains("Customer unsubscribed");
    }

    @Test
    @DisplayName("updateEach stores the current follow-ups, skips a stale and a missing one, and answers in order")
    void updateEachStoresCurrentAndSkipsStale() {
        // given
        Customer customer = storedCustomer();
        FollowUp first = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp stale = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp newer = followUps().update(stale.toBuilder().attempts(1).build());
        FollowUp missing = TestData.followUp(customer.id()).version(1).build();
        FollowUp last = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp firstSent = first.toBuilder().status(FollowUpStatus.SENT).attempts(1).lastError("none").build();
        FollowUp lastCancelled = last.toBuilder().status(FollowUpStatus.CANCELLED).cancelReason("replied").build();

        // when
        List<Optional<FollowUp>> results = followUps().updateEach(List.of(firstSent,
                stale.toBuilder().status(FollowUpStatus.FAILED).build(), missing, lastCancelled));

        // then
        assertThat(results).containsExactly(Optional.of(firstSent.withVersion(2)), Optional.empty(),
                Optional.empty(), Optional.of(lastCancelled.withVersion(2)));
        assertThat(followUps().get(first.id())).isEqualTo(firstSent.withVersion(2));
        assertThat(followUps().get(stale.id())).isEqualTo(newer);
        assertThat(followUps().findById(missing.id())).isEmpty();
        assertThat(followUps().get(last.id())).isEqualTo(lastCancelled.withVersion(2));
        assertThat(followUps().updateEach(List.of())).isEmpty();
    }

    @Test
    @DisplayName("updateEach keeps every field exactly, times to the microsecond centuries apart, values and empties")
    void updateEachKeepsEveryField() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = storedCase(customer.id());
        FollowUp full = followUps().insert(TestData.followUpWithEveryField(customer.id(), supportCase.id()).build());
        FollowUp plain = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp fullChanged = full.toBuilder().dueAt(Instant.parse("1900-01-01T00:00:00.000001Z"))
                .expiresAt(Instant.parse("2999-12-31T23:59:59.999999Z"))
                .leaseUntil(Instant.parse("2024-02-29T12:34:56.789012Z")).leaseOwner("node ü 🚀")
                .lastError("line one\nline 'two'; DROP TABLE x; --").cancelReason(null)
                .values(Map.of("name", "Zoë \"Z\" O'Brien", "emoji", "🎉")).build();
        FollowUp plainChanged = plain.toBuilder().caseId(supportCase.id()).expiresAt(null).leaseOwner(null)
                .leaseUntil(null).lastError(null).values(Map.of()).build();

        // when
        List<Optional<FollowUp>> results = followUps().updateEach(List.of(fullChanged, plainChanged));

        // then
        assertThat(results).containsExactly(Optional.of(fullChanged.withVersion(full.version() + 1)),
                Optional.of(plainChanged.withVersion(plain.version() + 1)));
        assertThat(followUps().get(full.id())).isEqualTo(fullChanged.withVersion(full.version() + 1));
        assertThat(followUps().get(plain.id())).isEqualTo(plainChanged.withVersion(plain.version() + 1));
    }

    @Test
    @DisplayName("updateEach that breaks a constraint for one follow-up writes none of them")
    void updateEachIsAllOrNothing() {
        // given
        Customer customer = storedCustomer();
        FollowUp holder = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp a = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp b = followUps().insert(TestData.followUp(customer.id()).build());

        // when b is given a's neighbour's idempotency key
        Throwable thrown = catchThrowable(() -> followUps().updateEach(List.of(
                a.toBuilder().status(FollowUpStatus.SENT).build(),
                b.toBuilder().idempotencyKey(holder.idempotencyKey()).build())));

        // then
        assertThat(thrown).isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertThat(followUps().get(a.id())).isEqualTo(a);
        assertThat(followUps().get(b.id())).isEqualTo(b);
        assertThat(followUps().get(holder.id())).isEqualTo(holder);
    }

    @Test
    @DisplayName("updateEach inside a transaction that rolls back leaves every follow-up as it was")
    void updateEachRollsBackWithTransaction() {
        // given
        Customer customer = storedCustomer();
        FollowUp a = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp b = followUps().insert(TestData.followUp(customer.id()).build());

        // when
        assertThatThrownBy(() -> storage().transactions().runInTransaction(() -> {
            followUps().updateEach(List.of(a.toBuilder().status(FollowUpStatus.SENT).build(),
                    b.toBuilder().status(FollowUpStatus.SENT).build()));
            throw new IllegalStateException("abort");
        })).hasMessage("abort");

        // then
        assertThat(followUps().get(a.id())).isEqualTo(a);
        assertThat(followUps().get(b.id())).isEqualTo(b);
    }

    @Test
    @DisplayName("updateEach refuses a follow-up given twice, naming the field and the rule, and writes nothing")
    void updateEachRefusesRepeatedId() {
        // given
        Customer customer = storedCustomer();
        FollowUp a = followUps().insert(TestData.followUp(customer.id()).build());

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> followUps().updateEach(List.of(a.toBuilder().status(FollowUpStatus.SENT).build(),
                        a.toBuilder().status(FollowUpStatus.CANCELLED).build())));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.violations()).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo("followUps");
            assertThat(v.rule()).isEqualTo("Unique");
        });
        assertThat(followUps().get(a.id())).isEqualTo(a);
    }

    @Test
    @DisplayName("an update based on a stale version is rejected and changes nothing")
    void staleFollowUpUpdateIsRejected() {
        // given
        Customer customer = storedCustomer();
        FollowUp v1 = followUps().insert(TestData.followUp(customer.id()).build());
        FollowUp v2 = followUps().update(v1.toBuilder().attempts(1).build());

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> followUps().update(v1.toBuilder().status(FollowUpStatus.CANCELLED).build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.id()).isEqualTo(v1.id().toString());
        assertThat(thrown.expectedVersion()).isEqualTo(1);
        assertThat(followUps().get(v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("updating an unknown follow-up throws FollowUpNotFoundException with its id and stores nothing")
    void updatingUnknownFollowUpThrowsNotFound() {
        // given
        Customer customer = storedCustomer();
        FollowUp unknown = TestData.followUp(customer.id()).version(1).build();

        // when
        FollowUpNotFoundException thrown = catchThrowableOfType(FollowUpNotFoundException.class,
                () -> followUps().update(unknown));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.followUpId()).isEqualTo(unknown.id());
        assertThat(followUps().findById(unknown.id())).isEmpty();
        assertThat(followUps().findByIdempotencyKey(unknown.idempotencyKey())).isEmpty();
    }

    @Test
    @DisplayName("an unknown id finds nothing, and get throws FollowUpNotFoundException with the id")
    void unknownFollowUpIsNotFound() {
        // given
        FollowUpId unknown = FollowUpId.random();

        // when
        FollowUpNotFoundException thrown = catchThrowableOfType(FollowUpNotFoundException.class,
                () -> followUps().get(unknown));

        // then
        assertThat(followUps().findById(unknown)).isEmpty();
        assertThat(thrown).isNotNull();
        assertThat(thrown.followUpId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("a second follow-up with the same id is rejected on key \"id\"")
    void duplicateFollowUpIdIsRejected() {
        // given
        Customer customer = storedCustomer();
        FollowUp first = followUps().insert(TestData.followUp(customer.id()).build());

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> followUps().insert(TestData.followUp(customer.id()).id(first.id()).build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(followUps().get(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("a second follow-up with the same idempotency key throws DuplicateIdempotencyKeyException naming the stored one")
    void duplicateIdempotencyKeyIsRejected() {
        // given
        Customer customer = storedCustomer();
        FollowUp first = followUps().insert(TestData.followUp(customer.id())
                .idempotencyKey("survey:case-4711").build());
        FollowUp again = TestData.followUp(customer.id()).kind(FollowUpKind.SURVEY)
                .idempotencyKey("survey:case-4711").build();

        // when
        DuplicateIdempotencyKeyException thrown = catchThrowableOfType(DuplicateIdempotencyKeyException.class,
                () -> followUps().insert(again));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.existing()).isEqualTo(first.id());
        assertThat(thrown.idempotencyKey()).isEqualTo("survey:case-4711");
        assertThat(followUps().findById(again.id())).isEmpty();
        assertThat(followUps().findByIdempotencyKey("survey:case-4711")).contains(first);
    }

    @Test
    @DisplayName("a follow-up is found by its exact idempotency key")
    void findsFollowUpByIdempotencyKey() {
        // given
        Customer customer = storedCustomer();
        FollowUp stored = followUps().insert(TestData.followUp(customer.id()).idempotencyKey("Renewal:2025")
                .build());

        // when / then
        assertThat(followUps().findByIdempotencyKey("Renewal:2025")).contains(stored);
        assertThat(followUps().findByIdempotencyKey("renewal:2025")).isEmpty();
        assertThat(followUps().findByIdempotencyKey("Renewal:2026")).isEmpty();
    }

    @Test
    @DisplayName("a customer's follow-ups come in due order, without other customers' follow-ups")
    void followUpsOfACustomerInDueOrder() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        FollowUp later = followUps().insert(TestData.followUp(customer.id()).dueAt(T0.plusSeconds(1)).build());
        FollowUp earlier = followUps().insert(TestData.followUp(customer.id()).dueAt(T0).build());
        followUps().insert(TestData.followUp(other.id()).dueAt(T0).build());

        // when
        Page<FollowUp> found = followUps().findByCustomer(customer.id(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(earlier, later);
    }

    @Test
    @DisplayName("follow-ups are found by any of several statuses, in due order; no status finds none")
    void followUpsByStatusInDueOrder() {
        // given
        Customer customer = storedCustomer();
        Map<FollowUpStatus, FollowUp> byStatus = new HashMap<>();
        int i = 0;
        for (FollowUpStatus status : FollowUpStatus.values()) {
            byStatus.put(status, storedFollowUp(customer.id(), status, T0.minusSeconds(i++)));
        }

        // when
        Page<FollowUp> found = followUps().findByStatus(EnumSet.of(FollowUpStatus.SCHEDULED,
                FollowUpStatus.FAILED), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(byStatus.get(FollowUpStatus.FAILED),
                byStatus.get(FollowUpStatus.SCHEDULED));
        assertThat(followUps().findByStatus(Set.of(), PageRequest.first()).items()).isEmpty();
    }

    /** Claims: what is due, in which order, what a claim stores, and how leases protect and lapse; the tests are
     * in {@link FollowUpClaimContract}. */
    @Nested
    @DisplayName("Claims")
    class ClaimTests extends FollowUpClaimContract {
        ClaimTests() {
            super(FollowUpContract.this::storage, FollowUpContract.this::capabilities);
        }
    }
}
