package dev.rapport.routing;

import dev.rapport.spi.agent.AgentId;

/**
 * An agent a routing decision passed over, and why.
 *
 * @param agentId the agent
 * @param reason the first rule the agent failed
 * @param detail what exactly, for example the missing skill's code or the decline reason
 */
public record Exclusion(AgentId agentId, ExclusionReason reason, String detail) {
}
