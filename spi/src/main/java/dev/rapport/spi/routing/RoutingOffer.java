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
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
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
