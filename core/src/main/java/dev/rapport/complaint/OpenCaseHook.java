package dev.rapport.complaint;

import dev.rapport.internal.CaseAudit;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ComplaintCaseHook#openCases(CaseRepository)}: opens a complaint case or raises its priority; over a whole
 * storage ({@link ComplaintCaseHook#openCases(RapportStorage)}) it also records a raise in the case's audit trail.
 * Thread-safe.
 */
final class OpenCaseHook implements ComplaintCaseHook {

    private final CaseRepository cases;
    private final RapportStorage storage;

    OpenCaseHook(CaseRepository cases) {
        this.cases = cases;
        this.storage = null;
    }

    OpenCaseHook(RapportStorage storage) {
        this.cases = storage.cases();
        this.storage = storage;
    }

    @Override
    public Optional<CaseId> onAssessed(Complaint complaint, Priority priority, Instant at, List<DomainEvent> events) {
        Optional<Case> linked = complaint.caseId().flatMap(cases::findById);
        if (linked.isPresent()) {
            Case current = linked.get();
            if (current.priority().compareTo(priority) < 0 && current.status() != CaseStatus.CLOSED) {
                Case raised = cases.update(current.toBuilder().priority(priority).updatedAt(at).build());
                if (storage != null) {
                    CaseAudit.record(storage, current, raised, at, Actor.system());
                }
            }
            return Optional.of(current.id());
        }
        Case opened = cases.insert(Case.builder()
                .id(CaseId.random())
                .customerId(complaint.customerId())
                .subject("Complaint " + complaint.reference())
                .category(complaint.product().orElse(null))
                .type(CASE_TYPE)
                .priority(priority)
                .originChannel(complaint.channel())
                .createdAt(at)
                .updatedAt(at)
                .build());
        events.add(new CaseOpened(EventIds.of("complaint.case_opened", complaint.id(), opened.id()), at, opened.id(),
                opened.customerId(), opened.priority(), opened.originChannel()));
        return Optional.of(opened.id());
    }
}
