package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Money;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Complaints: round trips of every field, unique ids and references, versions, queries by customer, stage, receipt
 * time, root cause and product, the reference sequence, the append-only audit trail, improvement items, paging
 * and rollback.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Complaints"; not meant to be run on its own.
 */
public abstract class ComplaintContract extends ComplaintTrailContract {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected ComplaintContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    @Test
    @DisplayName("a complaint with every field set comes back exactly as stored with version 1, by id and by reference")
    void complaintWithEveryFieldRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = storedCase(customer.id());
        Complaint complaint = TestData.complaintWithEveryField(customer.id(), supportCase.id(), storedAgent().id(),
                storedAgent().id()).version(5).build();

        // when
        Complaint stored = complaints().insert(complaint);

        // then
        assertThat(stored).isEqualTo(complaint.withVersion(1));
        assertThat(complaints().findById(complaint.id())).contains(complaint.withVersion(1));
        assertThat(complaints().findByReference(complaint.reference())).contains(complaint.withVersion(1));
        Complaint found = complaints().get(complaint.id());
        assertThat(found.deadlines()).hasSize(3);
        assertThat(found.deadlines().get(1).extendedTo()).isPresent();
        assertThat(found.outcome().orElseThrow().remedies()).extracting(Remedy::amount)
                .contains(Optional.of(Money.of("4.99", "GBP")), Optional.empty());
        assertThat(List.<Object>copyOf(found.rootCauses())).containsExactlyElementsOf(complaint.rootCauses());
    }

    @Test
    @DisplayName("a complaint with every optional empty comes back with them empty")
    void complaintWithEmptyOptionalsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Instant now = TestData.now();
        Complaint complaint = Complaint.builder().id(ComplaintId.random()).reference(TestData.complaintReference())
                .customerId(customer.id()).channel(Channel.IN_PERSON).description("?").regime("r")
                .receivedAt(now).updatedAt(now).build();

        // when
        complaints().insert(complaint);

        // then
        Complaint found = complaints().get(complaint.id());
        assertThat(found).isEqualTo(complaint.withVersion(1));
        assertThat(found.product()).isEmpty();
        assertThat(found.remedySought()).isEmpty();
        assertThat(found.deadlines()).isEmpty();
        assertThat(found.assessment()).isEmpty();
        assertThat(found.agentIds()).isEmpty();
        assertThat(found.rootCauses()).isEmpty();
        assertThat(found.escalations()).isEmpty();
        assertThat(found.outcome()).isEmpty();
        assertThat(found.closedAt()).isEmpty();
    }

    @Test
    @DisplayName("a complaint at every size limit (texts of 100,000 characters, 20 deadlines, 50 root causes, a 28-character reference) round-trips")
    void complaintAtLimitsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Complaint complaint = TestData.complaintAtLimits(customer.id()).build();

        // when
        complaints().insert(complaint);

        // then
        assertThat(complaints().get(complaint.id())).isEqualTo(complaint.withVersion(1));
        assertThat(complaints().findByReference(complaint.reference())).map(Complaint::id)
                .contains(complaint.id());
    }

    @Test
    @DisplayName("every kind, stage and severity round-trips")
    void everyKindStageAndSeverityRoundTrips() {
        // given
        Customer customer = storedCustomer();
        List<Complaint> all = new ArrayList<>();
        for (ComplaintKind kind : ComplaintKind.values()) {
            for (ComplaintStage stage : ComplaintStage.values()) {
                Severity severity = Severity.values()[all.size() % Severity.values().length];
                all.add(TestData.complaint(customer.id()).kind(kind).stage(stage).severity(severity).build());
            }
        }

        // when
        all.forEach(complaints()::insert);

        // then
        for (Complaint complaint : all) {
            assertThat(complaints().get(complaint.id())).isEqualTo(complaint.withVersion(1));
        }
    }

    @Test
    @DisplayName("each stage update raises the version by one and keeps what the moves set")
    void complaintUpdatesThroughItsStages() {
        // given
        Customer customer = storedCustomer();
        Complaint v1 = complaints().insert(TestData.complaint(customer.id())
                .deadlines(List.of(ComplaintDeadline.due("reply", T0.plus(Duration.ofDays(15))))).build());
        Instant at = v1.receivedAt();

        // when
        Complaint v2 = complaints().update(v1.moveTo(ComplaintStage.ACKNOWLEDGED, at.plusSeconds(1)));
        Complaint v3 = complaints().update(v2.moveTo(ComplaintStage.RESPONDED, at.plusSeconds(2)));
        Complaint v4 = complaints().update(v3.moveTo(ComplaintStage.REOPENED, at.plusSeconds(3)));

        // then
        assertThat(List.of(v2.version(), v3.version(), v4.version())).containsExactly(2L, 3L, 4L);
        Complaint found = complaints().get(v1.id());
        assertThat(found).isEqualTo(v4);
        assertThat(found.stage()).isEqualTo(ComplaintStage.REOPENED);
        assertThat(found.acknowledgedAt()).contains(at.plusSeconds(1));
        assertThat(found.respondedAt()).contains(at.plusSeconds(2));
        assertThat(found.deadlines().get(0).metAt()).contains(at.plusSeconds(2));
        assertThat(found.reopenCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("an update based on a stale version is rejected and changes nothing")
    void staleComplaintUpdateIsRejected() {
        // given
        Customer customer = storedCustomer();
        Complaint v1 = storedComplaint(customer.id());
        Complaint v2 = complaints().update(v1.moveTo(ComplaintStage.ACKNOWLEDGED, v1.receivedAt().plusSeconds(1)));

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> complaints().update(v1.moveTo(ComplaintStage.CLOSED, v1.receivedAt().plusSeconds(2))));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.id()).isEqualTo(v1.id().toString());
        assertThat(thrown.expectedVersion()).isEqualTo(1);
        assertThat(complaints().get(v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("updating an unknown complaint throws ComplaintNotFoundException with its id and stores nothing")
    void updatingUnknownComplaintThrowsNotFound() {
        // given
        Customer customer = storedCustomer();
        Complaint unknown = TestData.complaint(customer.id()).version(1).build();

        // when
        ComplaintNotFoundException thrown = catchThrowableOfType(ComplaintNotFoundException.class,
                () -> complaints().update(unknown));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.complaintId()).contains(unknown.id());
        assertThat(complaints().findById(unknown.id())).isEmpty();
        assertThat(complaints().findByReference(unknown.reference())).isEmpty();
    }

    @Test
    @DisplayName("an unknown id or reference finds nothing, and get throws ComplaintNotFoundException naming it")
    void unknownComplaintIsNotFound() {
        // given
        ComplaintId unknown = ComplaintId.random();
        ComplaintReference unknownReference = TestData.complaintReference();

        // when
        ComplaintNotFoundException byId = catchThrowableOfType(ComplaintNotFoundException.class,
                () -> complaints().get(unknown));
        ComplaintNotFoundException byReference = catchThrowableOfType(ComplaintNotFoundException.class,
                () -> complaints().getByReference(unknownReference));

        // then
        assertThat(complaints().findById(unknown)).isEmpty();
        assertThat(complaints().findByReference(unknownReference)).isEmpty();
        assertThat(byId.complaintId()).contains(unknown);
        assertThat(byReference.reference()).contains(unknownReference);
    }

    @Test
    @DisplayName("a second complaint with the same id is rejected on key \"id\", one with the same reference on key \"reference\"")
    void duplicateComplaintIdOrReferenceIsRejected() {
        // given
        Customer customer = storedCustomer();
        Complaint first = storedComplaint(customer.id());
        Complaint sameId = TestData.complaint(customer.id()).id(first.id()).description("Other").build();
        Complaint sameReference = TestData.complaint(customer.id()).reference(first.reference()).build();

        // when
        DuplicateEntityException idClash = catchThrowableOfType(DuplicateEntityException.class,
                () -> complaints().insert(sameId));
        DuplicateEntityException referenceClash = catchThrowableOfType(DuplicateEntityException.class,
                () -> complaints().insert(sameReference));

        // then
        assertThat(idClash).isNotNull();
        assertThat(idClash.keyName()).isEqualTo("id");
        assertThat(referenceClash).isNotNull();
        assertThat(referenceClash.keyName()).isEqualTo("reference");
        assertThat(complaints().get(first.id())).isEqualTo(first);
        assertThat(complaints().findById(sameReference.id())).isEmpty();
        assertThat(complaints().getByReference(first.reference())).isEqualTo(first);
    }

    @Test
    @DisplayName("an update may change the reference to a free one, which frees the old one, but not to a taken one")
    void referenceChangesOnlyToAFreeOne() {
        // given
        Customer customer = storedCustomer();
        Complaint first = storedComplaint(customer.id());
        Complaint second = storedComplaint(customer.id());
        ComplaintReference fresh = TestData.complaintReference();

        // when
        DuplicateEntityException clash = catchThrowableOfType(DuplicateEntityException.class,
                () -> complaints().update(second.toBuilder().reference(first.reference()).build()));
        Complaint moved = complaints().update(second.toBuilder().reference(fresh).build());

        // then
        assertThat(clash).isNotNull();
        assertThat(clash.keyName()).isEqualTo("reference");
        assertThat(complaints().getByReference(first.reference())).isEqualTo(first);
        assertThat(complaints().getByReference(fresh)).isEqualTo(moved);
        assertThat(complaints().findByReference(second.reference())).isEmpty();
        assertThat(complaints().insert(TestData.complaint(customer.id()).reference(second.reference()).build())
                .reference()).isEqualTo(second.reference());
    }

    @Test
    @DisplayName("a customer's complaints and compliments come in receipt order, without other customers'")
    void complaintsOfACustomerInReceiptOrder() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        Complaint later = complaints().insert(TestData.complaint(customer.id()).receivedAt(T0.plusSeconds(60))
                .build());
        Complaint earlier = complaints().insert(TestData.compliment(customer.id()).receivedAt(T0).build());
        complaints().insert(TestData.complaint(other.id()).receivedAt(T0).build());

        // when
        Page<Complaint> found = complaints().findByCustomer(customer.id(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(earlier, later);
        assertThat(complaints().findByCustomer(CustomerId.random(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("complaints are found by any of several stages, in receipt order; no stage finds none")
    void complaintsFoundByAnyOfSeveralStages() {
        // given
        Customer customer = storedCustomer();
        Map<ComplaintStage, Complaint> byStage = new HashMap<>();
        int i = 0;
        for (ComplaintStage stage : ComplaintStage.values()) {
            byStage.put(stage, complaints().insert(TestData.complaint(customer.id()).stage(stage)
                    .receivedAt(T0.minusSeconds(i++)).build()));
        }

        // when
        Page<Complaint> found = complaints().findByStage(
                EnumSet.of(ComplaintStage.ACKNOWLEDGED, ComplaintStage.ESCALATED), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(byStage.get(ComplaintStage.ESCALATED),
                byStage.get(ComplaintStage.ACKNOWLEDGED));
        assertThat(complaints().findByStage(Set.of(ComplaintStage.CLOSED), PageRequest.first()).items())
                .containsExactly(byStage.get(ComplaintStage.CLOSED));
        assertThat(complaints().findByStage(Set.of(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("complaints are found by receipt time in a half-open range [from, to)")
    void complaintsReceivedInHalfOpenRange() {
        // given
        Customer customer = storedCustomer();
        List<Complaint> stored = new ArrayList<>();
        for (Instant at : aroundRange()) {
            stored.add(complaints().insert(TestData.complaint(customer.id()).receivedAt(at).updatedAt(at)
                    .build()));
        }

        // when
        Page<Complaint> found = complaints().findReceivedBetween(theRange(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
        assertThat(complaints().findReceivedBetween(TimeRange.ALL, PageRequest.first()).items())
                .containsExactlyElementsOf(stored);
    }

    @Test
    @DisplayName("complaints are found by one of their root causes and by product, within a half-open receipt range")
    void complaintsFoundByRootCauseAndProduct() {
        // given
        Customer customer = storedCustomer();
        List<Instant> times = aroundRange();
        List<Complaint> matching = new ArrayList<>();
        for (Instant at : times) {
            matching.add(complaints().insert(TestData.complaint(customer.id()).receivedAt(at)
                    .rootCauses(new LinkedHashSet<>(List.of("packaging", "delivery.courier")))
                    .product("kettle-K2").build()));
        }
        complaints().insert(TestData.complaint(customer.id()).receivedAt(times.get(2))
                .rootCauses(Set.of("delivery")).product("kettle-K3").build());
        complaints().insert(TestData.complaint(customer.id()).receivedAt(times.get(2))
                .rootCauses(Set.of("Packaging")).product("KETTLE-K2").build());

        // when
        Page<Complaint> byCause = complaints().findByRootCause("delivery.courier", theRange(),
                PageRequest.first());
        Page<Complaint> byProduct = complaints().findByProduct("kettle-K2", theRange(), PageRequest.first());

        // then
        assertThat(byCause.items()).containsExactly(matching.get(1), matching.get(2), matching.get(3));
        assertThat(byProduct.items()).containsExactly(matching.get(1), matching.get(2), matching.get(3));
        assertThat(complaints().findByRootCause("packaging", TimeRange.ALL, PageRequest.first()).items())
                .containsExactlyElementsOf(matching);
        assertThat(complaints().findByRootCause("unknown", TimeRange.ALL, PageRequest.first()).items()).isEmpty();
        assertThat(complaints().findByProduct("kettle", TimeRange.ALL, PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("walking the pages of complaints by customer, stage, receipt time, root cause and product visits each exactly once")
    void complaintPagesVisitEachOnce() {
        // given
        Customer customer = storedCustomer();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 22; i++) {
            Instant at = T0.plusSeconds(i / 3).plusNanos(i % 7 == 0 ? 1_000 : 0);
            expected.add(complaints().insert(TestData.complaint(customer.id()).receivedAt(at)
                    .stage(ComplaintStage.INVESTIGATING).rootCauses(Set.of("billing")).product("plan-x").build())
                    .id().value());
        }
        TimeRange hour = TimeRange.of(T0, T0.plus(Duration.ofHours(1)));

        // when / then
        assertPagesVisitEachOnce(page -> complaints().findByCustomer(customer.id(), page), c -> c.id().value(),
                Complaint::receivedAt, expected);
        assertPagesVisitEachOnce(page -> complaints().findByStage(Set.of(ComplaintStage.INVESTIGATING), page),
                c -> c.id().value(), Complaint::receivedAt, expected);
        assertPagesVisitEachOnce(page -> complaints().findReceivedBetween(hour, page), c -> c.id().value(),
                Complaint::receivedAt, expected);
        assertPagesVisitEachOnce(page -> complaints().findByRootCause("billing", hour, page),
                c -> c.id().value(), Complaint::receivedAt, expected);
        assertPagesVisitEachOnce(page -> complaints().findByProduct("plan-x", hour, page), c -> c.id().value(),
                Complaint::receivedAt, expected);
    }
}
