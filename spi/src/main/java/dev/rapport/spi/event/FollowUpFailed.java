package dev.rapport.spi.event;

import dev.rapport.spi.followup.FollowUpId;
import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up was given up after its attempt limit.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param followUpId the follow-up
 * @param attempts how many sends were tried
 * @param error the last error, without personal data
 */
public record FollowUpFailed(UUID eventId, Instant occurredAt, FollowUpId followUpId, int attempts, String error) implements DomainEvent {

    @Override
    public String aggregateId() {
        return followUpId.toString();
    }

    @Override
    public String type() {
        return "followup.failed";
    }
}
