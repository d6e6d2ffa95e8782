package dev.rapport.spi.event;

import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.IssueKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Enough complaints share a root cause or a product within the configured window: an improvement item was opened
 * (or reopened, in a new round). Raised once per issue and round.
 *
 * @param eventId the event's id, derived from the issue and the round so repeats share it
 * @param occurredAt when it was detected
 * @param improvementId the improvement item
 * @param issue the shared root cause or product
 * @param round 1 the first time, one more each time the issue recurs after it was done
 * @param complaintIds the complaints that made the threshold, oldest first
 */
public record RecurringIssueDetected(UUID eventId, Instant occurredAt, ImprovementId improvementId, IssueKey issue,
        int round, List<ComplaintId> complaintIds) implements DomainEvent {

    /**
     * Copies the complaint ids.
     *
     * @param eventId the event's id, derived from the issue and the round so repeats share it
     * @param occurredAt when it was detected
     * @param improvementId the improvement item
     * @param issue the shared root cause or product
     * @param round 1 the first time, one more each time the issue recurs after it was done
     * @param complaintIds the complaints that made the threshold, oldest first
     */
    public RecurringIssueDetected {
        complaintIds = List.copyOf(complaintIds);
    }

    @Override
    public String aggregateId() {
        return improvementId.toString();
    }

    @Override
    public String type() {
        return "complaint.recurring_issue";
    }
}
