package dev.rapport.spi.event;

import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintStage;
import java.time.Instant;
import java.util.UUID;

/**
 * A complaint moved to another stage.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param complaintId the complaint
 * @param from the stage before
 * @param to the stage after
 */
public record ComplaintStageChanged(UUID eventId, Instant occurredAt, ComplaintId complaintId, ComplaintStage from,
        ComplaintStage to) implements DomainEvent {

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "complaint.stage_changed";
    }
}
