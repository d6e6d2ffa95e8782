package dev.rapport.complaint;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueDimension;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.RecurringIssueDetected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds recurring issues: run inside the transaction that gave a complaint a product or a root cause. When an
 * outstanding improvement item exists for the issue, the complaint joins it; otherwise, when {@code threshold}
 * complaints about the issue were received within the window, an item is opened (or a done one reopened in a new
 * round) and {@link RecurringIssueDetected} raised. The item's unique issue makes this happen once even when nodes
 * race. Thread-safe.
 */
final class RecurrenceDetector {

    private final ComplaintRepository complaints;
    private final RecurrencePolicy policy;

    RecurrenceDetector(ComplaintRepository complaints, RecurrencePolicy policy) {
        this.complaints = complaints;
        this.policy = policy;
    }

    void detect(Complaint trigger, IssueKey issue, Instant now, List<DomainEvent> events) {
        if (trigger.isCompliment()) {
            return;
        }
        Optional<ImprovementItem> existing = complaints.findImprovementByIssue(issue);
        if (existing.isPresent() && existing.get().status().isOutstanding()) {
            attach(existing.get(), trigger.id(), now);
            return;
        }
        Instant doneAt = existing.map(ImprovementItem::updatedAt).orElse(Instant.MIN);
        List<Complaint> related = related(trigger, issue).stream()
                .filter(c -> !c.isCompliment() && c.receivedAt().isAfter(doneAt)).toList();
        Optional<List<Complaint>> run = firstRun(related);
        if (run.isEmpty()) {
            return;
        }
        List<ComplaintId> ids = related.stream().map(Complaint::id)
                .limit(ImprovementItem.MAX_COMPLAINTS).toList();
        List<ComplaintId> runIds = run.get().stream().map(Complaint::id).toList();
        if (existing.isEmpty()) {
            ImprovementItem item = new ImprovementItem(ImprovementId.random(), issue, ImprovementStatus.OPEN, 1, now,
                    ids, Optional.empty(), now, 0);
            try {
                ImprovementItem stored = complaints.insertImprovement(item);
                events.add(detected(stored, runIds, now));
            } catch (DuplicateEntityException raced) {
                // another node opened the item first: it raised the event; this complaint joins the item
                complaints.findImprovementByIssue(issue).ifPresent(other -> attach(other, trigger.id(), now));
            }
        } else {
            ImprovementItem done = existing.get();
            ImprovementItem reopened = complaints.updateImprovement(new ImprovementItem(done.id(), issue,
                    ImprovementStatus.OPEN, done.round() + 1, now, ids, done.plan(), now, done.version()));
            events.add(detected(reopened, runIds, now));
        }
    }

    private static RecurringIssueDetected detected(ImprovementItem item, List<ComplaintId> run, Instant now) {
        return new RecurringIssueDetected(EventIds.of("complaint.recurring_issue", item.issue(), item.round()), now,
                item.id(), item.issue(), item.round(), run);
    }

    private void attach(ImprovementItem item, ComplaintId complaintId, Instant now) {
        if (item.complaints().contains(complaintId) || item.complaints().size() >= ImprovementItem.MAX_COMPLAINTS) {
            return;
        }
        List<ComplaintId> ids = new ArrayList<>(item.complaints());
        ids.add(complaintId);
        complaints.updateImprovement(new ImprovementItem(item.id(), item.issue(), item.status(), item.round(),
                item.detectedAt(), ids, item.plan(), now, item.version()));
    }

    /** Every complaint about the issue received less than a window before or after the trigger, in receipt order. */
    private List<Complaint> related(Complaint trigger, IssueKey issue) {
        Duration window = policy.window();
        // the closest instant kept (microseconds) after trigger - window, up to but excluding trigger + window
        TimeRange range = TimeRange.of(trigger.receivedAt().minus(window).plusNanos(1_000),
                trigger.receivedAt().plus(window));
        List<Complaint> all = new ArrayList<>();
        PageWalk.byTime(range, PageRequest.MAX_LIMIT,
                (received, request) -> issue.dimension() == IssueDimension.ROOT_CAUSE
                        ? complaints.findByRootCause(issue.code(), received, request)
                        : complaints.findByProduct(issue.code(), received, request),
                Complaint::receivedAt).forEach(all::add);
        return all;
    }

    /** The earliest {@code threshold} consecutive complaints whose latest came less than a window after the first. */
    private Optional<List<Complaint>> firstRun(List<Complaint> ordered) {
        int n = policy.threshold();
        for (int i = 0; i + n - 1 < ordered.size(); i++) {
            Instant first = ordered.get(i).receivedAt();
            Instant last = ordered.get(i + n - 1).receivedAt();
            if (Duration.between(first, last).compareTo(policy.window()) < 0) {
                return Optional.of(ordered.subList(i, i + n));
            }
        }
        return Optional.empty();
    }
}
