package dev.rapport.routing;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.routing.PerNodeState.Choice;
import dev.rapport.routing.PerNodeState.Holding;
import dev.rapport.routing.PerNodeState.Work;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The previous per-node router, kept only as the baseline of {@code RoutingPathBenchmark}; not part of Rapport and
 * used by nothing else. It is core's {@code Router} as of commit {@code f6ac026}, before routing's state moved to
 * storage: waiting work, open offers and the capacity each agent holds for a case live in this object's memory, so
 * they are neither seen by another node nor kept across a restart. It still stores each assignment as it did (the
 * case's assignee and team, the agent's load and last assignment time, with version checks, and a
 * {@link CaseAssigned} event through the storage's outbox when it has one, in one transaction) and gives the load
 * back on {@link #release(CaseId)}. The code is unchanged apart from the class name and its mechanical split into
 * package-private classes: the decisions ({@link PerNodeDecisions}), the stored assignments ({@link PerNodeCommits})
 * and the state types ({@link PerNodeState}).
 *
 * <p>Its original description: routes cases to the right agent: skills with levels, languages, per-channel capacity
 * in units, presence, teams with overflow, and a pluggable {@link RoutingStrategy}. Work that no agent can take
 * waits in a backlog ordered by priority (rising with waiting time, so nothing starves), then time to SLA breach,
 * then original request time; whenever capacity frees up, {@link #dispatch()} gives the most urgent fitting work out
 * first.
 *
 * <p>An assignment is stored in one transaction: the case gets its assignee and team (and a
 * {@link CaseAssigned} event), the agent its new load and last assignment time, and on a reassignment the previous
 * agent its load back. Updates carry the versions the router read, so when two routers (or two nodes) race, storage
 * rejects the loser with a {@link StaleVersionException}; the router rereads and tries the next agent or drops work
 * another router already assigned. One case never goes to two agents and no agent holds more than its capacity.
 *
 * <p>Eligible agents come from an in-memory index (see {@link RoutingExplanation}), loaded from storage when the
 * router is built; call {@link #refreshAgent(AgentId)} when an agent is changed elsewhere. Every decision carries an
 * explanation, and ties break deterministically. Thread-safe: one lock guards the index and backlog, and storage is
 * written outside it.
 */
public final class PerNodeRouter {

    private static final Logger LOG = LoggerFactory.getLogger(PerNodeRouter.class);
    private static final Pattern REASON = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");
    private static final int RELEASED_MEMORY = 100_000;

    final RapportStorage storage;
    private final Clock clock;
    private final CommandValidator validator;
    final RoutingPolicy config;
    final UnitOfWork unitOfWork;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a commit in flight ends, so a thread that found the work committing can look again. */
    final java.util.concurrent.locks.Condition commitEnded = lock.newCondition();
    final AgentIndex index;
    final Map<CaseId, Work> waiting = new HashMap<>();
    final Map<UUID, Work> offers = new HashMap<>();
    final Map<CaseId, Holding> holdings = new HashMap<>();
    final PerNodeDecisions decisions;
    private final PerNodeCommits commits;
    private final Map<CaseId, Instant> firstRequested = lru();
    private final Map<CaseId, Boolean> released = lru();

    /**
     * A per-node router over the given storage; loads every agent into its index.
     *
     * @param storage where cases and agents are read and assignments stored
     * @param clock the clock for request, offer and assignment times
     * @param publisher receives {@link CaseAssigned} events after each assignment is committed
     * @param validator checks routing requests
     * @param config strategy, costs and waiting rules
     */
    public PerNodeRouter(RapportStorage storage, Clock clock, EventPublisher publisher, CommandValidator validator,
            RoutingPolicy config) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.config = Objects.requireNonNull(config, "config");
        this.unitOfWork = UnitOfWork.over(storage, Objects.requireNonNull(publisher, "publisher"), () -> { });
        this.index = new AgentIndex(config.strategy());
        this.decisions = new PerNodeDecisions(config, index);
        this.commits = new PerNodeCommits(this);
        reloadAgents();
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > RELEASED_MEMORY;
            }
        };
    }

    /** The configuration. */
    public RoutingPolicy config() {
        return config;
    }

    /** Reads every agent from storage into the index, keeping reservations of open offers. */
    public void reloadAgents() {
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (request != null) {
            Page<Agent> page = storage.agents().list(request);
            locked(() -> page.items().forEach(index::put));
            request = page.nextRequest().orElse(null);
        }
    }

    /**
     * Rereads one agent from storage, for example after the host changed its skills or capacity, and dispatches
     * waiting work if it can now take some.
     *
     * @throws dev.rapport.spi.agent.AgentNotFoundException if no agent has the id
     * @throws ValidationException naming the argument that is null
     */
    public List<RoutingDecision> refreshAgent(AgentId agentId) {
        requireArgument("refreshAgent", "agentId", agentId);
        Agent agent = storage.agents().get(agentId);
        locked(() -> index.put(agent));
        return dispatch();
    }

    /**
     * Stores an agent's new presence and, when the agent becomes available, dispatches waiting work.
     *
     * @return the decisions the dispatch made; empty when the agent did not become available
     * @throws dev.rapport.spi.agent.AgentNotFoundException if no agent has the id
     * @throws ValidationException naming the argument that is null
     */
    public List<RoutingDecision> setPresence(AgentId agentId, Presence presence) {
        requireArgument("setPresence", "agentId", agentId);
        requireArgument("setPresence", "presence", presence);
        Instant now = now();
        Agent updated = retrying(() -> unitOfWork.run(events -> {
            Agent agent = storage.agents().get(agentId);
            return storage.agents().update(agent.toBuilder().presence(presence).updatedAt(now).build());
        }));
        locked(() -> index.put(updated));
        return presence == Presence.AVAILABLE ? dispatch() : List.of();
    }

    /**
     * Takes work for a case that needs an agent into the backlog and dispatches: the decision for this case says
     * whether it was assigned, offered or waits. A case needs an agent when it has no assignee, or when this router
     * released it since its last assignment (a reopened case; its previous agent is a natural preferred agent). A
     * case that has an assignee otherwise is already assigned: the decision is {@link RoutingOutcome#DROPPED} and
     * nothing changes; use {@link #reassign(RoutingRequest)} to move it. Routing a case again keeps its original
     * request time.
     *
     * @throws ValidationException if the request breaks its constraints, or the case is resolved or closed
     *         ({@code caseId}, rule {@code Unresolved})
     * @throws dev.rapport.spi.cases.CaseNotFoundException if no case has the id
     */
    public RoutingDecision submit(RoutingRequest request) {
        return enqueue(request, false);
    }

    /**
     * Moves an assigned case to another agent: the current assignee is excluded, and when the new assignment is
     * stored the current assignee's load for the case is given back in the same transaction (the units this router
     * recorded when it assigned the case, or else the case channel's cost). A case without an assignee is simply
     * routed.
     *
     * @throws ValidationException if the request breaks its constraints, or the case is resolved or closed
     * @throws dev.rapport.spi.cases.CaseNotFoundException if no case has the id
     */
    public RoutingDecision reassign(RoutingRequest request) {
        return enqueue(request, true);
    }

    private RoutingDecision enqueue(RoutingRequest request, boolean reassign) {
        validator.check(request);
        Case current = storage.cases().get(request.caseId());
        if (!current.status().isUnresolved()) {
            throw ValidationException.of("RoutingRequest", "caseId", "Unresolved",
                    "must name an unresolved case; case " + current.id() + " is " + current.status());
        }
        Instant now = now();
        Optional<AgentId> assignee = current.assignee();
        Holding derived = reassign && assignee.isPresent() && locked(() -> !holdings.containsKey(current.id()))
                ? fromStorage(current) : null;
        Object outcome = locked(() -> {
            CaseId caseId = request.caseId();
            Holding holding = holdings.get(caseId);
            boolean wasReleased = released.containsKey(caseId) && holding == null;
            if (!reassign && assignee.isPresent() && !wasReleased) {
                return dropped(request, assignee.get(), now);
            }
            Work previous = waiting.get(caseId);
            if (previous != null) {
                cancelOffer(previous);
            }
            Instant requestedAt = request.requestedAt()
                    .orElseGet(() -> firstRequested.getOrDefault(caseId, now));
            Work next = new Work(request, current, requestedAt, now);
            if (reassign && assignee.isPresent()) {
                Holding moving = holding != null && holding.agentId().equals(assignee.get()) ? holding : derived;
                if (moving != null && moving != Holding.NONE) {
                    next.previous = moving;
                }
                next.excluded.put(assignee.get(), new Exclusion(assignee.get(), ExclusionReason.CURRENT_ASSIGNEE,
                        "the work is being moved away from this agent"));
            }
            waiting.put(caseId, next);
            firstRequested.put(caseId, requestedAt);
            return next;
        });
        if (outcome instanceof RoutingDecision decision) {
            return decision;
        }
        Work work = (Work) outcome;
        dispatch();
        return locked(() -> work.lastDecision);
    }

    private RoutingDecision dropped(RoutingRequest request, AgentId assignee, Instant now) {
        RoutingExplanation explanation = new RoutingExplanation(config.strategy().name(), request.channel(), 0,
                request.requiredSkills(), Map.of(), request.language(), request.team().map(List::of).orElse(List.of()),
                Map.of(), 0, List.of(), List.of(), Optional.empty(),
                "the case is already assigned to agent " + assignee + "; reassign it to move it");
        return new RoutingDecision(request.caseId(), RoutingOutcome.DROPPED, Optional.empty(), Optional.empty(),
                explanation, now);
    }

    /**
     * The decision the router would make for a request now, with its explanation; reserves and stores nothing, and
     * does not read the case.
     *
     * @throws ValidationException if the request breaks its constraints
     */
    public RoutingDecision preview(RoutingRequest request) {
        validator.check(request);
        Instant now = now();
        return locked(() -> {
            Work work = new Work(request, null, request.requestedAt().orElse(now), now);
            Choice choice = decisions.decide(work, now);
            return new RoutingDecision(request.caseId(), choice.agent() == null ? RoutingOutcome.WAITING
                    : RoutingOutcome.PREVIEW, Optional.ofNullable(choice.agent()), Optional.empty(),
                    choice.explanation(), now);
        });
    }

    /**
     * Times out expired offers and routes every piece of waiting work without an open offer, most urgent first, so
     * that freed capacity goes to the most urgent work that fits. Hosts call it on a schedule (for offer timeouts,
     * overflow, optional skills and sticky waits), and the router calls it itself when capacity frees up.
     *
     * @return the decision for each piece of work it routed, in the order it routed them
     */
    public List<RoutingDecision> dispatch() {
        Instant now = now();
        List<Work> order = locked(() -> {
            expireOffers(now);
            List<Work> ready = new ArrayList<>();
            for (Work work : waiting.values()) {
                if (work.offer == null && !work.committing) {
                    ready.add(work);
                }
            }
            ready.sort(decisions.urgency(now));
            return ready;
        });
        List<RoutingDecision> decisions = new ArrayList<>(order.size());
        for (Work work : order) {
            RoutingDecision decision = commits.route(work, now);
            if (decision != null) {
                decisions.add(decision);
            }
        }
        return decisions;
    }

    /**
     * Accepts an open offer: the assignment is stored. If the offer timed out meanwhile, the work goes to the next
     * agent instead and the returned decision says so.
     *
     * @throws NotFoundException with entity {@code "offer"} if no open offer has the id
     * @throws ValidationException naming {@code offerId} if it is null
     */
    public RoutingDecision accept(UUID offerId) {
        requireArgument("accept", "offerId", offerId);
        Instant now = now();
        Work work = locked(() -> {
            Work found = offers.get(offerId);
            if (found == null) {
                throw new NotFoundException("offer", offerId);
            }
            if (now.isAfter(found.offer.expiresAt())) {
                expire(found);
                return found;
            }
            offers.remove(offerId);
            found.committing = true;
            return found;
        });
        if (!work.committing) {
            return commits.route(work, now);
        }
        Offer offer = work.offer;
        return commits.commitAndApply(work, offer.agentId(), offer.channel(), offer.units(),
                work.offerExplanation, now, 1);
    }

    /**
     * Declines an open offer; the work goes to the next agent at once, never back to this one.
     *
     * @param reason a code saying why, for example {@code "wrong-skill"} or {@code "on-break"}
     * @throws ValidationException if the reason is not a code ({@code reason}), or naming {@code offerId} if it is
     *         null
     * @throws NotFoundException with entity {@code "offer"} if no open offer has the id
     */
    public RoutingDecision decline(UUID offerId, String reason) {
        requireArgument("decline", "offerId", offerId);
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw ValidationException.of("Decline", "reason", "Code",
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        Instant now = now();
        Work work = locked(() -> {
            Work found = offers.remove(offerId);
            if (found == null) {
                throw new NotFoundException("offer", offerId);
            }
            Offer offer = found.offer;
            index.unreserve(offer.agentId(), offer.channel(), offer.units());
            found.offer = null;
            found.excluded.put(offer.agentId(), new Exclusion(offer.agentId(), ExclusionReason.DECLINED, reason));
            return found;
        });
        return commits.route(work, now);
    }

    /**
     * Gives back the load a case's agent holds for it, for a case that was resolved or closed, then dispatches
     * waiting work to the freed capacity. Call it once per resolution: within this router repeated calls do nothing;
     * for a case assigned by another router it reads the case's assignee and channel from storage.
     *
     * @return the decisions the dispatch made
     * @throws dev.rapport.spi.cases.CaseNotFoundException if the router does not hold the case and storage has none
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public List<RoutingDecision> release(CaseId caseId) {
        requireArgument("release", "caseId", caseId);
        Instant now = now();
        Optional<Holding> known = locked(() -> {
            Work work = waiting.remove(caseId);
            if (work != null) {
                cancelOffer(work);
            }
            Holding holding = holdings.remove(caseId);
            if (holding == null && released.containsKey(caseId)) {
                return Optional.of(Holding.NONE);
            }
            return Optional.ofNullable(holding);
        });
        Holding holding = known.orElseGet(() -> fromStorage(storage.cases().get(caseId)));
        if (holding == Holding.NONE) {
            return List.of();
        }
        Agent updated = retrying(() -> unitOfWork.run(events -> {
            Agent agent = storage.agents().get(holding.agentId());
            return storage.agents().update(PerNodeCommits.withRelease(agent, holding.channel(), holding.units(), now));
        }));
        locked(() -> {
            index.put(updated);
            released.put(caseId, Boolean.TRUE);
        });
        return dispatch();
    }

    private Holding fromStorage(Case supportCase) {
        if (supportCase.assignee().isEmpty()) {
            return Holding.NONE;
        }
        Optional<Agent> agent = storage.agents().findById(supportCase.assignee().get());
        if (agent.isEmpty()) {
            return Holding.NONE;
        }
        Channel channel = supportCase.originChannel();
        return new Holding(agent.get().id(), channel, config.channelCosts().unitsFor(channel, agent.get()));
    }

    /**
     * Takes a case out of the backlog, for example when it was resolved before anyone took it.
     *
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public void withdraw(CaseId caseId) {
        requireArgument("withdraw", "caseId", caseId);
        locked(() -> {
            Work work = waiting.remove(caseId);
            if (work != null) {
                cancelOffer(work);
            }
        });
    }

    /** The backlog, most urgent first, including work with open offers. */
    public List<WorkItem> waiting() {
        Instant now = now();
        return locked(() -> {
            List<Work> all = new ArrayList<>(waiting.values());
            all.sort(decisions.urgency(now));
            return all.stream().map(Work::toItem).toList();
        });
    }

    /**
     * The open offer for a case, if any.
     *
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public Optional<Offer> offerFor(CaseId caseId) {
        requireArgument("offerFor", "caseId", caseId);
        return locked(() -> Optional.ofNullable(waiting.get(caseId)).map(w -> w.offer));
    }

    /**
     * The agent as the router sees it: as stored, with capacity units reserved for open offers counted as load.
     *
     * @throws ValidationException naming {@code agentId} if it is null
     */
    public Optional<Agent> agent(AgentId agentId) {
        requireArgument("agent", "agentId", agentId);
        return locked(() -> index.entry(agentId).map(e -> e.effective));
    }

    /** Refuses a missing argument as bad input, naming it, as commands are refused. */
    private static void requireArgument(String operation, String field, Object value) {
        if (value == null) {
            throw ValidationException.of(operation, field, "NotNull", "must not be null");
        }
    }


    private void expireOffers(Instant now) {
        List<Work> expired = new ArrayList<>();
        for (Work work : offers.values()) {
            if (!now.isBefore(work.offer.expiresAt())) {
                expired.add(work);
            }
        }
        expired.forEach(this::expire);
    }

    private void expire(Work work) {
        Offer offer = work.offer;
        offers.remove(offer.offerId());
        index.unreserve(offer.agentId(), offer.channel(), offer.units());
        work.offer = null;
        work.excluded.put(offer.agentId(), new Exclusion(offer.agentId(), ExclusionReason.TIMED_OUT,
                "offer expired at " + offer.expiresAt()));
    }

    private void cancelOffer(Work work) {
        if (work.offer != null) {
            offers.remove(work.offer.offerId());
            index.unreserve(work.offer.agentId(), work.offer.channel(), work.offer.units());
            work.offer = null;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T retrying(java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (StaleVersionException e) {
                if (attempt >= config.commitAttempts()) {
                    throw e;
                }
            }
        }
    }

    <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
