package dev.rapport.spi.event;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An agent's profile changed: skills, languages, per-channel capacity or team. Presence changes are
 * {@link AgentPresenceChanged}, retirement is {@link AgentRetired}, and routing's changes of load are not events of
 * their own. Carries ids and codes only, never the agent's name; read the agent for the new values.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param agentId the agent
 * @param changed what changed, in the order the aspects are declared
 * @param team the agent's team after the change, if any
 */
public record AgentChanged(UUID eventId, Instant occurredAt, AgentId agentId, Set<Aspect> changed,
        Optional<TeamId> team) implements DomainEvent {

    /** A part of an agent's profile. */
    public enum Aspect {
        /** The skills or their levels. */
        SKILLS,
        /** The languages the agent serves customers in. */
        LANGUAGES,
        /** The channels the agent works on and the capacity on each. */
        CAPACITY,
        /** The agent's team. */
        TEAM
    }

    /**
     * Copies the aspects into their declared order and turns a null team into an empty one.
     *
     * @param eventId the event's unique id
     * @param occurredAt when it happened
     * @param agentId the agent
     * @param changed what changed, in the order the aspects are declared
     * @param team the agent's team after the change, if any
     */
    public AgentChanged {
        Set<Aspect> copy = Copies.set(changed);
        changed = copy.isEmpty() || copy.contains(null) ? copy : Collections.unmodifiableSet(EnumSet.copyOf(copy));
        team = Copies.optional(team);
    }

    @Override
    public String aggregateId() {
        return agentId.toString();
    }

    @Override
    public String type() {
        return "agent.changed";
    }
}
