package dev.rapport.spi.event;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import java.util.Optional;
import java.time.Instant;
import java.util.UUID;

/**
 * An interaction was recorded; ordered with the customer's other events.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param interactionId the interaction
 * @param customerId the customer
 * @param caseId the case it belongs to, if any
 * @param channel where it happened
 * @param kind what it was about
 * @param direction who started it
 */
public record InteractionRecorded(UUID eventId, Instant occurredAt, InteractionId interactionId, CustomerId customerId, Optional<CaseId> caseId, Channel channel, InteractionKind kind, Direction direction) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }

    @Override
    public String type() {
        return "interaction.recorded";
    }
}
