package dev.rapport.tck.memory;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.customer.CustomerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

final class MemoryComplaints implements ComplaintRepository {

    private static final Comparator<Complaint> ORDER = Comparator.comparing(Complaint::receivedAt)
            .thenComparing(c -> c.id().value(), MemoryState.ID_ORDER);
    private static final Comparator<ImprovementItem> IMPROVEMENT_ORDER = Comparator
            .comparing(ImprovementItem::detectedAt).thenComparing(i -> i.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<ComplaintId, Complaint> byId = new HashMap<>();
    private final Map<ComplaintReference, ComplaintId> byReference = new HashMap<>();
    /** Audit trails are immutable lists replaced on append, so a rollback restores the list as it was. */
    private final Map<ComplaintId, List<AuditEntry>> audit = new HashMap<>();
    private final Map<Integer, Long> sequences = new HashMap<>();
    private final Map<ImprovementId, ImprovementItem> improvements = new HashMap<>();
    private final Map<IssueKey, ImprovementId> improvementByIssue = new HashMap<>();

    MemoryComplaints(MemoryState state) {
        this.state = state;
    }

    @Override
    public Complaint insert(Complaint complaint) {
        ValueDomain.check(complaint);
        Objects.requireNonNull(complaint, "complaint");
        return state.inTransaction(() -> {
            if (byId.containsKey(complaint.id())) {
                throw DuplicateEntityException.ofId("complaint", complaint.id());
            }
            if (byReference.containsKey(complaint.reference())) {
                throw duplicateReference(complaint.reference());
            }
            Complaint stored = complaint.withVersion(1);
            state.put(byId, stored.id(), stored);
            state.put(byReference, stored.reference(), stored.id());
            return stored;
        });
    }

    @Override
    public Complaint update(Complaint complaint) {
        ValueDomain.check(complaint);
        Objects.requireNonNull(complaint, "complaint");
        return state.inTransaction(() -> {
            Complaint current = byId.get(complaint.id());
            if (current == null) {
                throw new ComplaintNotFoundException(complaint.id());
            }
            if (current.version() != complaint.version()) {
                throw new StaleVersionException("complaint", complaint.id(), complaint.version());
            }
            if (!current.reference().equals(complaint.reference())) {
                if (byReference.containsKey(complaint.reference())) {
                    throw duplicateReference(complaint.reference());
                }
                state.remove(byReference, current.reference());
                state.put(byReference, complaint.reference(), complaint.id());
            }
            Complaint stored = complaint.withVersion(current.version() + 1);
            state.put(byId, stored.id(), stored);
            return stored;
        });
    }

    private static DuplicateEntityException duplicateReference(ComplaintReference reference) {
        return new DuplicateEntityException("complaint", "reference",
                "a complaint with reference " + reference + " already exists");
    }

    @Override
    public Optional<Complaint> findById(ComplaintId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Complaint> findByReference(ComplaintReference reference) {
        return state.locked(() -> Optional.ofNullable(byReference.get(reference)).map(byId::get));
    }

    @Override
    public Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> c.customerId().equals(customerId), ORDER,
                page));
    }

    @Override
    public Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> stages.contains(c.stage()), ORDER, page));
    }

    @Override
    public java.util.List<Complaint> listByStageAfter(Set<ComplaintStage> stages,
            java.util.Optional<ComplaintId> after, int limit) {
        java.util.Objects.requireNonNull(stages, "stages");
        java.util.Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return state.locked(() -> byId.values().stream()
                .filter(c -> stages.contains(c.stage()))
                .filter(c -> after.isEmpty() || MemoryState.ID_ORDER.compare(c.id().value(), after.get().value()) > 0)
                .sorted(java.util.Comparator.comparing(c -> c.id().value(), MemoryState.ID_ORDER)).limit(limit)
                .toList());
    }

    @Override
    public Page<Complaint> findReceivedBetween(TimeRange received, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> received.contains(c.receivedAt()), ORDER,
                page));
    }

    @Override
    public Page<Complaint> findByRootCause(String rootCause, TimeRange received, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(),
                c -> c.rootCauses().contains(rootCause) && received.contains(c.receivedAt()), ORDER, page));
    }

    @Override
    public Page<Complaint> findByProduct(String product, TimeRange received, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(),
                c -> c.product().filter(product::equals).isPresent() && received.contains(c.receivedAt()), ORDER,
                page));
    }

    @Override
    public long nextReferenceNumber(int year) {
        if (year < 1000 || year > 9999) {
            throw ValidationException.of("nextReferenceNumber", "year", "Range", "must have four digits");
        }
        return state.inTransaction(() -> {
            long next = sequences.getOrDefault(year, 0L) + 1;
            state.put(sequences, year, next);
            return next;
        });
    }

    @Override
    public void appendAudit(ComplaintId complaintId, AuditEntry entry) {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(entry, "entry");
        state.inTransaction(() -> {
            if (!byId.containsKey(complaintId)) {
                throw new ComplaintNotFoundException(complaintId);
            }
            List<AuditEntry> trail = new ArrayList<>(audit.getOrDefault(complaintId, List.of()));
            trail.add(entry);
            state.put(audit, complaintId, List.copyOf(trail));
            return null;
        });
    }

    @Override
    public List<AuditEntry> auditTrail(ComplaintId complaintId) {
        return state.locked(() -> audit.getOrDefault(complaintId, List.of()));
    }

    @Override
    public int redactAuditDetails(ComplaintId complaintId, Map<Integer, Optional<String>> details) {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(details, "details");
        details.forEach((position, detail) -> {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(detail, "detail");
        });
        return state.inTransaction(() -> {
            if (!byId.containsKey(complaintId)) {
                throw new ComplaintNotFoundException(complaintId);
            }
            List<AuditEntry> trail = new ArrayList<>(audit.getOrDefault(complaintId, List.of()));
            for (int position : details.keySet()) {
                if (position < 0 || position >= trail.size()) {
                    throw new IllegalArgumentException("audit position " + position + " is outside the trail of "
                            + trail.size() + " entries of complaint " + complaintId);
                }
            }
            int changed = 0;
            for (Map.Entry<Integer, Optional<String>> e : details.entrySet()) {
                AuditEntry entry = trail.get(e.getKey());
                if (!entry.detail().equals(e.getValue())) {
                    trail.set(e.getKey(), new AuditEntry(entry.at(), entry.actor(), entry.action(), entry.from(),
                            entry.to(), e.getValue()));
                    changed++;
                }
            }
            if (changed > 0) {
                state.put(audit, complaintId, List.copyOf(trail));
            }
            return changed;
        });
    }

    @Override
    public ImprovementItem insertImprovement(ImprovementItem item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "item");
        return state.inTransaction(() -> {
            if (improvements.containsKey(item.id())) {
                throw DuplicateEntityException.ofId("improvement", item.id());
            }
            if (improvementByIssue.containsKey(item.issue())) {
                throw duplicateIssue(item.issue());
            }
            ImprovementItem stored = item.withVersion(1);
            state.put(improvements, stored.id(), stored);
            state.put(improvementByIssue, stored.issue(), stored.id());
            return stored;
        });
    }

    @Override
    public ImprovementItem updateImprovement(ImprovementItem item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "item");
        return state.inTransaction(() -> {
            ImprovementItem current = improvements.get(item.id());
            if (current == null) {
                throw new ImprovementNotFoundException(item.id());
            }
            if (current.version() != item.version()) {
                throw new StaleVersionException("improvement", item.id(), item.version());
            }
            if (!current.issue().equals(item.issue())) {
                if (improvementByIssue.containsKey(item.issue())) {
                    throw duplicateIssue(item.issue());
                }
                state.remove(improvementByIssue, current.issue());
                state.put(improvementByIssue, item.issue(), item.id());
            }
            ImprovementItem stored = item.withVersion(current.version() + 1);
            state.put(improvements, stored.id(), stored);
            return stored;
        });
    }

    private static DuplicateEntityException duplicateIssue(IssueKey issue) {
        return new DuplicateEntityException("improvement", "issue",
                "an improvement item for " + issue + " already exists");
    }

    @Override
    public Optional<ImprovementItem> findImprovementById(ImprovementId id) {
        return state.locked(() -> Optional.ofNullable(improvements.get(id)));
    }

    @Override
    public Optional<ImprovementItem> findImprovementByIssue(IssueKey issue) {
        return state.locked(() -> Optional.ofNullable(improvementByIssue.get(issue)).map(improvements::get));
    }

    @Override
    public Page<ImprovementItem> findImprovementsByStatus(Set<ImprovementStatus> statuses, PageRequest page) {
        return state.locked(() -> MemoryState.page(improvements.values(), i -> statuses.contains(i.status()),
                IMPROVEMENT_ORDER, page));
    }

    /** Gives the customer's complaints to another customer; for {@code CustomerMerges.reassign}. Call in a transaction. */
    int reassignCustomer(CustomerId from, CustomerId into) {
        int moved = 0;
        for (Complaint value : List.copyOf(byId.values())) {
            if (value.customerId().equals(from)) {
                state.put(byId, value.id(), value.toBuilder().customerId(into).version(value.version() + 1).build());
                moved++;
            }
        }
        return moved;
    }
}
