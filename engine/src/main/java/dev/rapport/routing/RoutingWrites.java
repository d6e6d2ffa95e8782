package dev.rapport.routing;

import dev.rapport.internal.Retry;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.internal.CaseAudit;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.WorkExclusion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Routing's writes to storage, each run inside the caller's transaction: queueing work, offering it, storing an
 * assignment with the agents' loads and the holding, giving capacity back. Every write of an agent applies the change
 * to the version just read, so concurrent routers on any node never overbook an agent; the transaction's other
 * versioned writes (the work, the case) make sure only one of them assigns a case. Thread-safe: stateless apart from
 * its configuration.
 */
final class RoutingWrites {

    private final RapportStorage storage;
    private final RoutingPolicy config;

    RoutingWrites(RapportStorage storage, RoutingPolicy config) {
        this.storage = storage;
        this.config = config;
    }

    /**
     * Stores the waiting work for a request in the running transaction; returns it, or the assignee's
     * {@link AgentId} when the case is already assigned through routing. Used by {@link #submit} and by the case lifecycle, which queues work in the transaction that
     * opens or reopens a case.
     */
    Object queue(RoutingRequest request, boolean reassign, Instant now) {
        Case current = storage.cases().get(request.caseId());
        if (!current.status().isUnresolved()) {
            throw ValidationException.of("RoutingRequest", "caseId", "Unresolved",
                    "must name an unresolved case; case " + current.id() + " is " + current.status());
        }
        Optional<RoutingHolding> holding = storage.routing().findHolding(current.id());
        Optional<AgentId> assignee = current.assignee();
        if (!reassign && assignee.isPresent() && holding.isPresent()) {
            return assignee.get();
        }
        Optional<RoutingWork> existing = storage.routing().findWork(current.id());
        existing.flatMap(RoutingWork::offer).ifPresent(offer -> giveBack(offer.agentId(), offer.channel(),
                offer.units(), now));
        Instant requestedAt = request.requestedAt()
                .orElseGet(() -> existing.map(RoutingWork::requestedAt).orElse(now));
        List<AgentId> preferred = new ArrayList<>(request.preferredAgents());
        Optional<RoutingHolding> moveFrom = Optional.empty();
        List<WorkExclusion> excluded = List.of();
        if (reassign && assignee.isPresent()) {
            moveFrom = Optional.of(holding.filter(h -> h.agentId().equals(assignee.get()))
                    .orElseGet(() -> derivedHolding(current, assignee.get(), now)));
            preferred.remove(assignee.get());
            excluded = List.of(new WorkExclusion(assignee.get(), ExclusionReason.CURRENT_ASSIGNEE.name(),
                    "the work is being moved away from this agent"));
        } else if (assignee.isPresent() && !preferred.contains(assignee.get()) && preferred.size() < 20) {
            preferred.add(0, assignee.get());
        }
        RoutingWork work = new RoutingWork(current.id(), request.channel(), request.priority(),
                request.requiredSkills(), request.optionalSkills(), request.language(), request.team(),
                preferred, request.slaDueAt(), requestedAt, now, excluded, moveFrom, Optional.empty(), 0);
        if (existing.isPresent()) {
            return storage.routing().updateWork(work.withVersion(existing.get().version()));
        }
        return storage.routing().insertWork(work);
    }

    /** What a case's assignee holds for it when routing recorded nothing: the case channel's cost. */
    private RoutingHolding derivedHolding(Case supportCase, AgentId assignee, Instant now) {
        Channel channel = supportCase.originChannel();
        int units = storage.agents().findById(assignee).map(a -> config.channelCosts().unitsFor(channel, a))
                .orElse(0);
        return new RoutingHolding(supportCase.id(), assignee, channel, units, now);
    }

    /**
     * Releases a case in the running transaction: removes its waiting work (giving back an open offer's units) and
     * its holding (giving back the agent's units), recording the release in the case's audit trail. Returns the
     * agents whose load changed.
     */
    List<AgentId> releaseIn(CaseId caseId, Instant now, Actor actor) {
        List<AgentId> touched = new ArrayList<>(2);
        storage.routing().removeWork(caseId).flatMap(RoutingWork::offer).ifPresent(offer -> {
            giveBack(offer.agentId(), offer.channel(), offer.units(), now);
            touched.add(offer.agentId());
        });
        storage.routing().removeHolding(caseId).ifPresent(holding -> {
            giveBack(holding.agentId(), holding.channel(), holding.units(), now);
            touched.add(holding.agentId());
            CaseAudit.released(storage, caseId, holding.agentId().toString(), now, actor);
        });
        return touched;
    }

    /** Marks an agent that can no longer take the work chosen for it. */
    enum AgentFull { INSTANCE }

