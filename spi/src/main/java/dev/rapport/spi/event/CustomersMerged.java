package dev.rapport.spi.event;

import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.UUID;

/**
 * One customer was merged into another: everything the merged customer had now belongs to the surviving one, and
 * the merged customer's id resolves to it.
 *
 * @param eventId the event's unique id
 * @param occurredAt when the merge happened
 * @param merged the customer merged away (removed)
 * @param into the surviving customer
 * @param actor who merged them, as the host named them
 */
public record CustomersMerged(UUID eventId, Instant occurredAt, CustomerId merged, CustomerId into, String actor)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return into.toString();
    }

    @Override
    public String type() {
        return "customer.merged";
    }
}
