package dev.rapport.spi.event;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A case moved in its lifecycle; a move from RESOLVED to OPEN is a reopen.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param caseId the case
 * @param from the state before
 * @param to the state after
 */
public record CaseStatusChanged(UUID eventId, Instant occurredAt, CaseId caseId, CaseStatus from, CaseStatus to) implements DomainEvent {

    @Override
    public String aggregateId() {
        return caseId.toString();
    }

    @Override
    public String type() {
        return "case.status_changed";
    }
}
