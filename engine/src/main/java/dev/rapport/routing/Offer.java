package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import java.time.Instant;
import java.util.UUID;

/**
 * Work offered to an agent, who accepts or declines it before it expires. While an offer is open the agent's
 * capacity units for it are reserved.
 *
 * @param offerId the offer's id, for {@link Router#accept(UUID)} and {@link Router#decline(UUID, String)}
 * @param caseId the case offered
 * @param agentId the agent it is offered to
 * @param channel the work's channel
 * @param units the capacity units reserved for it
 * @param offeredAt when it was offered
 * @param expiresAt when it times out and goes to the next agent
 */
public record Offer(UUID offerId, CaseId caseId, AgentId agentId, Channel channel, int units, Instant offeredAt,
        Instant expiresAt) {
}
