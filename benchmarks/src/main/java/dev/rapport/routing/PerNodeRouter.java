package dev.rapport.routing;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.Page;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 * back on {@link #release(CaseId)}. The code is unchanged apart from the class name.
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
    private static final int RECORDED_EXCLUSIONS = 20;
    private static final int RUNNER_UP_LOOKAHEAD = 25;
    private static final int RELEASED_MEMORY = 100_000;

    private final RapportStorage storage;
    private final Clock clock;
    private final CommandValidator validator;
    private final RoutingConfig config;
    private final UnitOfWork unitOfWork;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a commit in flight ends, so a thread that found the work committing can look again. */
    private final java.util.concurrent.locks.Condition commitEnded = lock.newCondition();
    private final AgentIndex index;
    private final Map<CaseId, Work> waiting = new HashMap<>();
    private final Map<UUID, Work> offers = new HashMap<>();
    private final Map<CaseId, Holding> holdings = new HashMap<>();
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
            RoutingConfig config) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.config = Objects.requireNonNull(config, "config");
        this.unitOfWork = UnitOfWork.over(storage, Objects.requireNonNull(publisher, "publisher"), () -> { });
        this.index = new AgentIndex(config.strategy());
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
    public RoutingConfig config() {
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
                Holding moving = holding != null && holding.agentId.equals(assignee.get()) ? holding : derived;
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
            Choice choice = decide(work, now);
            return new RoutingDecision(request.caseId(), choice.agent == null ? RoutingOutcome.WAITING
                    : RoutingOutcome.PREVIEW, Optional.ofNullable(choice.agent), Optional.empty(),
                    choice.explanation, now);
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
            ready.sort(urgency(now));
            return ready;
        });
        List<RoutingDecision> decisions = new ArrayList<>(order.size());
        for (Work work : order) {
            RoutingDecision decision = route(work, now);
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
            return route(work, now);
        }
        Offer offer = work.offer;
        return commitAndApply(work, offer.agentId(), offer.channel(), offer.units(),
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
        return route(work, now);
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
            Agent agent = storage.agents().get(holding.agentId);
            return storage.agents().update(withRelease(agent, holding.channel, holding.units, now));
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
            all.sort(urgency(now));
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

    // ---------------------------------------------------------------------------------------------- routing

    private RoutingDecision route(Work work, Instant now) {
        for (int attempt = 1; attempt <= config.commitAttempts(); attempt++) {
            Object[] picked = new Object[3];
            boolean[] commitNow = new boolean[1];
            RoutingDecision early = locked(() -> {
                // another thread of this router is storing this work: wait for its outcome instead of racing it
                while (work.committing && waiting.get(work.caseId()) == work) {
                    commitEnded.awaitUninterruptibly();
                }
                if (waiting.get(work.caseId()) != work || work.offer != null) {
                    return work.lastDecision;
                }
                Choice choice = decide(work, now);
                if (choice.agent == null) {
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(),
                            Optional.empty(), choice.explanation, now);
                    return work.lastDecision;
                }
                Channel channel = work.request.channel();
                index.reserve(choice.agent, channel, choice.units);
                if (config.requireAcceptance()) {
                    Offer offer = new Offer(UUID.randomUUID(), work.caseId(), choice.agent, channel, choice.units,
                            now, now.plus(config.offerTimeout()));
                    work.offer = offer;
                    work.offerExplanation = choice.explanation;
                    offers.put(offer.offerId(), work);
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.OFFERED,
                            Optional.of(choice.agent), Optional.of(offer), choice.explanation, now);
                    return work.lastDecision;
                }
                work.committing = true;
                commitNow[0] = true;
                picked[0] = choice.agent;
                picked[1] = choice.units;
                picked[2] = choice.explanation;
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
        return locked(() -> work.lastDecision);
    }

    /**
     * Stores the assignment, retrying on stale versions; returns the decision, or null when the agent can no longer
     * take the work and it should be decided again.
     */
    private RoutingDecision commitAndApply(Work work, AgentId agentId, Channel channel, int units,
            RoutingExplanation explanation, Instant now, int attempt) {
        Result result;
        try {
            result = commit(work, agentId, channel, units, now);
        } catch (RuntimeException | Error e) {
            locked(() -> {
                work.committing = false;
                commitEnded.signalAll();
                index.unreserve(agentId, channel, units);
            });
            throw e;
        }
        return locked(() -> {
            work.committing = false;
            commitEnded.signalAll();
            work.offer = null;
            index.unreserve(agentId, channel, units);
            switch (result.kind) {
                case ASSIGNED -> {
                    index.put(result.agent);
                    if (result.previousAgent != null) {
                        index.put(result.previousAgent);
                    }
                    holdings.put(work.caseId(), new Holding(agentId, channel, units));
                    waiting.remove(work.caseId());
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.ASSIGNED,
                            Optional.of(agentId), Optional.empty(), explanation, now);
                }
                case CASE_GONE -> {
                    waiting.remove(work.caseId());
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.DROPPED, Optional.empty(),
                            Optional.empty(), explanation, now);
                }
                case AGENT_GONE -> {
                    work.lastDecision = new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(),
                            Optional.empty(), explanation, now);
                    return attempt >= config.commitAttempts() ? work.lastDecision : null;
                }
            }
            return work.lastDecision;
        });
    }

    private Result commit(Work work, AgentId agentId, Channel channel, int units, Instant now) {
        for (int attempt = 1; attempt <= config.commitAttempts(); attempt++) {
            Agent agent = locked(() -> index.entry(agentId).map(e -> e.stored).orElse(null));
            Case supportCase = locked(() -> work.snapshot);
            Holding previous = locked(() -> work.previous);
            if (agent == null) {
                return Result.AGENT_GONE_RESULT;
            }
            if (agent.load().getOrDefault(channel, 0) + units > agent.capacity().getOrDefault(channel, 0)) {
                // the version about to be written may be newer than the one the decision was made on
                return Result.AGENT_GONE_RESULT;
            }
            try {
                return unitOfWork.run(events -> {
                    Agent updated = storage.agents().update(withAssignment(agent, channel, units, now));
                    Agent previousAgent = null;
                    if (previous != null) {
                        Agent before = storage.agents().get(previous.agentId);
                        previousAgent = storage.agents().update(withRelease(before, previous.channel, previous.units,
                                now));
                    }
                    Optional<TeamId> team = updated.team().or(supportCase::team);
                    Case assigned = storage.cases().update(supportCase.toBuilder().assignee(agentId)
                            .team(team.orElse(null)).updatedAt(now).build());
                    events.add(new CaseAssigned(assignedEventId(assigned), now, assigned.id(),
                            supportCase.assignee(), agentId, team));
                    return new Result(Result.Kind.ASSIGNED, updated, previousAgent);
                });
            } catch (StaleVersionException e) {
                LOG.debug("Assignment of case {} to agent {} met a concurrent change of {} {}; rereading",
                        work.caseId(), agentId, e.entity(), e.id());
                if ("case".equals(e.entity())) {
                    Case fresh = storage.cases().get(work.caseId());
                    if (!fresh.status().isUnresolved() || !fresh.assignee().equals(supportCase.assignee())) {
                        return Result.CASE_GONE_RESULT;
                    }
                    locked(() -> work.snapshot = fresh);
                } else if (agentId.toString().equals(e.id())) {
                    Agent fresh = storage.agents().get(agentId);
                    boolean fits = locked(() -> {
                        index.put(fresh);
                        AgentIndex.Entry entry = index.entry(agentId).orElseThrow();
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

    // ---------------------------------------------------------------------------------------------- decisions

    /** Chooses an agent for the work now. Call under the lock. */
    private Choice decide(Work work, Instant now) {
        RoutingRequest request = work.request;
        Channel channel = request.channel();
        Duration waited = work.waited(now);
        TreeMap<String, Integer> skills = new TreeMap<>(request.requiredSkills());
        Map<String, Integer> dropped = Map.of();
        if (waited.compareTo(config.optionalSkillsWait()) < 0) {
            request.optionalSkills().forEach((skill, level) -> skills.merge(skill, level, Math::max));
        } else {
            dropped = request.optionalSkills();
        }
        List<TeamId> teams = new ArrayList<>(2);
        request.team().ifPresent(team -> {
            teams.add(team);
            RoutingConfig.Overflow overflow = config.overflows().get(team);
            if (overflow != null && waited.compareTo(overflow.after()) >= 0) {
                teams.add(overflow.secondary());
            }
        });
        String language = request.language().map(l -> l.getLanguage()).filter(l -> !l.isEmpty()).orElse(null);
        Explainer explainer = new Explainer(work, channel, skills, dropped, teams);

        Optional<Duration> stickyWait = config.strategy().preferredAgentWait();
        if (stickyWait.isPresent() && !request.preferredAgents().isEmpty()) {
            for (AgentId preferred : request.preferredAgents()) {
                Optional<AgentIndex.Entry> entry = index.entry(preferred);
                explainer.examined++;
                Exclusion exclusion = entry.isEmpty()
                        ? new Exclusion(preferred, ExclusionReason.UNKNOWN_AGENT, "not in the router's index")
                        : work.excluded.getOrDefault(preferred, check(entry.get(), channel, skills, language, List.of()));
                if (exclusion == null) {
                    int units = config.channelCosts().unitsFor(channel, entry.get().effective);
                    return explainer.chosen(preferred, units, "preferred agent (the customer's own or previous agent) "
                            + "tried first by " + config.strategy().name());
                }
                explainer.exclude(exclusion);
            }
            Instant until = work.requestedAt.plus(stickyWait.get());
            if (now.isBefore(until)) {
                return explainer.nobody("waiting for a preferred agent until " + until + "; then any agent");
            }
        }

        List<String> teamKeys = teams.isEmpty() ? List.of(AgentIndex.ANY_TEAM)
                : teams.stream().map(TeamId::code).toList();
        List<String> skillCodes = new ArrayList<>(skills.keySet());
        List<String> dimensions = new ArrayList<>();
        dimensions.add(AgentIndex.ALL);
        for (int i = 0; i < skillCodes.size(); i++) {
            dimensions.add(AgentIndex.skillKey(skillCodes.get(i)));
            for (int j = i + 1; j < skillCodes.size(); j++) {
                dimensions.add(AgentIndex.pairKey(skillCodes.get(i), skillCodes.get(j)));
            }
            if (language != null) {
                dimensions.add(AgentIndex.skillLanguageKey(skillCodes.get(i), language));
            }
        }
        if (language != null) {
            dimensions.add(AgentIndex.languageKey(language));
        }
        for (String dimension : dimensions) {
            int size = 0;
            for (String team : teamKeys) {
                size += index.bucketSize(channel, team, dimension);
            }
            explainer.poolSizes.put(dimension, size);
        }
        Query query = new Query(channel, skillCodes, skills, language, teams);
        Iterator<AgentIndex.Slot> candidates = index.candidates(channel, teamKeys, dimensions);
        AgentIndex.Slot chosen = null;
        int lookahead = 0;
        while (candidates.hasNext()) {
            AgentIndex.Slot slot = candidates.next();
            explainer.examined++;
            Exclusion exclusion = work.excluded.isEmpty() ? null : work.excluded.get(new AgentId(slot.id()));
            ExclusionReason reason = exclusion != null ? exclusion.reason() : query.check(slot);
            if (reason != null) {
                if (explainer.wantsExclusions()) {
                    explainer.exclude(exclusion != null ? exclusion : query.exclusion(slot, reason));
                }
            } else {
                if (chosen == null) {
                    chosen = slot;
                }
                explainer.eligible.add(new AgentId(slot.id()));
            }
            if (chosen != null && (explainer.eligible.size() > config.runnersUp()
                    || ++lookahead > RUNNER_UP_LOOKAHEAD)) {
                break;
            }
        }
        if (chosen == null) {
            return explainer.nobody("no available agent with spare capacity on " + channel
                    + " meets every requirement; the work waits");
        }
        AgentIndex.Entry entry = index.entry(chosen.id());
        return explainer.chosen(entry.id, query.units(chosen), "ranked first by " + config.strategy().name() + ": "
                + config.strategy().describe(entry.effective, channel)
                + "; ties go to the earlier last assignment on the channel, then the lower agent id");
    }

    /** A decision's requirements as the index's small numbers, checked against compact slots. */
    private final class Query {
        final Channel channel;
        final boolean whole;
        final int fixedUnits;
        final int[] skillIds;
        final int[] minLevels;
        final String language;
        final int languageId;
        final int[] teamIds;
        final Map<String, Integer> skillMap;

        Query(Channel channel, List<String> skillCodes, Map<String, Integer> skills, String language,
                List<TeamId> teams) {
            this.channel = channel;
            this.skillMap = skills;
            this.whole = config.channelCosts().takesWholeCapacity(channel);
            this.fixedUnits = config.channelCosts().units(channel);
            this.skillIds = new int[skillCodes.size()];
            this.minLevels = new int[skillCodes.size()];
            for (int i = 0; i < skillCodes.size(); i++) {
                skillIds[i] = index.skillId(skillCodes.get(i));
                minLevels[i] = skills.get(skillCodes.get(i));
            }
            this.language = language;
            this.languageId = language == null ? -1 : index.languageId(language);
            this.teamIds = teams.stream().mapToInt(t -> index.teamId(t.code())).toArray();
        }

        int units(AgentIndex.Slot slot) {
            return whole ? Math.max(1, slot.capacity()) : fixedUnits;
        }

        /** The first rule the slot's agent fails, or null. */
        ExclusionReason check(AgentIndex.Slot slot) {
            if (slot.spare() < units(slot)) {
                return ExclusionReason.NO_CAPACITY;
            }
            AgentIndex.Profile profile = slot.profile();
            for (int i = 0; i < skillIds.length; i++) {
                int level = skillIds[i] < 0 ? 0 : profile.level(skillIds[i]);
                if (level == 0) {
                    return ExclusionReason.MISSING_SKILL;
                }
                if (level < minLevels[i]) {
                    return ExclusionReason.SKILL_LEVEL_TOO_LOW;
                }
            }
            if (language != null && !speaks(slot)) {
                return ExclusionReason.LANGUAGE;
            }
            if (teamIds.length > 0) {
                boolean inTeam = false;
                for (int team : teamIds) {
                    inTeam |= team >= 0 && team == profile.team;
                }
                if (!inTeam) {
                    return ExclusionReason.OTHER_TEAM;
                }
            }
            return null;
        }

        private boolean speaks(AgentIndex.Slot slot) {
            if (languageId < 0) {
                return false;
            }
            if (languageId < 64) {
                return (slot.profile().languages & (1L << languageId)) != 0;
            }
            return index.entry(slot.id()).languages.contains(language);
        }

        /** The exclusion, with its detail, for a slot that failed {@link #check}. */
        Exclusion exclusion(AgentIndex.Slot slot, ExclusionReason reason) {
            AgentIndex.Entry entry = index.entry(slot.id());
            Exclusion full = PerNodeRouter.this.check(entry, channel, skillsOf(), language, List.of());
            if (full != null && full.reason() == reason) {
                return full;
            }
            return new Exclusion(entry.id, reason, reason == ExclusionReason.OTHER_TEAM
                    ? entry.stored.team().map(TeamId::code).orElse("none") : reason.name());
        }

        private Map<String, Integer> skillsOf() {
            return skillMap;
        }
    }

    /** The first rule the agent fails for the work, or null if it can take it. */
    private Exclusion check(AgentIndex.Entry entry, Channel channel, Map<String, Integer> skills, String language,
            List<TeamId> teams) {
        Agent agent = entry.effective;
        AgentId id = agent.id();
        if (agent.presence() != Presence.AVAILABLE) {
            return new Exclusion(id, ExclusionReason.NOT_AVAILABLE, agent.presence().name());
        }
        int capacity = agent.capacity().getOrDefault(channel, 0);
        if (capacity == 0) {
            return new Exclusion(id, ExclusionReason.NO_CHANNEL, channel.code());
        }
        int units = config.channelCosts().unitsFor(channel, agent);
        if (agent.spareCapacity(channel) < units) {
            return new Exclusion(id, ExclusionReason.NO_CAPACITY,
                    agent.spareCapacity(channel) + " of " + capacity + " units spare, " + units + " needed");
        }
        for (Map.Entry<String, Integer> skill : skills.entrySet()) {
            int level = agent.skillLevel(skill.getKey());
            if (level == 0) {
                return new Exclusion(id, ExclusionReason.MISSING_SKILL, skill.getKey());
            }
            if (level < skill.getValue()) {
                return new Exclusion(id, ExclusionReason.SKILL_LEVEL_TOO_LOW,
                        skill.getKey() + " at level " + level + ", " + skill.getValue() + " needed");
            }
        }
        if (language != null && !entry.languages.contains(language)) {
            return new Exclusion(id, ExclusionReason.LANGUAGE, language);
        }
        if (!teams.isEmpty() && (agent.team().isEmpty() || !teams.contains(agent.team().get()))) {
            return new Exclusion(id, ExclusionReason.OTHER_TEAM, agent.team().map(TeamId::code).orElse("none"));
        }
        return null;
    }

    private Comparator<Work> urgency(Instant now) {
        return Comparator.comparingInt((Work w) -> -effectivePriority(w, now))
                .thenComparing(w -> w.request.slaDueAt().orElse(Instant.MAX))
                .thenComparing(w -> w.requestedAt)
                .thenComparing(w -> w.caseId().value());
    }

    private int effectivePriority(Work work, Instant now) {
        int base = work.request.priority().ordinal();
        Duration step = config.agingStep();
        if (step.isZero()) {
            return base;
        }
        long steps = work.waited(now).toNanos() / step.toNanos();
        return (int) Math.min(Priority.URGENT.ordinal(), base + steps);
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

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------- state

    /** Work in the backlog; guarded by the lock. */
    private static final class Work {
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
    private record Holding(AgentId agentId, Channel channel, int units) {
        static final Holding NONE = new Holding(new AgentId(new UUID(0, 0)), Channel.EMAIL, 0);
    }

    private record Result(Kind kind, Agent agent, Agent previousAgent) {
        static final Result AGENT_GONE_RESULT = new Result(Kind.AGENT_GONE, null, null);
        static final Result CASE_GONE_RESULT = new Result(Kind.CASE_GONE, null, null);

        enum Kind { ASSIGNED, AGENT_GONE, CASE_GONE }
    }

    private record Choice(AgentId agent, int units, RoutingExplanation explanation) {
    }

    /** Collects what a decision looked at. */
    private final class Explainer {
        final Work work;
        final Channel channel;
        final Map<String, Integer> skills;
        final Map<String, Integer> dropped;
        final List<TeamId> teams;
        final Map<String, Integer> poolSizes = new LinkedHashMap<>();
        final List<AgentId> eligible = new ArrayList<>();
        final List<Exclusion> excluded = new ArrayList<>();
        int examined;

        Explainer(Work work, Channel channel, Map<String, Integer> skills, Map<String, Integer> dropped,
                List<TeamId> teams) {
            this.work = work;
            this.channel = channel;
            this.skills = skills;
            this.dropped = dropped;
            this.teams = teams;
        }

        boolean wantsExclusions() {
            return excluded.size() < RECORDED_EXCLUSIONS;
        }

        void exclude(Exclusion exclusion) {
            if (excluded.size() < RECORDED_EXCLUSIONS) {
                excluded.add(exclusion);
            }
        }

        Choice chosen(AgentId agent, int units, String reason) {
            if (!eligible.contains(agent)) {
                eligible.add(0, agent);
            }
            return new Choice(agent, units, explanation(Optional.of(agent), units, reason));
        }

        Choice nobody(String reason) {
            return new Choice(null, 0, explanation(Optional.empty(), 0, reason));
        }

        private RoutingExplanation explanation(Optional<AgentId> agent, int units, String reason) {
            return new RoutingExplanation(config.strategy().name(), channel, units, skills, dropped,
                    work.request.language(), teams, poolSizes, examined, eligible, excluded, agent, reason);
        }
    }
}
