package dev.rapport.spi.event;

import dev.rapport.spi.followup.FollowUpId;
import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up was called off.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param followUpId the follow-up
 * @param reason why
 */
public record FollowUpCancelled(UUID eventId, Instant occurredAt, FollowUpId followUpId, String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return followUpId.toString();
    }

    @Override
    public String type() {
        return "followup.cancelled";
    }
}
