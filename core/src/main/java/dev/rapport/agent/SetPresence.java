package dev.rapport.agent;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import jakarta.validation.constraints.NotNull;

/**
 * The command to set whether an agent can take work now. An agent is retired by {@link AgentService#retire}, not by
 * this command, and a retired agent's presence cannot be set.
 *
 * @param agentId the agent
 * @param presence the new presence; any but {@link Presence#RETIRED}
 */
public record SetPresence(@NotNull AgentId agentId, @NotNull Presence presence) {
}
