package dev.rapport.followup;

import com.google.common.util.concurrent.Uninterruptibles;
import dev.rapport.followup.DispatchRounds.Claim;
import dev.rapport.followup.DispatchRounds.Round;
import dev.rapport.internal.WorkerLoop;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread's rounds. The outcomes of a full round are stored on a companion thread while this
 * thread claims the next batch and reads what it needs, so the database writes one batch while the next is
 * read; but no follow-up of the next round is sent before the previous round's outcomes are stored. A thread
 * therefore never holds more than one round (at most a batch) of follow-ups that were sent and whose outcome is
 * not stored: that is the bound on what a crash can leave to be sent again. A store that fails is tried again
 * on this thread before anything else is claimed or sent; until it succeeds the thread backs off.
 */
final class DispatchPipeline implements WorkerLoop.Task {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpDispatcher.class);

    private final DispatchRounds rounds;
    private final ExecutorService storers;
    private final int batchSize;
    private final BooleanSupplier stopping;

    /** A round whose follow-ups were decided and sent, and whose outcomes are not yet known to be stored. */
    private Round unstored;
    /** The companion thread's store of {@link #unstored}, if it runs there. */
    private Future<?> storing;

    DispatchPipeline(DispatchRounds rounds, ExecutorService storers, int batchSize, BooleanSupplier stopping) {
        this.rounds = rounds;
        this.storers = storers;
        this.batchSize = batchSize;
        this.stopping = stopping;
    }

    @Override
    public boolean runRound() {
        if (unstored != null && storing == null) {
            storeUnstored(); // a store that failed is retried before anything else
        }
        Claim next;
        try {
            next = stopping.getAsBoolean() ? null : rounds.claim();
        } finally {
            storeUnstored(); // the previous round is stored before a follow-up of this one is sent
        }
        if (next == null || next.claimed().isEmpty()) {
            return false;
        }
        Round round = rounds.decide(next);
        unstored = round;
        try {
            storing = storers.submit(() -> rounds.finish(round));
        } catch (RejectedExecutionException e) {
            storeUnstored(); // the storing threads are stopped: store it here
        }
        if (round.claimed() < batchSize || stopping.getAsBoolean()) {
            storeUnstored(); // nothing more is ready: wait for the store before pausing
            return false;
        }
        return true;
    }

    private void storeUnstored() {
        if (unstored == null) {
            return;
        }
        Future<?> running = storing;
        storing = null;
        if (running != null) {
            try {
                Uninterruptibles.getUninterruptibly(running);
                unstored = null;
                return;
            } catch (ExecutionException e) {
                LOG.warn("Storing the outcomes of a follow-up round failed ({}); trying again",
                        e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName());
            }
        }
        rounds.finish(unstored);
        unstored = null;
    }

    @Override
    public void stopped() {
        try {
            storeUnstored();
        } catch (RuntimeException e) {
            LOG.warn("Storing the last follow-up round failed on shutdown ({}); its follow-ups are claimed again"
                    + " once their lease ends", e.getClass().getName());
        }
    }
}
