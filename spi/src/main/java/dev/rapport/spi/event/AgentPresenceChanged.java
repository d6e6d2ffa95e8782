package dev.rapport.spi.event;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's presence changed, for example from offline to available. Retirement is reported by
 * {@link AgentRetired} instead. Carries ids and codes only, never the agent's name.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param agentId the agent
 * @param from the presence before
 * @param to the presence now
 * @param team the agent's team, if any
 */
public record AgentPresenceChanged(UUID eventId, Instant occurredAt, AgentId agentId, Presence from, Presence to,
        Optional<TeamId> team) implements DomainEvent {

    /**
     * Turns a null team into an empty one.
     *
     * @param eventId the event's unique id
     * @param occurredAt when it happened
     * @param agentId the agent
     * @param from the presence before
     * @param to the presence now
     * @param team the agent's team, if any
     */
    public AgentPresenceChanged {
        team = Copies.optional(team);
    }

    @Override
    public String aggregateId() {
        return agentId.toString();
    }

    @Override
    public String type() {
        return "agent.presence_changed";
    }
}
