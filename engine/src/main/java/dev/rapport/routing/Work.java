package dev.rapport.routing;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.WorkExclusion;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waiting work as one decision sees it: the stored {@link RoutingWork} read back as a {@link RoutingRequest} and its
 * exclusions by agent. Immutable; made afresh from storage for every decision.
 */
final class Work {

    final RoutingWork stored;
    final RoutingRequest request;
    final Instant requestedAt;
    final Map<AgentId, Exclusion> excluded;

    private Work(RoutingWork stored, RoutingRequest request, Instant requestedAt, Map<AgentId, Exclusion> excluded) {
        this.stored = stored;
        this.request = request;
        this.requestedAt = requestedAt;
        this.excluded = excluded;
    }

    /** Work as stored. */
    static Work of(RoutingWork stored) {
        RoutingRequest request = RoutingRequest.builder().caseId(stored.caseId()).channel(stored.channel())
                .priority(stored.priority()).requiredSkills(stored.requiredSkills())
                .optionalSkills(stored.optionalSkills()).language(stored.language().orElse(null))
                .team(stored.team().orElse(null)).preferredAgents(stored.preferredAgents())
                .requestedAt(stored.requestedAt()).slaDueAt(stored.slaDueAt().orElse(null)).build();
        Map<AgentId, Exclusion> excluded = new LinkedHashMap<>();
        for (WorkExclusion exclusion : stored.excluded()) {
            excluded.put(exclusion.agentId(), new Exclusion(exclusion.agentId(),
                    ExclusionReason.valueOf(exclusion.reason()), exclusion.detail()));
        }
        return new Work(stored, request, stored.requestedAt(), excluded);
    }

    /** Work that is not stored, for a preview. */
    static Work preview(RoutingRequest request, Instant requestedAt) {
        return new Work(null, request, requestedAt, Map.of());
    }

    CaseId caseId() {
        return request.caseId();
    }

    Optional<RoutingOffer> offer() {
        return stored == null ? Optional.empty() : stored.offer();
    }

    Duration waited(Instant now) {
        Duration waited = Duration.between(requestedAt, now);
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    WorkItem toItem() {
        return new WorkItem(caseId(), request, requestedAt, stored.queuedAt(), List.copyOf(excluded.values()),
                stored.offer().map(o -> toOffer(caseId(), o)));
    }

    static Offer toOffer(CaseId caseId, RoutingOffer offer) {
        return new Offer(offer.offerId(), caseId, offer.agentId(), offer.channel(), offer.units(), offer.offeredAt(),
                offer.expiresAt());
    }

    /** The stored exclusions with one more (replacing any earlier one for the same agent). */
    static List<WorkExclusion> excluding(RoutingWork work, AgentId agentId, ExclusionReason reason, String detail) {
        Map<AgentId, WorkExclusion> all = new LinkedHashMap<>();
        work.excluded().forEach(e -> all.put(e.agentId(), e));
        all.remove(agentId);
        all.put(agentId, new WorkExclusion(agentId, reason.name(), clip(detail)));
        return List.copyOf(all.values());
    }

    private static String clip(String detail) {
        return detail.length() <= 500 ? detail : detail.substring(0, 500);
    }
}
