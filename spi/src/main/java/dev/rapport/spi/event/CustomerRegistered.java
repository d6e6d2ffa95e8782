package dev.rapport.spi.event;

import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.UUID;

/**
 * A new customer was registered.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param customerId the customer
 */
public record CustomerRegistered(UUID eventId, Instant occurredAt, CustomerId customerId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }

    @Override
    public String type() {
        return "customer.registered";
    }
}
