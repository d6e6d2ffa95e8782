package dev.rapport.spi.routing;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * An open offer of waiting work to one agent, who must accept it before it is assigned. While it is open the units
 * are counted in the agent's stored load, so no router on any node gives them away twice.
 *
 * @param offerId the offer's id, which the agent answers with
 * @param agentId the agent the work is offered to
 * @param channel the channel whose capacity the offer holds
 * @param units the capacity units held
 * @param offeredAt when the offer was made
 * @param expiresAt when the offer times out if not answered
 */
public record RoutingOffer(
        @NotNull UUID offerId,
        @NotNull AgentId agentId,
        @NotNull Channel channel,
        @Min(0) @Max(1000) int units,
        @NotNull @SupportedInstant Instant offeredAt,
        @NotNull @SupportedInstant Instant expiresAt) {
}
