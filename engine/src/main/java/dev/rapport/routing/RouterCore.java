package dev.rapport.routing;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.routing.RoutingHolding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What every part of a {@link Router} shares: the runtime and storage, the configuration, the agent index with the
 * one lock that guards it, the decider and routing's writes; and the small steps they all take (reading an agent
 * into the index, answering from storage, retrying a write). Thread-safe: the index is only used under the lock, and
 * storage is never called under it.
 */
final class RouterCore {

    final RapportStorage storage;
    final EngineRuntime runtime;
    final RoutingPolicy config;
    final UnitOfWork unitOfWork;
    final AgentIndex index;
    final Decider decider;
    final RoutingWrites writes;
    private final ReentrantLock lock = new ReentrantLock();

    RouterCore(EngineRuntime runtime, RoutingPolicy config) {
        this.runtime = runtime;
        this.storage = runtime.storage();
        this.unitOfWork = runtime.unitOfWork();
        this.config = config;
        this.index = new AgentIndex(config.strategy());
        this.decider = new Decider(config, index);
        this.writes = new RoutingWrites(storage, config);
    }

    /** Now, from the runtime's clock. */
    Instant now() {
        return runtime.now();
    }

    /** Runs a write again on a stale version, up to the configured number of commit attempts. */
    <T> T retryingStale(Object what, Supplier<T> write) {
        return Retry.onStaleVersion(config.commitAttempts(), what, write);
    }

    /** Rereads one agent into the index. */
    void refreshIndex(AgentId agentId) {
        storage.agents().findById(agentId).ifPresent(agent -> locked(() -> index.put(agent)));
    }

    /**
     * Gives back units reserved on an agent for a decision and rereads the agent into the index, in one step under
     * the lock once the agent is read (see {@link AgentIndex#unreserve(AgentId, Channel, int, Agent)}); if the read
     * fails, the units are given back all the same.
     */
    void unreserveAndRefresh(AgentId agentId, Channel channel, int units) {
        Optional<Agent> fresh;
        try {
            fresh = storage.agents().findById(agentId);
        } catch (RuntimeException e) {
            locked(() -> index.unreserve(agentId, channel, units));
            throw e;
        }
        locked(() -> index.unreserve(agentId, channel, units, fresh.orElse(null)));
    }

    /** An explanation that only gives a reason, for decisions made without walking the agents. */
    RoutingExplanation plainExplanation(RoutingRequest request, String reason) {
        return new RoutingExplanation(config.strategy().name(), request.channel(), 0, request.requiredSkills(),
                Map.of(), request.language(), request.team().map(List::of).orElse(List.of()), Map.of(), 0,
                List.of(), List.of(), Optional.empty(), reason);
    }

    /** The decision for work that left the waiting list while this router was routing it, read from storage. */
    RoutingDecision decisionFromStorage(Work work, Instant now, RoutingExplanation explanation) {
        Optional<Case> supportCase = storage.cases().findById(work.caseId());
        Optional<RoutingHolding> holding = storage.routing().findHolding(work.caseId());
        if (supportCase.isPresent() && supportCase.get().status().isUnresolved() && holding.isPresent()) {
            return new RoutingDecision(work.caseId(), RoutingOutcome.ASSIGNED, Optional.of(holding.get().agentId()),
                    Optional.empty(), plainExplanation(work.request, "assigned to agent " + holding.get().agentId()
                            + " by another router"), now);
        }
        return new RoutingDecision(work.caseId(), RoutingOutcome.DROPPED, Optional.empty(), Optional.empty(),
                explanation, now);
    }

    /** Runs an action on the index under the lock. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs an action on the index under the lock. */
    void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
