package dev.rapport.outbox;

import dev.rapport.internal.WorkerLoop;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventOutbox.Entry;
import dev.rapport.spi.event.EventOutbox.FailureOutcome;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves domain events from the transactional {@link EventOutbox} to the host's {@link EventPublisher}: at least
 * once, in order per aggregate, with retries and backoff, parking an event as a dead letter after the configured
 * attempts. Several relays (one per node) may run against one outbox; the outbox's leases keep them apart, and a
 * relay that dies mid-batch only delays its events until their leases lapse.
 *
 * <p>Call {@link #relayOnce()} from the host's own scheduler, or {@link #start()} a supervised background thread
 * that polls (a started Rapport does, as worker {@code OUTBOX_RELAY}) and {@link #close()} it on shutdown, which
 * publishes what is still queued in a final round. Each publish runs with a timeout on a separate thread, so a publisher that
 * hangs costs one attempt, not the relay; a hung publisher thread is interrupted and left to end.
 *
 * <p>Thread-safe: {@link #relayOnce()} may run on several threads at once (each claims its own batch).
 */
public final class OutboxRelay implements AutoCloseable {

    /** Events claimed per round unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** How long a claim holds unless told otherwise. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    /** How long one publish may take unless told otherwise. */
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    /** Attempts before an event is parked unless told otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** The delay after a first failure unless told otherwise; it doubles with each further failure. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** The longest delay between attempts unless told otherwise. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(10);
    /** How long the background thread waits when the outbox had nothing ready, unless told otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for the running round and the final one, unless told otherwise. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** What {@code publish} returns when the relaying thread was interrupted while waiting for the publisher. */
    private static final Throwable INTERRUPTED = new InterruptedException("the relaying thread was interrupted");

    /**
     * What one round did.
     *
     * @param claimed events claimed
     * @param delivered events published and marked delivered
     * @param retried events whose publish failed and that will be tried again
     * @param deadLettered events parked after their last attempt
     * @param released events given back unpublished because the claim was running out
     */
    public record Round(int claimed, int delivered, int retried, int deadLettered, int released) {
    }

    private final EventOutbox outbox;
    private final EventPublisher publisher;
    private final String owner;
    private final int batchSize;
    private final Duration lease;
    private final Duration publishTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration pollInterval;
    private final Duration restartBackoff;
    private final Duration maxRestartBackoff;
    private final Duration shutdownTimeout;
    private final ExecutorService publishing;
    private final dev.rapport.observe.RapportObserver observer;
    private volatile WorkerLoop background;
    private boolean closed;

    private OutboxRelay(Builder b) {
        this.outbox = b.outbox;
        this.publisher = b.publisher;
        this.owner = b.owner;
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.publishTimeout = b.publishTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.pollInterval = b.pollInterval;
        this.restartBackoff = b.restartBackoff;
        this.maxRestartBackoff = b.maxRestartBackoff;
        this.shutdownTimeout = b.shutdownTimeout;
        this.observer = dev.rapport.observe.RapportObserver.guarded(b.observer);
        this.publishing = Executors.newCachedThreadPool(daemon("rapport-outbox-publish-"));
    }

    /**
     * A builder; see each option for its default.
     *
     * @return a new builder with the defaults; outbox and publisher still to set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The name this relay claims under.
     *
     * @return the owner name this relay's claims carry, unique per node
     */
    public String owner() {
        return owner;
    }

    /**
     * Claims one batch and publishes it: each event that the publisher takes within the timeout is marked
     * delivered; each that fails is recorded for a retry after a backoff, or parked as a dead letter after its last
     * attempt. If the claim is about to run out, the rest of the batch is given back unpublished.
     *
     * <p>If the outbox refuses to record a failed attempt, the attempt is recorded again with only the failure's
     * type as its error (the text may be what the store refused), so the attempt still counts and the event can
     * still be parked. If an outbox call on a claimed event fails all the same (marking it delivered, recording its
     * failure, giving it back), the round publishes nothing more: the rest of the batch is given back at once,
     * unpublished and with no attempt counted, so this relay's next round or another relay takes it without waiting
     * for the lease, and then the outbox's failure is thrown. Only the event whose call failed waits for its lease;
     * if it had been published it is published again then, the same bound as a crash between publishing and
     * marking.
     *
     * @return what the round did
     * @throws dev.rapport.spi.StorageException if the outbox failed; the rest of the batch was given back first,
     *     as far as the outbox allowed
     */
    public Round relayOnce() {
        long claimedAt = System.nanoTime();
        List<Entry> batch = outbox.claim(owner, lease, batchSize);
        long deadline = claimedAt + lease.minus(publishTimeout).toNanos();
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        int released = 0;
        boolean interrupted = false;
        for (int i = 0; i < batch.size(); i++) {
            Entry entry = batch.get(i);
            try {
                if (interrupted || System.nanoTime() > deadline) {
                    outbox.release(entry);
                    released++;
                    continue;
                }
                Throwable failure = publish(entry);
                if (failure == INTERRUPTED) {
                    // not the event's fault: it and the rest of the batch go back unpublished, no attempt counted
                    interrupted = true;
                    outbox.release(entry);
                    released++;
                    continue;
                }
                if (failure == null) {
                    if (!outbox.markDelivered(entry)) {
                        LOG.debug("Event {} was published after its claim ran out; it may be published again",
                                entry.eventId());
                    }
                    delivered++;
                    continue;
                }
                int attempt = entry.attempts() + 1;
                FailureOutcome outcome = recordFailure(entry, failure, attempt);
                if (outcome == FailureOutcome.DEAD_LETTERED) {
                    dead++;
                    LOG.error("Parked event {} of type {} as a dead letter after {} attempts; last failure {}",
                            entry.eventId(), entry.event().type(), attempt, failure.getClass().getName());
                } else if (outcome == FailureOutcome.RETRY_SCHEDULED) {
                    retried++;
                    LOG.warn("Publishing event {} of type {} failed (attempt {} of {}, {}); retrying in {}",
                            entry.eventId(), entry.event().type(), attempt, maxAttempts,
                            failure.getClass().getName(), backoff(attempt));
                }
            } catch (RuntimeException outboxFailure) {
                int givenBack = giveBack(batch.subList(i + 1, batch.size()), outboxFailure);
                LOG.warn("The outbox failed on event {} ({}); gave back {} of the {} events left in the batch",
                        entry.eventId(), outboxFailure.getClass().getName(), givenBack, batch.size() - i - 1);
                throw outboxFailure;
            }
        }
        Round round = new Round(batch.size(), delivered, retried, dead, released);
        observer.outboxRoundFinished(round);
        return round;
    }

    /**
     * Records a failed attempt; if the outbox refuses it, records it again with only the failure's type as the
     * error, so that the attempt counts whatever the failure's text. Throws the outbox's failure if both fail.
     */
    private FailureOutcome recordFailure(Entry entry, Throwable failure, int attempt) {
        try {
            return outbox.recordFailure(entry, describe(failure), backoff(attempt), maxAttempts);
        } catch (RuntimeException refused) {
            LOG.warn("The outbox refused to record the failed attempt {} of event {} ({}); recording it without its"
                    + " message", attempt, entry.eventId(), refused.getClass().getName());
            try {
                // a refusal whose work did reach the store ended the claim: this call then changes nothing
                return outbox.recordFailure(entry, failure.getClass().getName() + " (its message could not be stored)",
                        backoff(attempt), maxAttempts);
            } catch (RuntimeException again) {
                again.addSuppressed(refused);
                throw again;
            }
        }
    }

    /** Gives the unpublished rest of a batch back after the outbox failed; stops at the first refusal. */
    private int giveBack(List<Entry> rest, RuntimeException cause) {
        int givenBack = 0;
        for (Entry entry : rest) {
            try {
                if (outbox.release(entry)) {
                    givenBack++;
                }
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                return givenBack;
            }
        }
        return givenBack;
    }

    /** The delay before the next attempt after the given failed attempt (from 1): doubling, capped. */
    Duration backoff(int attempt) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    private Throwable publish(Entry entry) {
        Future<?> call = publishing.submit(() -> publisher.publish(entry.event()));
        try {
            call.get(publishTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            call.cancel(true);
            return new TimeoutException("the publisher did not return within " + publishTimeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        }
    }

    /**
     * The failure as stored with the event: its type and message, cleaned of what a store cannot hold (NUL, other
     * control characters, unpaired surrogates) and cut to {@link Limits#HOST_TEXT} characters, so that recording
     * the failure can never fail on the publisher's text.
     */
    static String describe(Throwable failure) {
        String text = failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return HostText.clean(text, Limits.HOST_TEXT);
    }

    /**
     * Puts every dead letter back for delivery; returns how many.
     *
     * @return how many dead letters were put back for delivery; 0 if there were none
     */
    public int redriveDeadLetters() {
        return outbox.redriveAll();
    }

    /**
     * How many events wait in the outbox for delivery, dead letters excluded: the relay's backlog.
     *
     * @return the number of events waiting for delivery, dead letters excluded
     */
    public long pendingCount() {
        return outbox.pendingCount();
    }

    /**
     * How many events are parked as dead letters, waiting to be re-driven; counted by the outbox in storage
     * ({@link EventOutbox#deadLetterCount()}), not read page by page.
     *
     * @return the number of events parked as dead letters
     */
    public long deadLetterCount() {
        return outbox.deadLetterCount();
    }

    /**
     * Starts a background thread that relays until {@link #close()}: round after round while rounds deliver
     * (an aggregate's next event becomes claimable once the one before it is delivered), waiting the poll interval
     * otherwise. A round that fails (the outbox itself failing, say) is logged and
     * tried again after a backoff from {@link Builder#restartBackoff(Duration)} doubling to
     * {@link Builder#maxRestartBackoff(Duration)}; an interrupt of the thread that {@link #close()} did not cause is
     * logged and does not stop it.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        if (background != null) {
            throw new IllegalStateException("the relay was already started");
        }
        if (closed) {
            throw new IllegalStateException("the relay is closed");
        }
        background = new WorkerLoop("outbox-relay", pollInterval, restartBackoff, maxRestartBackoff,
                () -> relayOnce().delivered() > 0);
        background.start();
    }

    /**
     * Whether the background thread was started and the relay not closed.
     *
     * @return {@code true} between {@link #start()} and {@link #close()}, {@code false} otherwise
     */
    public synchronized boolean isRunning() {
        return background != null && !closed;
    }

    /**
     * Asks the background thread to run a round now instead of waiting out the poll interval, for example right
     * after a transaction appended events. Does nothing harmful when the relay was not started.
     */
    public void wake() {
        WorkerLoop running = background;
        if (running != null) {
            running.wake();
        }
    }

    /**
     * Stops the background thread, if started: the round in flight finishes, then a final round publishes what is
     * still queued, as far as the {@link Builder#shutdownTimeout(Duration) shutdown timeout} allows; what it cannot
     * publish stays in the outbox, durable, for the next relay. Waits at most the shutdown timeout (plus one
     * publish timeout for a publish in flight). Calling it again does nothing; without {@link #start()} it publishes
     * nothing.
     */
    @Override
    public void close() {
        WorkerLoop running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = background;
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        if (running != null) {
            running.close(shutdownTimeout);
            flush(deadline);
        }
        publishing.shutdownNow();
    }

    /** Final rounds until the outbox has nothing ready or the deadline passed; a failure leaves events queued. */
    private void flush(long deadline) {
        try {
            while (true) {
                if (System.nanoTime() >= deadline) {
                    LOG.warn("The outbox relay had no time left for a final round; queued events stay in the outbox"
                            + " for the next relay");
                    return;
                }
                // an aggregate's next event is claimable only once the one before it was delivered: go on while
                // rounds deliver
                if (relayOnce().delivered() == 0) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("The outbox relay's final round failed ({}); queued events stay in the outbox",
                    e.getClass().getName());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds an {@link OutboxRelay}; not thread-safe. */
    public static final class Builder {
        private EventOutbox outbox;
        private EventPublisher publisher;
        private String owner = "outbox-relay-" + UUID.randomUUID();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration lease = DEFAULT_LEASE;
        private Duration publishTimeout = DEFAULT_PUBLISH_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration restartBackoff = WorkerLoop.DEFAULT_RESTART_BACKOFF;
        private Duration maxRestartBackoff = WorkerLoop.DEFAULT_MAX_RESTART_BACKOFF;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private dev.rapport.observe.RapportObserver observer = dev.rapport.observe.RapportObserver.NONE;

        private Builder() {
        }

        /**
         * Sets the outbox to relay from, usually {@code storage.outbox().orElseThrow()}; no default.
         *
         * @param value the outbox to claim events from; required
         * @return this builder
         */
        public Builder outbox(EventOutbox value) { outbox = value; return this; }
        /**
         * Sets the publisher to relay to; no default.
         *
         * @param value the publisher claimed events are handed to; required
         * @return this builder
         */
        public Builder publisher(EventPublisher value) { publisher = value; return this; }
        /**
         * Sets the name this relay claims under, unique per node; default {@code outbox-relay-<random UUID>}.
         *
         * @param value the owner name claims carry; unique per node
         * @return this builder
         */
        public Builder owner(String value) { owner = value; return this; }
        /**
         * Sets how many events one round claims, 1 to 1,000; default {@value OutboxRelay#DEFAULT_BATCH_SIZE}.
         *
         * @param value how many events one round claims, 1 to 1,000
         * @return this builder
         */
        public Builder batchSize(int value) { batchSize = value; return this; }
        /**
         * Sets how long a claim holds; longer than the publish timeout; default two minutes.
         *
         * @param value how long a claim holds before another relay may take the event; longer than the publish timeout
         * @return this builder
         */
        public Builder lease(Duration value) { lease = value; return this; }
        /**
         * Sets how long one publish may take before it counts as failed; default ten seconds.
         *
         * @param value how long one publish may take; positive
         * @return this builder
         */
        public Builder publishTimeout(Duration value) { publishTimeout = value; return this; }
        /**
         * Sets how many attempts an event gets before it is parked; default {@value OutboxRelay#DEFAULT_MAX_ATTEMPTS}.
         *
         * @param value how many attempts an event gets before it is parked as a dead letter; at least 1
         * @return this builder
         */
        public Builder maxAttempts(int value) { maxAttempts = value; return this; }
        /**
         * Sets the delay after a first failure, zero or more, doubled per further failure; default one second.
         *
         * @param value the delay after a first failure; zero or more
         * @return this builder
         */
        public Builder initialBackoff(Duration value) { initialBackoff = value; return this; }
        /**
         * Sets the longest delay between attempts, not below the initial backoff; default ten minutes.
         *
         * @param value the longest delay between attempts; not below the initial backoff
         * @return this builder
         */
        public Builder maxBackoff(Duration value) { maxBackoff = value; return this; }
        /**
         * Sets how long the background thread waits when nothing was ready; positive; default one second.
         *
         * @param value the wait after a round that found nothing ready; positive
         * @return this builder
         */
        public Builder pollInterval(Duration value) { pollInterval = value; return this; }
        /**
         * Sets how long the background thread waits after a first failed round, doubled per further failure;
         * positive; default one second ({@code WorkerLoop.DEFAULT_RESTART_BACKOFF}).
         *
         * @param value the wait after a first failed round; positive
         * @return this builder
         */
        public Builder restartBackoff(Duration value) { restartBackoff = value; return this; }
        /**
         * Sets the longest wait after failed rounds, not below the restart backoff; default one minute.
         *
         * @param value the longest wait after failed rounds; not below the restart backoff
         * @return this builder
         */
        public Builder maxRestartBackoff(Duration value) { maxRestartBackoff = value; return this; }
        /**
         * Sets how long {@link OutboxRelay#close()} waits for the running round and the final one; positive;
         * default {@link OutboxRelay#DEFAULT_SHUTDOWN_TIMEOUT} (ten seconds).
         *
         * @param value how long close() waits; positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) { shutdownTimeout = value; return this; }
        /**
         * Sets who is told of every round; its failures are logged and ignored; default
         * {@link dev.rapport.observe.RapportObserver#NONE}.
         *
         * @param value who is told of every round; not null
         * @return this builder
         */
        public Builder observer(dev.rapport.observe.RapportObserver value) { observer = value; return this; }

        /**
         * The relay.
         *
         * @return a new relay with this builder's settings, not started
         * @throws ValidationException naming the option at fault
         */
        public OutboxRelay build() {
            if (outbox == null) {
                throw ValidationException.of("OutboxRelay", "outbox", "NotNull", "must not be null");
            }
            if (publisher == null) {
                throw ValidationException.of("OutboxRelay", "publisher", "NotNull", "must not be null");
            }
            if (owner == null || owner.isBlank() || owner.length() > 200) {
                throw ValidationException.of("OutboxRelay", "owner", "Size", "must be 1 to 200 characters, not blank");
            }
            if (batchSize < 1 || batchSize > 1_000) {
                throw ValidationException.of("OutboxRelay", "batchSize", "Range", "must be between 1 and 1000");
            }
            if (publishTimeout == null || publishTimeout.isNegative() || publishTimeout.isZero()) {
                throw ValidationException.of("OutboxRelay", "publishTimeout", "Positive", "must be positive");
            }
            if (lease == null || lease.compareTo(publishTimeout) <= 0) {
                throw ValidationException.of("OutboxRelay", "lease", "LongerThanPublishTimeout",
                        "must be longer than the publish timeout");
            }
            if (maxAttempts < 1) {
                throw ValidationException.of("OutboxRelay", "maxAttempts", "Positive", "must be positive");
            }
            if (initialBackoff == null || initialBackoff.isNegative()) {
                throw ValidationException.of("OutboxRelay", "initialBackoff", "PositiveOrZero", "must not be negative");
            }
            if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
                throw ValidationException.of("OutboxRelay", "maxBackoff", "NotBelowInitial",
                        "must not be below the initial backoff");
            }
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw ValidationException.of("OutboxRelay", "pollInterval", "Positive", "must be positive");
            }
            if (restartBackoff == null || restartBackoff.isNegative() || restartBackoff.isZero()) {
                throw ValidationException.of("OutboxRelay", "restartBackoff", "Positive", "must be positive");
            }
            if (maxRestartBackoff == null || maxRestartBackoff.compareTo(restartBackoff) < 0) {
                throw ValidationException.of("OutboxRelay", "maxRestartBackoff", "NotBelowRestartBackoff",
                        "must not be below the restart backoff");
            }
            if (shutdownTimeout == null || shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
                throw ValidationException.of("OutboxRelay", "shutdownTimeout", "Positive", "must be positive");
            }
            if (observer == null) {
                throw ValidationException.of("OutboxRelay", "observer", "NotNull", "must not be null");
            }
            return new OutboxRelay(this);
        }
    }
}
