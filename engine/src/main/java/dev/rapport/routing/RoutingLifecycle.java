package dev.rapport.routing;

import dev.rapport.internal.Arguments;
import dev.rapport.internal.CaseHooks;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.routing.RoutingWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the case lifecycle drive routing, as {@link RoutingPolicy} switches it: a new case is queued in the
 * transaction that opens it, a resolved or closed case (and, if configured, one waiting on the customer) gives its
 * agent's capacity back in the transaction that moves it, and a case that needs an agent again is queued with its
 * previous agent first. After the commit, the queued cases are routed at once on the calling thread, and freed
 * capacity is dispatched; a failure there is logged and left to the routing worker, since the change itself has
 * committed. Thread-safe: what one transaction queued is kept per thread until its commit.
 */
final class RoutingLifecycle implements CaseHooks {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingLifecycle.class);

    private final Router router;
    private final RapportStorage storage;
    private final RoutingPolicy config;
    private final java.time.Clock clock;
    private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);

    RoutingLifecycle(Router router, RapportStorage storage, RoutingPolicy config, java.time.Clock clock) {
        this.router = router;
        this.storage = storage;
        this.config = config;
        this.clock = clock;
    }

    /** What one thread's transactions asked for, to be done after commit. */
    private static final class Pending {
        final List<CaseId> queued = new ArrayList<>();
        /** Agents whose capacity was given back; the index learns their new load before the dispatch. */
        final List<AgentId> released = new ArrayList<>();
    }

    @Override
    public void opened(Case opened, List<DomainEvent> events) {
        if (config.routeNewCases()) {
            queue(opened);
        }
    }

    @Override
    public void statusChanged(Case before, Case after, List<DomainEvent> events) {
        CaseStatus to = after.status();
        boolean releases = (!to.isUnresolved() && config.releaseOnResolve())
                || (to == CaseStatus.PENDING_CUSTOMER && config.releaseWhenPending());
        if (releases) {
            // the release is recorded as the act of whoever made the move
            dev.rapport.spi.cases.Actor actor = after.history().isEmpty() ? dev.rapport.spi.cases.Actor.system()
                    : after.history().get(after.history().size() - 1).actor();
            pending.get().released.addAll(router.releaseIn(after.id(), now(), actor));
            return;
        }
        boolean backFromRelease = !before.status().isUnresolved()
                || (before.status() == CaseStatus.PENDING_CUSTOMER && config.releaseWhenPending());
        if (to.isUnresolved() && to != CaseStatus.PENDING_CUSTOMER && backFromRelease && config.routeReopenedCases()
                && storage.routing().findHolding(after.id()).isEmpty()) {
            queue(after);
        }
    }

    private void queue(Case supportCase) {
        Object outcome = router.queue(RoutingRequest.forCase(supportCase,
                storage.customers().findById(supportCase.customerId())).build(), false, now());
        if (outcome instanceof RoutingWork) {
            pending.get().queued.add(supportCase.id());
        }
    }

    @Override
    public void committed() {
        Pending done = pending.get();
        if (done.queued.isEmpty() && done.released.isEmpty()) {
            return;
        }
        pending.remove();
        Instant now = now();
        try {
            // this node's index learns at once of the capacity this transaction gave back
            router.refreshAgentsIn(done.released);
            for (CaseId caseId : done.queued) {
                Optional<RoutingWork> work = storage.routing().findWork(caseId);
                if (work.isPresent() && work.get().offer().isEmpty()) {
                    router.route(Work.of(work.get()), now);
                }
            }
            if (!done.released.isEmpty()) {
                router.dispatch();
            }
        } catch (RuntimeException e) {
            LOG.warn("Routing after a case change failed; the routing worker will try again", e);
        }
    }

    private Instant now() {
        return Arguments.now(clock);
    }
}