    /**
     * Stores an offer in the running transaction: the work gets the offer, the agent the offered units as load.
     * Returns the work as stored, {@link AgentFull} if the agent can no longer take it, or null if the case is gone.
     */
    Object offer(RoutingWork work, AgentId agentId, Channel channel, int units, Instant now) {
        Case supportCase = storage.cases().findById(work.caseId()).orElse(null);
        if (supportCase == null || !supportCase.status().isUnresolved()) {
            storage.routing().deleteWork(work);
            return null;
        }
        Optional<Agent> agent = storage.agents().findById(agentId);
        if (agent.isEmpty() || !fits(agent.get(), channel, units)) {
            return AgentFull.INSTANCE;
        }
        storage.agents().update(withLoad(agent.get(), channel, units, now));
        RoutingOffer offer = new RoutingOffer(UUID.randomUUID(), agentId, channel, units, now,
                now.plus(config.offerTimeout()));
        return storage.routing().updateWork(work.withOffer(Optional.of(offer)));
    }

    /**
     * Stores an assignment in the running transaction. Returns the case as stored, {@link AgentFull} if the agent can
     * no longer take the work, or null if the case was resolved or assigned elsewhere (the work is then removed).
     *
     * @param reserved whether the units are already in the agent's load (an accepted offer)
     * @param actor who assigns: the agent accepting an offer, else the system
     */
    Object assignOrFull(RoutingWork work, AgentId agentId, Channel channel, int units, boolean reserved,
            Instant now, List<DomainEvent> events, Actor actor) {
        Case supportCase = storage.cases().findById(work.caseId()).orElse(null);
        Optional<AgentId> expected = work.moveFrom().map(RoutingHolding::agentId);
        if (supportCase == null || !supportCase.status().isUnresolved()
                || (supportCase.assignee().isPresent() && !supportCase.assignee().equals(expected)
                        && storage.routing().findHolding(supportCase.id()).isPresent())) {
            storage.routing().deleteWork(work);
            if (reserved) {
                giveBack(agentId, channel, units, now);
            }
            return null;
        }
        Optional<Agent> found = storage.agents().findById(agentId);
        if (found.isEmpty()) {
            return AgentFull.INSTANCE;
        }
        Agent agent = found.get();
        if (!reserved && !fits(agent, channel, units)) {
            return AgentFull.INSTANCE;
        }
        storage.routing().deleteWork(work);
        storage.agents().update(withAssignment(agent, channel, reserved ? 0 : units, now));
        work.moveFrom().ifPresent(previous -> {
            if (!previous.agentId().equals(agentId)) {
                giveBack(previous.agentId(), previous.channel(), previous.units(), now);
            }
        });
        Optional<dev.rapport.spi.agent.TeamId> team = agent.team().or(supportCase::team);
        Case assigned = storage.cases().update(supportCase.toBuilder().assignee(agentId).team(team.orElse(null))
                .updatedAt(now).build());
        CaseAudit.record(storage, supportCase, assigned, now, actor);
        storage.routing().putHolding(new RoutingHolding(assigned.id(), agentId, channel, units, now));
        events.add(new CaseAssigned(assignedEventId(assigned), now, assigned.id(), supportCase.assignee(), agentId,
                team));
        return assigned;
    }

    Case assign(RoutingWork work, AgentId agentId, Channel channel, int units, boolean reserved,
            Instant now, List<DomainEvent> events, Actor actor) {
        Object outcome = assignOrFull(work, agentId, channel, units, reserved, now, events, actor);
        if (outcome == AgentFull.INSTANCE) {
            if (reserved) {
                throw new StaleVersionException("agent", agentId, -1);
            }
            return null;
        }
        return (Case) outcome;
    }

    private boolean fits(Agent agent, Channel channel, int units) {
        return agent.presence() == Presence.AVAILABLE && agent.spareCapacity(channel) >= units;
    }

    /** Gives units back to an agent in the running transaction, rereading it on a concurrent change. */
    void giveBack(AgentId agentId, Channel channel, int units, Instant now) {
        if (units == 0) {
            return;
        }
        Retry.onStaleVersion(config.commitAttempts(), "Agent " + agentId, () -> {
            storage.agents().findById(agentId).ifPresent(agent -> storage.agents().update(
                    withRelease(agent, channel, units, now)));
            return null;
        });
    }

    private static UUID assignedEventId(Case assigned) {
        String name = "case.assigned|" + assigned.id() + "|" + assigned.version();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static Agent withAssignment(Agent agent, Channel channel, int units, Instant now) {
        Map<Channel, Integer> load = new LinkedHashMap<>(agent.load());
        if (units > 0) {
            load.merge(channel, units, Integer::sum);
        }
        Map<Channel, Instant> last = new LinkedHashMap<>(agent.lastAssignedAt());
        last.put(channel, now);
        return agent.toBuilder().load(load).lastAssignedAt(last).updatedAt(now).build();
    }

    static Agent withLoad(Agent agent, Channel channel, int units, Instant now) {
        Map<Channel, Integer> load = new LinkedHashMap<>(agent.load());
        load.merge(channel, units, Integer::sum);
        return agent.toBuilder().load(load).updatedAt(now).build();
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
