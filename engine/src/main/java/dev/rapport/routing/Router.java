package dev.rapport.routing;

import static dev.rapport.internal.Arguments.requireArgument;

import com.google.common.base.Suppliers;
import dev.rapport.internal.CaseHooks;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.RoutingWorkNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Routes cases to the right agent: skills with levels, languages, per-channel capacity in units, presence, teams
 * with overflow, and a pluggable {@link RoutingStrategy}. Work that no agent can take waits, ordered by priority
 * (rising with waiting time, so nothing starves), then time to SLA breach, then original request time; whenever
 * capacity frees up, {@link #dispatch()} gives the most urgent fitting work out first.
 *
 * <p><b>Shared by every node.</b> All of routing's state lives in storage ({@link RapportStorage#routing()}): the
 * waiting work with its priority and original request time, open offers with their deadlines, and the capacity each
 * agent holds for the cases routing gave it; agent load is stored on the agent. A router on any node routes work
 * queued on any other, and work queued by a node that dies stays queued for the others. The agents are read from an
 * in-memory index, a cache kept current from storage's agent change feed by {@link #tick()} (re-reading
 * {@link #FEED_OVERLAP} before the last change seen, and everything every {@link #FULL_RELOAD_INTERVAL}); a stale
 * cache can cost a retry, never a wrong assignment, because every write is checked against the stored versions.
 *
 * <p>An assignment is stored in one transaction: the waiting work is removed (checked against its version), the agent
 * gets its new load and last assignment time (checked against the version just read), the case its assignee and
 * team (and a {@link CaseAssigned} event), the holding is recorded, and on a reassignment the previous agent gets its
 * load back. When two routers race, storage rejects the loser, which rereads and either tries the next agent or
 * reports the winner's assignment. One case never goes to two agents and no agent holds more than its capacity.
 * While an offer is open its units are counted in the agent's stored load, so no node gives them away twice.
 *
 * <p>Every decision carries an explanation, and ties break deterministically. Thread-safe: one lock guards the
 * index, and storage is never called under it.
 */
public final class Router {

    /** How far before the last agent change seen the change feed is read again, for writes that commit late. */
    public static final Duration FEED_OVERLAP = Duration.ofSeconds(5);

    /** How often {@link #tick()} reads every agent again, whatever the change feed said. */
    public static final Duration FULL_RELOAD_INTERVAL = Duration.ofMinutes(5);

    private static final Pattern REASON = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");

    private final RapportStorage storage;
    private final EngineRuntime runtime;
    private final CommandValidator validator;
    private final RoutingPolicy config;
    private final RouterCore core;
    private final AgentFeed feed;
    private final AssignmentCommit commit;
    private final RoutingBacklog backlog;

    /**
     * A router in the given runtime; reads every agent into its index. {@code Rapport} builds one; hosts use
     * {@code Rapport#routing()}.
     *
     * @param runtime the storage, clock, validator and unit of work every service shares
     * @param config strategy, costs and waiting rules
     */
    public Router(EngineRuntime runtime, RoutingPolicy config) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.storage = runtime.storage();
        this.validator = runtime.commands();
        this.config = Objects.requireNonNull(config, "config");
        this.core = new RouterCore(runtime, config);
        this.feed = new AgentFeed(core);
        this.commit = new AssignmentCommit(core);
        this.backlog = new RoutingBacklog(core, commit);
        reloadAgents();
    }

    /**
     * The configuration.
     *
     * @return the configuration this router decides by
     */
    public RoutingPolicy config() {
        return config;
    }

    /**
     * Lets the case lifecycle of a runtime drive a router, as its {@link RoutingPolicy} switches it: new cases are
     * queued and routed, resolved and closed cases give their capacity back, reopened cases are routed again, inside
     * the transactions of the case changes themselves. The router is taken from the supplier the first time a case
     * changes, so registering reads nothing from storage. The facade does this when routing is configured.
     *
     * @param runtime the runtime whose case changes drive the router
     * @param router the router, built on first use; called at most once
     */
    public static void driveByCaseLifecycle(EngineRuntime runtime, Supplier<Router> router) {
        Supplier<CaseHooks> hooks =
                Suppliers.memoize(() -> router.get().lifecycle());
        runtime.addCaseHooks(new CaseHooks() {
            @Override
            public void opened(Case opened, List<DomainEvent> events) {
                hooks.get().opened(opened, events);
            }

            @Override
            public void statusChanged(Case before, Case after, List<DomainEvent> events) {
                hooks.get().statusChanged(before, after, events);
            }

            @Override
            public void committed() {
                hooks.get().committed();
            }
        });
    }

    /** The hooks by which the case lifecycle drives this router; see {@link #driveByCaseLifecycle}. */
    CaseHooks lifecycle() {
        return new RoutingLifecycle(this, storage, config, runtime.clock());
    }

    // ---------------------------------------------------------------------------------------------- agents

    /**
     * Reads every agent from storage into the index, walking the change feed from its beginning: a walk by key, whose
     * cost per page does not grow with the agents already read.
     */
    public void reloadAgents() {
        feed.reload();
    }

    /**
     * Brings the index up to date from storage's agent change feed: agents registered, changed or given work or
     * capacity on any node since the last call. Run by {@link #tick()}; hosts rarely need it.
     *
     * @return how many agent versions were read
     */
    public int refreshAgents() {
        return feed.refresh();
    }

    /**
     * Rereads one agent from storage, for example after the host changed its skills or capacity, and dispatches
     * waiting work if it can now take some.
     *
     * @param agentId the agent to reread
     * @return the decisions the dispatch made for waiting work, in the order made; empty if nothing was dispatched
     * @throws dev.rapport.spi.agent.AgentNotFoundException if no agent has the id
     * @throws ValidationException naming the argument that is null
     */
    public List<RoutingDecision> refreshAgent(AgentId agentId) {
        requireArgument("refreshAgent", "agentId", agentId);
        Agent agent = storage.agents().get(agentId);
        core.locked(() -> core.index.put(agent));
        return dispatch();
    }

    /**
     * Stores an agent's new presence and, when the agent becomes available, dispatches waiting work.
     *
     * @param agentId the agent whose presence changes
     * @param presence the agent's new presence
     * @return the decisions the dispatch made; empty when the agent did not become available
     * @throws dev.rapport.spi.agent.AgentNotFoundException if no agent has the id
     * @throws ValidationException naming the argument that is null
     * @throws dev.rapport.spi.IllegalTransitionException if the agent is retired and the presence is not
     */
    public List<RoutingDecision> setPresence(AgentId agentId, Presence presence) {
        requireArgument("setPresence", "agentId", agentId);
        requireArgument("setPresence", "presence", presence);
        Instant now = now();
        Agent updated = core.retryingStale("Agent " + agentId, () -> core.unitOfWork.run(events -> {
            Agent agent = storage.agents().get(agentId);
            if (agent.presence() == presence) {
                return agent;
            }
            if (!agent.presence().canMoveTo(presence)) {
                throw new dev.rapport.spi.IllegalTransitionException("agent", agentId, agent.presence(), presence);
            }
            return storage.agents().update(agent.toBuilder().presence(presence).updatedAt(now).build());
        }));
        core.locked(() -> core.index.put(updated));
        return presence == Presence.AVAILABLE ? dispatch() : List.of();
    }

    /**
     * The agent as the router's index sees it: as stored when last read, which counts the units of open offers as
     * load.
     *
     * @param agentId the agent
     * @return the agent as indexed, its load including open offers; empty if the index does not hold the agent
     * @throws ValidationException naming {@code agentId} if it is null
     */
    public Optional<Agent> agent(AgentId agentId) {
        requireArgument("agent", "agentId", agentId);
        return core.locked(() -> core.index.entry(agentId).map(e -> e.effective));
    }

    // ---------------------------------------------------------------------------------------------- queueing

    /**
     * Queues the case for an agent and routes it at once: the decision for this case says whether it was assigned,
     * offered or waits, and is never null. A case needs an agent when it has no assignee, or when its agent holds no
     * capacity for it (it was released, for example when it was resolved and reopened, or it was assigned by hand);
     * its assignee is then preferred. A case whose agent holds it through routing is already assigned: the decision
     * is {@link RoutingOutcome#DROPPED} and nothing changes; use {@link #reassign(RoutingRequest)} to move it.
     * Routing a case that waits already replaces its request, keeps its original request time and withdraws its open
     * offer.
     *
     * @param request what the case needs and how urgent it is
     * @return the decision for this case: assigned, offered, waiting, or dropped when its agent already holds it
     * @throws ValidationException if the request breaks its constraints, or the case is resolved or closed
     *         ({@code caseId}, rule {@code Unresolved})
     * @throws dev.rapport.spi.cases.CaseNotFoundException if no case has the id
     */
    public RoutingDecision submit(RoutingRequest request) {
        return enqueue(request, false);
    }

    /**
     * Moves an assigned case to another agent: the current assignee is excluded, and when the new assignment is
     * stored the current assignee's capacity for the case is given back in the same transaction (what routing
     * recorded when it assigned the case, or else the case channel's cost). A case without an assignee is simply
     * routed.
     *
     * @param request what the case needs and how urgent it is; its case is the one to move
     * @return the decision for this case
     * @throws ValidationException if the request breaks its constraints, or the case is resolved or closed
     * @throws dev.rapport.spi.cases.CaseNotFoundException if no case has the id
     */
    public RoutingDecision reassign(RoutingRequest request) {
        return enqueue(request, true);
    }

    private RoutingDecision enqueue(RoutingRequest request, boolean reassign) {
        validator.check(request);
        Instant now = now();
        // another router queued or routed the same case meanwhile: read again what it stored
        Object queued = Retry.onConflict(config.commitAttempts(), "Routing of case " + request.caseId(),
                e -> e instanceof StaleVersionException || e instanceof DuplicateEntityException
                        || e instanceof RoutingWorkNotFoundException,
                () -> core.unitOfWork.run(events -> core.writes.queue(request, reassign, now)));
        if (queued instanceof AgentId assignee) {
            return dropped(request, assignee, now);
        }
        return route(Work.of((RoutingWork) queued), now);
    }

    /** Queues work in the running transaction; see {@link RoutingWrites#queue}. */
    Object queue(RoutingRequest request, boolean reassign, Instant now) {
        return core.writes.queue(request, reassign, now);
    }

    /** Releases a case in the running transaction by the system; see {@link RoutingWrites#releaseIn}. */
    List<AgentId> releaseIn(CaseId caseId, Instant now) {
        return releaseIn(caseId, now, Actor.system());
    }

    /** Releases a case in the running transaction; see {@link RoutingWrites#releaseIn}. */
    List<AgentId> releaseIn(CaseId caseId, Instant now, Actor actor) {
        return core.writes.releaseIn(caseId, now, actor);
    }

    /** Rereads the given agents into the index, for example after their capacity was given back in a transaction. */
    void refreshAgentsIn(List<AgentId> agents) {
        agents.stream().distinct().forEach(core::refreshIndex);
    }

    private RoutingDecision dropped(RoutingRequest request, AgentId assignee, Instant now) {
        return new RoutingDecision(request.caseId(), RoutingOutcome.DROPPED, Optional.empty(), Optional.empty(),
                core.plainExplanation(request, "the case is already assigned to agent " + assignee
                        + "; reassign it to move it"), now);
    }

    /**
     * The decision the router would make for a request now, with its explanation; reserves and stores nothing, and
     * does not read the case.
     *
     * @param request what the work needs and how urgent it is
     * @return the decision that routing the request now would give, with its explanation
     * @throws ValidationException if the request breaks its constraints
     */
    public RoutingDecision preview(RoutingRequest request) {
        validator.check(request);
        Instant now = now();
        return core.locked(() -> {
            Decider.Choice choice = core.decider.decide(Work.preview(request, request.requestedAt().orElse(now)),
                    now);
            return new RoutingDecision(request.caseId(), choice.agent() == null ? RoutingOutcome.WAITING
                    : RoutingOutcome.PREVIEW, Optional.ofNullable(choice.agent()), Optional.empty(),
                    choice.explanation(), now);
        });
    }

    // ---------------------------------------------------------------------------------------------- the loop

    /**
     * One round of the routing loop, as the engine's routing worker runs it on every node: brings the agent index up
     * to date from storage, times out expired offers, and routes the waiting work.
     *
     * @return the decisions the dispatch made
     */
    public List<RoutingDecision> tick() {
        refreshAgents();
        return dispatch();
    }

    /**
     * Times out expired offers and routes every piece of waiting work without an open offer, most urgent first, so
     * that freed capacity goes to the most urgent work that fits. The routing worker calls it on every node, and the
     * router calls it itself when capacity frees up here; hosts may call it too.
     *
     * @return the decision for each piece of work it routed, in the order it routed them
     */
    public List<RoutingDecision> dispatch() {
        return backlog.dispatch();
    }

    // ---------------------------------------------------------------------------------------------- answers

    /**
     * Accepts an open offer: the assignment is stored. If the offer timed out meanwhile, the work goes to the next
     * agent instead and the returned decision says so; if the work went elsewhere meanwhile (another node assigned
     * it, or it was withdrawn), the decision is {@link RoutingOutcome#DROPPED}.
     *
     * @param offerId the id of the offer
     * @return the decision: assigned to the accepting agent, passed on when the offer had timed out, or dropped
     * @throws NotFoundException with entity {@code "offer"} if no open offer has the id and this router made none
     * @throws ValidationException naming {@code offerId} if it is null
     */
    public RoutingDecision accept(UUID offerId) {
        requireArgument("accept", "offerId", offerId);
        return commit.accept(offerId, now());
    }

    /**
     * Declines an open offer; the work goes to the next agent at once, never back to this one.
     *
     * @param reason a code saying why, for example {@code "wrong-skill"} or {@code "on-break"}
     * @param offerId the id of the offer
     * @return the decision for the work after the decline: offered or assigned to the next agent, or waiting; dropped
     *         if the work went elsewhere meanwhile
     * @throws ValidationException if the reason is not a code ({@code reason}), or naming {@code offerId} if it is
     *         null
     * @throws NotFoundException with entity {@code "offer"} if no open offer has the id and this router made none
     */
    public RoutingDecision decline(UUID offerId, String reason) {
        requireArgument("decline", "offerId", offerId);
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw ValidationException.of("Decline", "reason", "Code",
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return commit.decline(offerId, reason, now());
    }

    // ---------------------------------------------------------------------------------------------- release

    /**
     * Gives back the capacity a case's agent holds for it and takes the case out of the waiting work (withdrawing an
     * open offer), then dispatches waiting work to the freed capacity. The case lifecycle calls it in the
     * transaction that resolves or closes a case when routing is configured; hosts call it for other reasons. Calling
     * it again, on any node, does nothing.
     *
     * @param caseId the case whose agent's capacity is given back
     * @return the decisions the dispatch made
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public List<RoutingDecision> release(CaseId caseId) {
        return release(caseId, Actor.system());
    }

    /**
     * Releases a case as {@link #release(CaseId)} does, recording who released it in the case's audit trail (for
     * example the agent who hands it back).
     *
     * @param caseId the case
     * @param actor who releases it
     * @return the decisions the dispatch made
     * @throws ValidationException naming {@code caseId} or {@code actor} if it is null
     */
    public List<RoutingDecision> release(CaseId caseId, Actor actor) {
        requireArgument("release", "caseId", caseId);
        requireArgument("release", "actor", actor);
        Instant now = now();
        List<AgentId> touched = core.retryingStale("Release of case " + caseId, () -> core.unitOfWork.run(
                events -> core.writes.releaseIn(caseId, now, actor)));
        if (touched.isEmpty()) {
            return List.of();
        }
        touched.forEach(core::refreshIndex);
        return dispatch();
    }

    /**
     * Takes a case out of the waiting work, for example when it was resolved before anyone took it; an open offer's
     * units go back to its agent.
     *
     * @param caseId the case to take out; nothing happens if it does not wait
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public void withdraw(CaseId caseId) {
        requireArgument("withdraw", "caseId", caseId);
        Instant now = now();
        Optional<AgentId> offered = core.retryingStale("Withdrawal of case " + caseId,
                () -> core.unitOfWork.run(events -> {
                    Optional<RoutingOffer> offer = storage.routing().removeWork(caseId).flatMap(RoutingWork::offer);
                    offer.ifPresent(o -> core.writes.giveBack(o.agentId(), o.channel(), o.units(), now));
                    return offer.map(RoutingOffer::agentId);
                }));
        offered.ifPresent(core::refreshIndex);
    }

    // ---------------------------------------------------------------------------------------------- views

    /**
     * The waiting work on every node, most urgent first, including work with open offers.
     *
     * @return the backlog of every node as stored, most urgent first; empty if nothing waits
     */
    public List<WorkItem> waiting() {
        return backlog.waiting();
    }

    /**
     * The open offer for a case, if any.
     *
     * @param caseId the case
     * @return the open offer for the case; empty if it has none, for example because it is assigned or waits for an
     *         agent
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public Optional<Offer> offerFor(CaseId caseId) {
        requireArgument("offerFor", "caseId", caseId);
        return storage.routing().findWork(caseId).flatMap(w -> w.offer().map(o -> Work.toOffer(caseId, o)));
    }

    // ---------------------------------------------------------------------------------------------- routing

    /**
     * Routes one piece of waiting work now: decides from the index, then stores an assignment or an offer. Never
     * returns null: when the work went elsewhere meanwhile, the decision says where, from storage.
     */
    RoutingDecision route(Work initial, Instant now) {
        return commit.route(initial, now);
    }

    /** Rereads one agent into the index. */
    void refreshIndex(AgentId agentId) {
        core.refreshIndex(agentId);
    }

    private Instant now() {
        return core.now();
    }
}
