package dev.rapport.spi.event;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.SlaTarget;
import java.time.Instant;
import java.util.UUID;

/**
 * A case missed an SLA target; raised once per case, target and cycle.
 *
 * @param eventId the event's unique id; derived from case, target and due time so repeats share it
 * @param occurredAt when it happened
 * @param caseId the case
 * @param target the promise concerned
 * @param dueAt when the target is or was due
 */
public record SlaBreached(UUID eventId, Instant occurredAt, CaseId caseId, SlaTarget target, Instant dueAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return caseId.toString();
    }

    @Override
    public String type() {
        return "sla.breached";
    }
}
