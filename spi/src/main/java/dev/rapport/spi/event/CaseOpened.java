package dev.rapport.spi.event;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.UUID;

/**
 * A case was opened.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param caseId the case
 * @param customerId the customer
 * @param priority its priority
 * @param originChannel the channel it came in on
 */
public record CaseOpened(UUID eventId, Instant occurredAt, CaseId caseId, CustomerId customerId, Priority priority, Channel originChannel) implements DomainEvent {

    @Override
    public String aggregateId() {
        return caseId.toString();
    }

    @Override
    public String type() {
        return "case.opened";
    }
}
