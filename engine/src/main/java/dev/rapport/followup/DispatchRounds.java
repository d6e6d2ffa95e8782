package dev.rapport.followup;

import dev.rapport.observe.RapportObserver;
import dev.rapport.followup.DispatchDecisions.Batch;
import dev.rapport.followup.DispatchDecisions.Decision;
import dev.rapport.followup.DispatchDecisions.Outcome;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of {@link FollowUpDispatcher}: claims a batch under a lease, has {@link DispatchDecisions} decide and
 * send each follow-up, and stores the round's outcomes in one transaction with a version check on each. A claim, its
 * decisions and its store may run on different threads ({@link DispatchPipeline}), one after the other.
 * Thread-safe: holds only immutable configuration and the dispatcher's stop flag.
 */
final class DispatchRounds {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpDispatcher.class);

    private final FollowUpRepository followUps;
    private final UnitOfWork unitOfWork;
    private final RapportObserver observer;
    private final DispatchDecisions decisions;
    private final String owner;
    private final Duration lease;
    private final int batchSize;
    private final BooleanSupplier stopping;

    DispatchRounds(FollowUpRepository followUps, UnitOfWork unitOfWork, RapportObserver observer,
            DispatchDecisions decisions, String owner, Duration lease, int batchSize, BooleanSupplier stopping) {
        this.followUps = followUps;
        this.unitOfWork = unitOfWork;
        this.observer = observer;
        this.decisions = decisions;
        this.owner = owner;
        this.lease = lease;
        this.batchSize = batchSize;
        this.stopping = stopping;
    }

    /** A round's claimed follow-ups, decided (and sent) but not yet stored. */
    record Round(int claimed, List<Decision> decisions, int[] counts, boolean leaseLost) { }

    /** A claimed batch with what deciding it needs from the store; nothing decided or sent yet. */
    record Claim(List<FollowUp> claimed, Batch batch) { }

    /** Claims a batch and reads what it needs. */
    Claim claim() {
        List<FollowUp> claimed = followUps.claimDue(owner, lease, batchSize);
        return new Claim(claimed, claimed.isEmpty() || stopping.getAsBoolean() ? null : decisions.load(claimed));
    }

    /** Decides and sends each follow-up of a claimed batch; stores nothing yet. */
    Round decide(Claim claim) {
        List<FollowUp> claimed = claim.claimed();
        int[] counts = new int[Outcome.values().length];
        if (claimed.isEmpty()) {
            return new Round(0, List.of(), counts, false);
        }
        Batch batch = claim.batch();
        List<Decision> decided = new ArrayList<>(claimed.size());
        boolean leaseLost = false;
        for (FollowUp followUp : claimed) {
            if (stopping.getAsBoolean()) {
                decided.add(decisions.release(followUp));
            } else if (leaseLost) {
                counts[Outcome.ABANDONED.ordinal()]++;
            } else {
                Decision decision = decisions.handle(followUp, batch);
                if (decision.outcome() == Outcome.LEASE_LOST) {
                    leaseLost = true;
                    counts[Outcome.ABANDONED.ordinal()]++;
                } else {
                    decided.add(decision);
                }
            }
        }
        return new Round(claimed.size(), decided, counts, leaseLost);
    }

    /** Stores a round's outcomes and tells what became of its follow-ups. */
    DispatchSummary finish(Round round) {
        store(round.decisions(), round.counts());
        if (round.leaseLost()) {
            LOG.warn("Lease lapsed during a batch of {} follow-ups; left the rest to other dispatchers",
                    round.claimed());
        }
        DispatchSummary summary = summary(round.claimed(), round.counts());
        observer.followUpRoundFinished(summary);
        return summary;
    }

    private static DispatchSummary summary(int claimed, int[] counts) {
        return new DispatchSummary(claimed, counts[Outcome.SENT.ordinal()], counts[Outcome.RETRIED.ordinal()],
                counts[Outcome.FAILED.ordinal()], counts[Outcome.EXPIRED.ordinal()],
                counts[Outcome.CANCELLED.ordinal()], counts[Outcome.DEFERRED.ordinal()],
                counts[Outcome.RELEASED.ordinal()], counts[Outcome.ABANDONED.ordinal()]);
    }

    /**
     * Stores the batch's decisions in one transaction, each with a version check, and raises the events of those
     * stored (published after commit, or appended to the outbox in the same transaction). A stale version means the
     * follow-up was taken over or cancelled meanwhile: nothing is written for it and nothing resent.
     */
    private void store(List<Decision> decisions, int[] counts) {
        if (decisions.isEmpty()) {
            return;
        }
        List<FollowUp> next = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            next.add(decision.next());
        }
        List<Optional<FollowUp>> stored = unitOfWork.run(events -> {
            List<Optional<FollowUp>> results = followUps.updateEach(next);
            for (int i = 0; i < results.size(); i++) {
                DomainEvent event = decisions.get(i).event();
                if (results.get(i).isPresent() && event != null) {
                    events.add(event);
                }
            }
            return results;
        });
        for (int i = 0; i < stored.size(); i++) {
            Decision decision = decisions.get(i);
            if (stored.get(i).isPresent()) {
                counts[decision.outcome().ordinal()]++;
                continue;
            }
            counts[Outcome.ABANDONED.ordinal()]++;
            FollowUpStatus current = followUps.findById(decision.claimed().id()).map(FollowUp::status)
                    .orElse(FollowUpStatus.CANCELLED);
            if (current == FollowUpStatus.CANCELLED) {
                LOG.debug("Follow-up {} was cancelled while claimed", decision.claimed().id());
            } else {
                LOG.info("Follow-up {} was taken over by another dispatcher after the lease lapsed",
                        decision.claimed().id());
            }
        }
    }
}
