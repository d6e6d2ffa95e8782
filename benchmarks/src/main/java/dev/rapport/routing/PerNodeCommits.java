package dev.rapport.routing;

import dev.rapport.routing.PerNodeState.Choice;
import dev.rapport.routing.PerNodeState.Holding;
import dev.rapport.routing.PerNodeState.Result;
import dev.rapport.routing.PerNodeState.Work;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.event.CaseAssigned;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assignments of {@link PerNodeRouter}, the per-node baseline router: routing one piece of work under the lock
 * and storing the assignment outside it, with version checks. Split out of the router unchanged apart from reaching
 * the router's state through it.
 */
final class PerNodeCommits {

    private static final Logger LOG = LoggerFactory.getLogger(PerNodeCommits.class);

    private final PerNodeRouter router;

    PerNodeCommits(PerNodeRouter router) {
        this.router = router;
    }

    RoutingDecision route(Work work, Instant now) {
        for (int attempt = 1; attempt <= router.config.commitAttempts(); attempt++) {
            Object[] picked = new Object[3];
            boolean[] commitNow = new boolean[1];
            RoutingDecision early = router.locked(() -> {
                // another thread of this router is storing this work: wait for its outcome instead of racing it
                while (work.committing && router.waiting.get(work.caseId()) == work) {
                    router.commitEnded.awaitUninterruptibly();
                }
                if (router.waiting.get(work.caseId()) != work || work.offer != null) {
                    return work.lastDecision;
                }
                Choice choice = router.decisions.decide(work, now);
                if (choice.agent() == null) {
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(),
                            Optional.empty(), choice.explanation(), now);
                    return work.lastDecision;
                }
                Channel channel = work.request.channel();
                router.index.reserve(choice.agent(), channel, choice.units());
                if (router.config.requireAcceptance()) {
                    Offer offer = new Offer(UUID.randomUUID(), work.caseId(), choice.agent(), channel, choice.units(),
                            now, now.plus(router.config.offerTimeout()));
                    work.offer = offer;
                    work.offerExplanation = choice.explanation();
                    router.offers.put(offer.offerId(), work);
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.OFFERED,
                            Optional.of(choice.agent()), Optional.of(offer), choice.explanation(), now);
                    return work.lastDecision;
                }
                work.committing = true;
                commitNow[0] = true;
                picked[0] = choice.agent();
                picked[1] = choice.units();
                picked[2] = choice.explanation();
                return null;
            });
            if (!commitNow[0]) {
                return early;
            }
            RoutingDecision decision = commitAndApply(work, (AgentId) picked[0], work.request.channel(),
                    (Integer) picked[1], (RoutingExplanation) picked[2], now, attempt);
            if (decision != null) {
                return decision;
            }
        }
        return router.locked(() -> work.lastDecision);
    }

    /**
     * Stores the assignment, retrying on stale versions; returns the decision, or null when the agent can no longer
     * take the work and it should be decided again.
     */
    RoutingDecision commitAndApply(Work work, AgentId agentId, Channel channel, int units,
            RoutingExplanation explanation, Instant now, int attempt) {
        Result result;
        try {
            result = commit(work, agentId, channel, units, now);
        } catch (RuntimeException | Error e) {
            router.locked(() -> {
                work.committing = false;
                router.commitEnded.signalAll();
                router.index.unreserve(agentId, channel, units);
            });
            throw e;
        }
        return router.locked(() -> {
            work.committing = false;
            router.commitEnded.signalAll();
            work.offer = null;
            router.index.unreserve(agentId, channel, units);
            switch (result.kind()) {
                case ASSIGNED -> {
                    router.index.put(result.agent());
                    if (result.previousAgent() != null) {
                        router.index.put(result.previousAgent());
                    }
                    router.holdings.put(work.caseId(), new Holding(agentId, channel, units));
                    router.waiting.remove(work.caseId());
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.ASSIGNED,
                            Optional.of(agentId), Optional.empty(), explanation, now);
                }
                case CASE_GONE -> {
                    router.waiting.remove(work.caseId());
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.DROPPED, Optional.empty(),
                            Optional.empty(), explanation, now);
                }
                case AGENT_GONE -> {
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(),
                            Optional.empty(), explanation, now);
                    return attempt >= router.config.commitAttempts() ? work.lastDecision : null;
                }
            }
            return work.lastDecision;
        });
    }

    private Result commit(Work work, AgentId agentId, Channel channel, int units, Instant now) {
        for (int attempt = 1; attempt <= router.config.commitAttempts(); attempt++) {
            Agent agent = router.locked(() -> router.index.entry(agentId).map(e -> e.stored).orElse(null));
            Case supportCase = router.locked(() -> work.snapshot);
            Holding previous = router.locked(() -> work.previous);
            if (agent == null) {
                return Result.AGENT_GONE_RESULT;
            }
            if (agent.load().getOrDefault(channel, 0) + units > agent.capacity().getOrDefault(channel, 0)) {
                // the version about to be written may be newer than the one the decision was made on
                return Result.AGENT_GONE_RESULT;
            }
            try {
                return router.unitOfWork.run(events -> {
                    Agent updated = router.storage.agents().update(withAssignment(agent, channel, units, now));
                    Agent previousAgent = null;
                    if (previous != null) {
                        Agent before = router.storage.agents().get(previous.agentId());
                        previousAgent = router.storage.agents().update(withRelease(before, previous.channel(),
                                previous.units(), now));
                    }
                    Optional<TeamId> team = updated.team().or(supportCase::team);
                    Case assigned = router.storage.cases().update(supportCase.toBuilder().assignee(agentId)
                            .team(team.orElse(null)).updatedAt(now).build());
                    events.add(new CaseAssigned(assignedEventId(assigned), now, assigned.id(),
                            supportCase.assignee(), agentId, team));
                    return new Result(Result.Kind.ASSIGNED, updated, previousAgent);
                });
            } catch (StaleVersionException e) {
                LOG.debug("Assignment of case {} to agent {} met a concurrent change of {} {}; rereading",
                        work.caseId(), agentId, e.entity(), e.id());
                if ("case".equals(e.entity())) {
                    Case fresh = router.storage.cases().get(work.caseId());
                    if (!fresh.status().isUnresolved() || !fresh.assignee().equals(supportCase.assignee())) {
                        return Result.CASE_GONE_RESULT;
                    }
                    router.locked(() -> work.snapshot = fresh);
                } else if (agentId.toString().equals(e.id())) {
                    Agent fresh = router.storage.agents().get(agentId);
                    boolean fits = router.locked(() -> {
                        router.index.put(fresh);
                        AgentIndex.Entry entry = router.index.entry(agentId).orElseThrow();
                        // the entry counts our own reservation as load, so it fits when nothing is overbooked
                        return entry.effective.presence() == Presence.AVAILABLE
                                && entry.effective.load().getOrDefault(channel, 0)
                                        <= entry.effective.capacity().getOrDefault(channel, 0);
                    });
                    if (!fits) {
                        return Result.AGENT_GONE_RESULT;
                    }
                }
            }
        }
        return Result.AGENT_GONE_RESULT;
    }

    private static UUID assignedEventId(Case assigned) {
        String name = "case.assigned|" + assigned.id() + "|" + assigned.version();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static Agent withAssignment(Agent agent, Channel channel, int units, Instant now) {
        Map<Channel, Integer> load = new LinkedHashMap<>(agent.load());
        load.merge(channel, units, Integer::sum);
        Map<Channel, Instant> last = new LinkedHashMap<>(agent.lastAssignedAt());
        last.put(channel, now);
        return agent.toBuilder().load(load).lastAssignedAt(last).updatedAt(now).build();
    }

    static Agent withRelease(Agent agent, Channel channel, int units, Instant now) {
        Map<Channel, Integer> load = new LinkedHashMap<>(agent.load());
        int left = Math.max(0, load.getOrDefault(channel, 0) - units);
        if (left == 0) {
            load.remove(channel);
        } else {
            load.put(channel, left);
        }
        return agent.toBuilder().load(load).updatedAt(now).build();
    }
}
