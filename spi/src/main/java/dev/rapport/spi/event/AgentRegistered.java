package dev.rapport.spi.event;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A new agent was registered. Carries ids and codes only, never the agent's name.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param agentId the agent
 * @param team the agent's team, if any
 * @param presence the agent's presence from the start
 */
public record AgentRegistered(UUID eventId, Instant occurredAt, AgentId agentId, Optional<TeamId> team,
        Presence presence) implements DomainEvent {

    /**
     * Turns a null team into an empty one.
     *
     * @param eventId the event's unique id
     * @param occurredAt when it happened
     * @param agentId the agent
     * @param team the agent's team, if any
     * @param presence the agent's presence from the start
     */
    public AgentRegistered {
        team = Copies.optional(team);
    }

    @Override
    public String aggregateId() {
        return agentId.toString();
    }

    @Override
    public String type() {
        return "agent.registered";
    }
}
