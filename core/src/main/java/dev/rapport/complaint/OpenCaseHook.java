package dev.rapport.complaint;

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

/** {@link ComplaintCaseHook#openCases(CaseRepository)}: opens a complaint case or raises its priority. Thread-safe. */
final class OpenCaseHook implements ComplaintCaseHook {

    private final CaseRepository cases;

    OpenCaseHook(CaseRepository cases) {
        this.cases = cases;
    }

    @Override
    public Optional<CaseId> onAssessed(Complaint complaint, Priority priority, Instant at, List<DomainEvent> events) {
        Optional<Case> linked = complaint.caseId().flatMap(cases::findById);
        if (linked.isPresent()) {
            Case current = linked.get();
            if (current.priority().compareTo(priority) < 0 && current.status() != CaseStatus.CLOSED) {
                cases.update(current.toBuilder().priority(priority).updatedAt(at).build());
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
