package dev.rapport.cases;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import jakarta.validation.constraints.NotNull;

/**
 * The command to give a case to a chosen agent, by hand. Load-aware routing is a separate concern.
 *
 * @param caseId the case
 * @param agentId the agent; must exist
 */
public record AssignCase(@NotNull CaseId caseId, @NotNull AgentId agentId) {
}
