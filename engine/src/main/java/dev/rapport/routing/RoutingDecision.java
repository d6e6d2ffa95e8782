package dev.rapport.routing;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import java.time.Instant;
import java.util.Optional;

/**
 * The result of routing one piece of work, with its explanation.
 *
 * @param caseId the case
 * @param outcome assigned, offered, waiting, dropped or only previewed
 * @param agentId the agent who got, was offered or would get the work
 * @param offer the open offer, when the outcome is {@link RoutingOutcome#OFFERED}
 * @param explanation why
 * @param decidedAt when the decision was made
 */
public record RoutingDecision(CaseId caseId, RoutingOutcome outcome, Optional<AgentId> agentId, Optional<Offer> offer,
        RoutingExplanation explanation, Instant decidedAt) {
}
