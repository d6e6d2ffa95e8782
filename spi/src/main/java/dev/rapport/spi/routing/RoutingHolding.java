package dev.rapport.spi.routing;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * The capacity an agent holds for a case routing assigned: what is given back, on any node, when the case is
 * resolved, closed or moved to another agent.
 *
 * @param caseId the case
 * @param agentId the agent holding it
 * @param channel the channel whose capacity it takes
 * @param units the capacity units it takes
 * @param since when it was assigned
 */
public record RoutingHolding(
        @NotNull CaseId caseId,
        @NotNull AgentId agentId,
        @NotNull Channel channel,
        @Min(0) @Max(1000) int units,
        @NotNull @SupportedInstant Instant since) {
}
