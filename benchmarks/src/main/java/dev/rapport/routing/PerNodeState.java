package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state types of {@link PerNodeRouter}, the per-node baseline router: work in its in-memory backlog, the units
 * an agent holds for a case, the outcome of storing an assignment, and a decision's choice. Split out of the router
 * unchanged.
 */
final class PerNodeState {

    private PerNodeState() {
    }

    /** Work in the backlog; guarded by the lock. */
    static final class Work {
        final RoutingRequest request;
        final Instant requestedAt;
        final Instant queuedAt;
        final Map<AgentId, Exclusion> excluded = new LinkedHashMap<>();
        Case snapshot;
        Holding previous;
        Offer offer;
        RoutingExplanation offerExplanation;
        boolean committing;
        RoutingDecision lastDecision;

        Work(RoutingRequest request, Case snapshot, Instant requestedAt, Instant queuedAt) {
            this.request = request;
            this.snapshot = snapshot;
            this.requestedAt = requestedAt;
            this.queuedAt = queuedAt;
        }

        CaseId caseId() {
            return request.caseId();
        }

        Duration waited(Instant now) {
            Duration waited = Duration.between(requestedAt, now);
            return waited.isNegative() ? Duration.ZERO : waited;
        }

        WorkItem toItem() {
            return new WorkItem(caseId(), request, requestedAt, queuedAt, List.copyOf(excluded.values()),
                    Optional.ofNullable(offer));
        }
    }

    /** The units an agent holds for a case this router assigned. */
    record Holding(AgentId agentId, Channel channel, int units) {
        static final Holding NONE = new Holding(new AgentId(new UUID(0, 0)), Channel.EMAIL, 0);
    }

    record Result(Kind kind, Agent agent, Agent previousAgent) {
        static final Result AGENT_GONE_RESULT = new Result(Kind.AGENT_GONE, null, null);
        static final Result CASE_GONE_RESULT = new Result(Kind.CASE_GONE, null, null);

        enum Kind { ASSIGNED, AGENT_GONE, CASE_GONE }
    }

    record Choice(AgentId agent, int units, RoutingExplanation explanation) {
    }
}
