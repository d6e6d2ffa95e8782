package dev.rapport.routing;

import dev.rapport.internal.Retry;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router's commits of its decisions: routing one piece of work (decide from the index, reserve, store the
 * assignment or offer, reread on a race), and the answers to offers (accept, decline, time out). Thread-safe: the
 * index is used under the router's lock, storage outside it.
 */
final class AssignmentCommit {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentCommit.class);
    private static final int REMEMBERED_OFFERS = 100_000;

    private final RouterCore core;
    /** Offers this router made, by id, so that an answer to one whose work went elsewhere is told so. */
    private final Map<UUID, OfferMade> offersMade = remembering();

    AssignmentCommit(RouterCore core) {
        this.core = core;
    }

    private static <K, V> Map<K, V> remembering() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED_OFFERS;
            }
        };
    }

    /** An offer this router made: which case, on which channel. */
    private record OfferMade(CaseId caseId, Channel channel) {
    }

    // ---------------------------------------------------------------------------------------------- routing

    /** Routes one piece of waiting work now and tells the observer; see {@link Router#route}. */
    RoutingDecision route(Work initial, Instant now) {
        RoutingDecision decision = routeOnce(initial, now);
        core.runtime.observer().routingDecided(decision);
        return decision;
    }

    /**
     * Decides and commits, up to the configured attempts: each attempt decides again from the index and from the
     * work as last read, so a race lost to another router is not a plain retry of the same write.
     */
    private RoutingDecision routeOnce(Work initial, Instant now) {
        RoutingPolicy config = core.config;
        Work work = initial;
        RoutingDecision last = null;
        for (int attempt = 1; attempt <= config.commitAttempts(); attempt++) {
            Work current = work;
            Decider.Choice choice = core.locked(() -> {
                Decider.Choice chosen = core.decider.decide(current, now);
                if (chosen.agent() != null) {
                    core.index.reserve(chosen.agent(), current.request.channel(), chosen.units());
                }
                return chosen;
            });
            if (choice.agent() == null) {
                return new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(), Optional.empty(),
                        choice.explanation(), now);
            }
            AgentId agentId = choice.agent();
            Channel channel = work.request.channel();
            try {
                Object outcome = core.unitOfWork.run(events -> config.requireAcceptance()
                        ? core.writes.offer(current.stored, agentId, channel, choice.units(), now)
                        : core.writes.assignOrFull(current.stored, agentId, channel, choice.units(), false, now,
                                events, Actor.system()));
                if (outcome == null) {
                    return core.decisionFromStorage(work, now, choice.explanation());
                }
                if (outcome == RoutingWrites.AgentFull.INSTANCE) {
                    last = new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(),
                            Optional.empty(), choice.explanation(), now);
                    continue;
                }
                work.stored.moveFrom().ifPresent(h -> core.refreshIndex(h.agentId()));
                if (outcome instanceof RoutingWork offered) {
                    RoutingOffer open = offered.offer().orElseThrow();
                    core.locked(() -> offersMade.put(open.offerId(), new OfferMade(offered.caseId(),
                            open.channel())));
                    return new RoutingDecision(work.caseId(), RoutingOutcome.OFFERED, Optional.of(agentId),
                            Optional.of(Work.toOffer(offered.caseId(), open)), choice.explanation(), now);
                }
                return new RoutingDecision(work.caseId(), RoutingOutcome.ASSIGNED, Optional.of(agentId),
                        Optional.empty(), choice.explanation(), now);
            } catch (StaleVersionException | NotFoundException e) {
                LOG.debug("Routing case {} to agent {} met a concurrent change of {}; rereading", work.caseId(),
                        agentId, e.getMessage());
                Optional<RoutingWork> fresh = core.storage.routing().findWork(work.caseId());
                if (fresh.isEmpty()) {
                    return core.decisionFromStorage(work, now, choice.explanation());
                }
                if (fresh.get().offer().isPresent()) {
                    RoutingOffer open = fresh.get().offer().get();
                    return new RoutingDecision(work.caseId(), RoutingOutcome.OFFERED, Optional.of(open.agentId()),
                            Optional.of(Work.toOffer(work.caseId(), open)), choice.explanation(), now);
                }
                work = Work.of(fresh.get());
            } finally {
                core.unreserveAndRefresh(agentId, channel, choice.units());
            }
        }
        return last != null ? last : new RoutingDecision(work.caseId(), RoutingOutcome.WAITING, Optional.empty(),
                Optional.empty(), core.plainExplanation(work.request, "concurrent changes kept the work from being "
                        + "stored after " + config.commitAttempts() + " attempts; it waits for the next dispatch"),
                now);
    }

    // ---------------------------------------------------------------------------------------------- answers

    /** Times out an offer in its own transaction; returns the work without it, or empty if it changed meanwhile. */
    Optional<RoutingWork> expire(RoutingWork work, Instant now) {
        RoutingOffer offer = work.offer().orElseThrow();
        try {
            RoutingWork fresh = core.unitOfWork.run(events -> {
                core.writes.giveBack(offer.agentId(), offer.channel(), offer.units(), now);
                return core.storage.routing().updateWork(work.withOffer(Optional.empty()).withExcluded(
                        Work.excluding(work, offer.agentId(), ExclusionReason.TIMED_OUT,
                                "offer expired at " + offer.expiresAt())));
            });
            core.refreshIndex(offer.agentId());
            return Optional.of(fresh);
        } catch (StaleVersionException | NotFoundException e) {
            LOG.debug("Offer {} changed while it was timed out; left to its new state", offer.offerId());
            return Optional.empty();
        }
    }

    /** Accepts an open offer; see {@link Router#accept(UUID)}. */
    RoutingDecision accept(UUID offerId, Instant now) {
        try {
            return core.retryingStale("Offer " + offerId, () -> acceptOnce(offerId, now));
        } catch (StaleVersionException e) {
            return answeredElsewhere(offerId, now);
        }
    }

    /**
     * One attempt to accept an offer, from the work as stored now; throws {@link StaleVersionException} when the
     * work changed meanwhile, so that the next attempt reads it again.
     */
    private RoutingDecision acceptOnce(UUID offerId, Instant now) {
        Optional<RoutingWork> found = core.storage.routing().findWorkByOffer(offerId);
        if (found.isEmpty()) {
            return answeredElsewhere(offerId, now);
        }
        RoutingWork work = found.get();
        RoutingOffer offer = work.offer().orElseThrow();
        if (now.isAfter(offer.expiresAt())) {
            Optional<RoutingWork> fresh = expire(work, now);
            if (fresh.isEmpty()) {
                throw new StaleVersionException("routing_work", work.caseId(), work.version());
            }
            return route(Work.of(fresh.get()), now);
        }
        Work view = Work.of(work);
        Case assigned = core.unitOfWork.run(events -> core.writes.assign(work, offer.agentId(), offer.channel(),
                offer.units(), true, now, events, Actor.agent(offer.agentId())));
        if (assigned == null) {
            return core.decisionFromStorage(view, now, core.plainExplanation(view.request, "the case was resolved "
                    + "or assigned elsewhere while it was offered"));
        }
        core.refreshIndex(offer.agentId());
        work.moveFrom().ifPresent(h -> core.refreshIndex(h.agentId()));
        return new RoutingDecision(work.caseId(), RoutingOutcome.ASSIGNED, Optional.of(offer.agentId()),
                Optional.empty(), core.plainExplanation(view.request, "offer " + offerId + " accepted"), now);
    }

    /** Declines an open offer with a checked reason; see {@link Router#decline(UUID, String)}. */
    RoutingDecision decline(UUID offerId, String reason, Instant now) {
        Optional<RoutingWork> declined;
        try {
            declined = Retry.onConflict(core.config.commitAttempts(), "Offer " + offerId,
                    e -> e instanceof StaleVersionException || e instanceof NotFoundException,
                    () -> declineOnce(offerId, reason, now));
        } catch (StaleVersionException | NotFoundException e) {
            return answeredElsewhere(offerId, now);
        }
        return declined.isEmpty() ? answeredElsewhere(offerId, now) : route(Work.of(declined.get()), now);
    }

    /** One attempt to decline an offer: the work without it and excluding its agent; empty if no work holds it. */
    private Optional<RoutingWork> declineOnce(UUID offerId, String reason, Instant now) {
        Optional<RoutingWork> found = core.storage.routing().findWorkByOffer(offerId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RoutingWork work = found.get();
        RoutingOffer offer = work.offer().orElseThrow();
        RoutingWork fresh = core.unitOfWork.run(events -> {
            core.writes.giveBack(offer.agentId(), offer.channel(), offer.units(), now);
            return core.storage.routing().updateWork(work.withOffer(Optional.empty()).withExcluded(
                    Work.excluding(work, offer.agentId(), ExclusionReason.DECLINED, reason)));
        });
        core.refreshIndex(offer.agentId());
        return Optional.of(fresh);
    }

    /**
     * The answer to an offer that is no longer open: when its work still waits (the offer timed out or was
     * withdrawn), the offer is simply unknown; when the work went elsewhere (assigned, withdrawn, resolved) after
     * this router offered it, the decision says it was dropped.
     */
    private RoutingDecision answeredElsewhere(UUID offerId, Instant now) {
        OfferMade made = core.locked(() -> offersMade.get(offerId));
        if (made == null || core.storage.routing().findWork(made.caseId()).isPresent()) {
            throw new NotFoundException("offer", offerId);
        }
        RoutingExplanation explanation = new RoutingExplanation(core.config.strategy().name(), made.channel(), 0,
                Map.of(), Map.of(), Optional.empty(), List.of(), Map.of(), 0, List.of(), List.of(), Optional.empty(),
                "offer " + offerId + " is no longer open: the work was assigned elsewhere, withdrawn or resolved");
        return new RoutingDecision(made.caseId(), RoutingOutcome.DROPPED, Optional.empty(), Optional.empty(),
                explanation, now);
    }
}
