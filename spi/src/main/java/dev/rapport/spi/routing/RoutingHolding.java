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
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
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
