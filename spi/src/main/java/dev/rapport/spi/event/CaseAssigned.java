package dev.rapport.spi.event;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseId;
import java.util.Optional;
import java.time.Instant;
import java.util.UUID;

/**
 * A case was given to an agent.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param caseId the case
 * @param previous the agent who had it before, if any
 * @param assignee the agent who has it now
 * @param team the responsible team, if any
 */
public record CaseAssigned(UUID eventId, Instant occurredAt, CaseId caseId, Optional<AgentId> previous, AgentId assignee, Optional<TeamId> team) implements DomainEvent {

    @Override
    public String aggregateId() {
        return caseId.toString();
    }

    @Override
    public String type() {
        return "case.assigned";
    }
}
