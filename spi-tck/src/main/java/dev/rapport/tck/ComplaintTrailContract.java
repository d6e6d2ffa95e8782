package dev.rapport.tck;

import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Complaints, continued: the reference sequence, the append-only audit trail, rollback of every complaint write,
 * and improvement items (round trips, unique ids and issues, versions, queries by status).
 *
 * <p>Run by {@link RapportStorageContract} as part of its nested group "Complaints", whose
 * {@link ComplaintContract} extends this class; not meant to be run on its own.
 */
public abstract class ComplaintTrailContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected ComplaintTrailContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    final Complaint storedComplaint(CustomerId customerId) {
        return complaints().insert(TestData.complaint(customerId).build());
    }

    @Test
    @DisplayName("reference numbers start at 1 in each year and grow with every call, years independent")
    void referenceNumbersGrowPerYear() {
        // when
        long first2026 = complaints().nextReferenceNumber(2026);
        long second2026 = complaints().nextReferenceNumber(2026);
        long first2027 = complaints().nextReferenceNumber(2027);
        long third2026 = complaints().nextReferenceNumber(2026);

        // then
        assertThat(first2026).isEqualTo(1);
        assertThat(first2027).isEqualTo(1);
        assertThat(second2026).isGreaterThan(first2026);
        assertThat(third2026).isGreaterThan(second2026);
    }

    @Test
    @DisplayName("reference numbers taken by many threads at once are all different")
    void concurrentReferenceNumbersAreDistinct() {
        requires(StorageCapability.CONCURRENT_WRITERS);
        // given
        int threads = 8;
        int perThread = 25;

        // when
        List<List<Long>> taken = inParallel(threads, thread -> {
            List<Long> numbers = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                numbers.add(complaints().nextReferenceNumber(2030));
            }
            return numbers;
        });

        // then
        List<Long> all = taken.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates().allMatch(n -> n > 0);
        for (List<Long> numbers : taken) {
            assertThat(numbers).as("one thread's numbers grow").isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("the audit trail keeps every entry exactly, in the order appended, equal times included")
    void auditTrailKeepsAppendOrder() {
        // given
        Customer customer = storedCustomer();
        Complaint complaint = storedComplaint(customer.id());
        Complaint other = storedComplaint(customer.id());
        Instant at = T0;
        List<AuditEntry> entries = List.of(
                AuditEntry.of(at, AuditEntry.SYSTEM, AuditAction.RECEIVED, null),
                AuditEntry.of(at, AuditEntry.SYSTEM, AuditAction.MESSAGE_SENT, "complaint_acknowledgement"),
                AuditEntry.stageChange(at, AuditEntry.SYSTEM, ComplaintStage.RECEIVED,
                        ComplaintStage.ACKNOWLEDGED, null),
                TestData.auditEntryWithEveryField(),
                AuditEntry.of(at.minusSeconds(1), "agent:" + UUID.randomUUID(), AuditAction.NOTE,
                        TestData.multilineText(Limits.TEXT)));

        // when
        for (AuditEntry entry : entries) {
            complaints().appendAudit(complaint.id(), entry);
            complaints().appendAudit(other.id(), TestData.auditEntry());
        }

        // then
        assertThat(complaints().auditTrail(complaint.id())).containsExactlyElementsOf(entries);
        assertThat(complaints().auditTrail(other.id())).hasSize(entries.size());
        assertThat(complaints().auditTrail(ComplaintId.random())).isEmpty();
    }

    @Test
    @DisplayName("an audit entry for an unknown complaint throws ComplaintNotFoundException and is not kept")
    void auditForUnknownComplaintIsRejected() {
        // given
        ComplaintId unknown = ComplaintId.random();

        // when
        ComplaintNotFoundException thrown = catchThrowableOfType(ComplaintNotFoundException.class,
                () -> complaints().appendAudit(unknown, TestData.auditEntry()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.complaintId()).contains(unknown);
        assertThat(complaints().auditTrail(unknown)).isEmpty();
    }

    @Test
    @DisplayName("a rolled-back transaction leaves no complaint, update, audit entry or improvement item behind")
    void rollbackUndoesComplaintWrites() {
        // given
        Customer customer = storedCustomer();
        Complaint existing = storedComplaint(customer.id());
        complaints().appendAudit(existing.id(), TestData.auditEntry());
        Complaint fresh = TestData.complaint(customer.id()).build();
        ImprovementItem item = TestData.improvement(existing.id());
        IllegalStateException boom = new IllegalStateException("boom");

        // when
        Throwable thrown = catchThrowable(() ->
                storage().transactions().runInTransaction(() -> {
                    complaints().insert(fresh);
                    complaints().appendAudit(fresh.id(), TestData.auditEntry());
                    complaints().update(existing.toBuilder().reference(TestData.complaintReference()).build());
                    complaints().appendAudit(existing.id(), TestData.auditEntryWithEveryField());
                    complaints().insertImprovement(item);
                    throw boom;
                }));

        // then
        assertThat(thrown).isSameAs(boom);
        assertThat(complaints().findById(fresh.id())).isEmpty();
        assertThat(complaints().findByReference(fresh.reference())).isEmpty();
        assertThat(complaints().auditTrail(fresh.id())).isEmpty();
        assertThat(complaints().get(existing.id())).isEqualTo(existing);
        assertThat(complaints().getByReference(existing.reference())).isEqualTo(existing);
        assertThat(complaints().auditTrail(existing.id())).hasSize(1);
        assertThat(complaints().findImprovementById(item.id())).isEmpty();
        assertThat(complaints().findImprovementByIssue(item.issue())).isEmpty();
        assertThat(complaints().insert(fresh).version()).isEqualTo(1);
    }

    @Test
    @DisplayName("an improvement item round-trips by id and by issue and moves through its statuses with growing versions")
    void improvementRoundTripsAndMoves() {
        // given
        Customer customer = storedCustomer();
        Complaint a = storedComplaint(customer.id());
        Complaint b = storedComplaint(customer.id());
        ImprovementItem item = TestData.improvement(a.id(), b.id()).withVersion(9);

        // when
        ImprovementItem v1 = complaints().insertImprovement(item);
        ImprovementItem v2 = complaints().updateImprovement(new ImprovementItem(v1.id(), v1.issue(),
                ImprovementStatus.PLANNED, 1, v1.detectedAt(), List.of(a.id(), b.id(), a.id()),
                Optional.of("Neue Kartons ab Q3 📦\nDouble-wall boxes"), v1.updatedAt().plusSeconds(1), 1));
        ImprovementItem v3 = complaints().updateImprovement(v2.moveTo(ImprovementStatus.DONE,
                v2.updatedAt().plusSeconds(1)));

        // then
        assertThat(v1).isEqualTo(item.withVersion(1));
        assertThat(List.of(v2.version(), v3.version())).containsExactly(2L, 3L);
        assertThat(complaints().findImprovementById(item.id())).contains(v3);
        assertThat(complaints().findImprovementByIssue(item.issue())).contains(v3);
        assertThat(v3.complaints()).containsExactly(a.id(), b.id(), a.id());
        assertThat(v3.plan()).isEqualTo(v2.plan());
        assertThat(complaints().findImprovementById(ImprovementId.random())).isEmpty();
        assertThat(complaints().findImprovementByIssue(IssueKey.rootCause("nothing"))).isEmpty();
    }

    @Test
    @DisplayName("a second improvement item with the same id or issue is rejected, and the first stays as it was")
    void duplicateImprovementIsRejected() {
        // given
        ImprovementItem first = complaints().insertImprovement(TestData.improvement());
        ImprovementItem sameIssue = new ImprovementItem(ImprovementId.random(), first.issue(),
                ImprovementStatus.OPEN, 1, T0, List.of(), Optional.empty(), T0, 0);
        ImprovementItem sameIssueOtherDimension = new ImprovementItem(ImprovementId.random(),
                IssueKey.rootCause(first.issue().code()), ImprovementStatus.OPEN, 1, T0, List.of(),
                Optional.empty(), T0, 0);

        // when
        DuplicateEntityException idClash = catchThrowableOfType(DuplicateEntityException.class,
                () -> complaints().insertImprovement(new ImprovementItem(first.id(), IssueKey.product("other"),
                        ImprovementStatus.OPEN, 1, T0, List.of(), Optional.empty(), T0, 0)));
        DuplicateEntityException issueClash = catchThrowableOfType(DuplicateEntityException.class,
                () -> complaints().insertImprovement(sameIssue));
        ImprovementItem otherDimension = complaints().insertImprovement(sameIssueOtherDimension);

        // then
        assertThat(idClash.keyName()).isEqualTo("id");
        assertThat(issueClash.keyName()).isEqualTo("issue");
        assertThat(complaints().findImprovementById(first.id())).contains(first);
        assertThat(complaints().findImprovementById(sameIssue.id())).isEmpty();
        assertThat(complaints().findImprovementByIssue(sameIssueOtherDimension.issue())).contains(otherDimension);
    }

    @Test
    @DisplayName("a stale improvement update is rejected, an unknown one is not found, and neither changes anything")
    void staleImprovementUpdateIsRejected() {
        // given
        ImprovementItem v1 = complaints().insertImprovement(TestData.improvement());
        ImprovementItem v2 = complaints().updateImprovement(v1.moveTo(ImprovementStatus.PLANNED, T0));
        ImprovementItem unknown = TestData.improvement().withVersion(1);

        // when
        StaleVersionException stale = catchThrowableOfType(StaleVersionException.class,
                () -> complaints().updateImprovement(v1.moveTo(ImprovementStatus.DONE, T0)));
        ImprovementNotFoundException missing = catchThrowableOfType(ImprovementNotFoundException.class,
                () -> complaints().updateImprovement(unknown));

        // then
        assertThat(stale).isNotNull();
        assertThat(stale.expectedVersion()).isEqualTo(1);
        assertThat(missing.improvementId()).isEqualTo(unknown.id());
        assertThat(complaints().findImprovementById(v1.id())).contains(v2);
        assertThat(complaints().findImprovementById(unknown.id())).isEmpty();
    }

    @Test
    @DisplayName("improvement items are found by any of several statuses, in detection order")
    void improvementsFoundByStatusInDetectionOrder() {
        // given
        List<ImprovementItem> stored = new ArrayList<>();
        int i = 0;
        for (ImprovementStatus status : ImprovementStatus.values()) {
            for (int copy = 0; copy < 2; copy++) {
                ImprovementItem item = TestData.improvement();
                stored.add(complaints().insertImprovement(new ImprovementItem(item.id(), item.issue(), status,
                        1 + copy, T0.minusSeconds(i++), List.of(), Optional.empty(), T0, 0)));
            }
        }

        // when
        Page<ImprovementItem> outstanding = complaints().findImprovementsByStatus(
                EnumSet.of(ImprovementStatus.OPEN, ImprovementStatus.PLANNED), PageRequest.first());

        // then
        assertThat(outstanding.items()).containsExactly(stored.get(3), stored.get(2), stored.get(1),
                stored.get(0));
        assertThat(complaints().findImprovementsByStatus(Set.of(ImprovementStatus.DONE), PageRequest.first())
                .items()).containsExactly(stored.get(5), stored.get(4));
        assertThat(complaints().findImprovementsByStatus(Set.of(), PageRequest.first()).items()).isEmpty();
        assertPagesVisitEachOnce(page -> complaints().findImprovementsByStatus(
                EnumSet.allOf(ImprovementStatus.class), page), item -> item.id().value(),
                ImprovementItem::detectedAt, stored.stream().map(item -> item.id().value())
                        .collect(Collectors.toSet()));
    }
}
