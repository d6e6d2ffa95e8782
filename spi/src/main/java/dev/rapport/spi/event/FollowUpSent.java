package dev.rapport.spi.event;

import dev.rapport.spi.followup.FollowUpId;
import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up was handed to the messenger.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param followUpId the follow-up
 * @param attempt which attempt succeeded, from 1
 */
public record FollowUpSent(UUID eventId, Instant occurredAt, FollowUpId followUpId, int attempt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return followUpId.toString();
    }

    @Override
    public String type() {
        return "followup.sent";
    }
}
