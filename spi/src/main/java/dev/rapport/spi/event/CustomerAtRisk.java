package dev.rapport.spi.event;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's health moved into {@link HealthBand#AT_RISK}: the customer may leave, and someone should reach out.
 * Raised once per transition, whatever the number of nodes (the last known band lives in storage), and again only
 * after the customer left the band and came back into it.
 *
 * @param eventId the event's unique id
 * @param occurredAt when the evaluation that moved the customer happened
 * @param customerId the customer
 * @param previous the band the customer was in before, or empty if never evaluated
 * @param score the health score that put the customer at risk, 0 to 100
 */
public record CustomerAtRisk(UUID eventId, Instant occurredAt, CustomerId customerId, Optional<HealthBand> previous,
        int score) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }

    @Override
    public String type() {
        return "customer.at_risk";
    }
}
