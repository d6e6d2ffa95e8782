package dev.rapport.spi.event;

import dev.rapport.spi.complaint.ComplaintId;
import java.time.Instant;
import java.util.UUID;

/**
 * A complaint missed a deadline: the escalation signal for managers. Raised once per complaint and deadline.
 *
 * @param eventId the event's id, derived from complaint, deadline and due time so repeats share it
 * @param occurredAt the due time that passed
 * @param complaintId the complaint
 * @param deadline the deadline's code
 * @param dueAt when it was due
 */
public record ComplaintDeadlineBreached(UUID eventId, Instant occurredAt, ComplaintId complaintId, String deadline,
        Instant dueAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "complaint.deadline_breached";
    }
}
