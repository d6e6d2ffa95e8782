package dev.rapport.spi.event;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent retired: their presence is now {@link Presence#RETIRED}, for good, and they are never given work again.
 * Carries ids and codes only, never the agent's name.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param agentId the agent
 * @param from the presence before retiring
 * @param team the agent's team, if any
 */
public record AgentRetired(UUID eventId, Instant occurredAt, AgentId agentId, Presence from, Optional<TeamId> team)
        implements DomainEvent {

    /**
     * Turns a null team into an empty one.
     *
     * @param eventId the event's unique id
     * @param occurredAt when it happened
     * @param agentId the agent
     * @param from the presence before retiring
     * @param team the agent's team, if any
     */
    public AgentRetired {
        team = Copies.optional(team);
    }

    @Override
    public String aggregateId() {
        return agentId.toString();
    }

    @Override
    public String type() {
        return "agent.retired";
    }
}
