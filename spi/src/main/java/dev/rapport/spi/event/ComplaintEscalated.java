package dev.rapport.spi.event;

import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.EscalationLevel;
import java.time.Instant;
import java.util.UUID;

/**
 * A complaint was escalated to a higher tier or an outside dispute body.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param complaintId the complaint
 * @param level higher tier or outside body
 * @param body which tier or body; an organisation's name, never a person's
 */
public record ComplaintEscalated(UUID eventId, Instant occurredAt, ComplaintId complaintId, EscalationLevel level,
        String body) implements DomainEvent {

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "complaint.escalated";
    }
}
