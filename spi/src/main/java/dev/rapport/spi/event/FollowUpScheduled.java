package dev.rapport.spi.event;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up was scheduled.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param followUpId the follow-up
 * @param customerId who it is for
 * @param kind what it is for
 * @param dueAt when it should go out
 */
public record FollowUpScheduled(UUID eventId, Instant occurredAt, FollowUpId followUpId, CustomerId customerId, FollowUpKind kind, Instant dueAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return followUpId.toString();
    }

    @Override
    public String type() {
        return "followup.scheduled";
    }
}
