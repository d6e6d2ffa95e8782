package dev.rapport.spi.event;

import dev.rapport.spi.complaint.ComplaintId;
import java.time.Instant;
import java.util.UUID;

/**
 * A reminder: a complaint's deadline is near and the complaint has not been responded to. Raised once per
 * complaint, deadline, due time and reminder.
 *
 * @param eventId the event's id, derived from complaint, deadline, due time and reminder time so repeats share it
 * @param occurredAt the reminder time
 * @param complaintId the complaint
 * @param deadline the deadline's code, for example {@code "final_response"}
 * @param dueAt when it is due
 */
public record ComplaintDeadlineApproaching(UUID eventId, Instant occurredAt, ComplaintId complaintId,
        String deadline, Instant dueAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "complaint.deadline_approaching";
    }
}
