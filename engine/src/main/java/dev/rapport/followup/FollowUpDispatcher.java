package dev.rapport.followup;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.internal.WorkerLoop;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due follow-ups, once in effect, even with several dispatchers on one database and a node that dies
 * mid-batch.
 *
 * <p>Each round claims up to {@link Builder#batchSize(int)} due follow-ups under a lease
 * ({@link FollowUpRepository#claimDue}), reads their customers and cases in a few calls, and decides for each: it
 * expires it if past its expiry; cancels it if the customer is gone, erased or opted out of its channel; defers it
 * without an attempt if it is now quiet hours in the customer's time zone; otherwise sends it through the
 * {@link CustomerMessenger} with the idempotency key {@link #messageKey} (the same on every attempt). At the end of
 * the round it stores every outcome in one transaction ({@link FollowUpRepository#updateEach}), each with a version
 * check: a follow-up whose version changed meanwhile was taken over by another dispatcher after this one's lease
 * lapsed, or cancelled, and nothing is written for it. Before each send the lease is checked by the dispatcher's
 * clock; once it has lapsed, the rest of the batch is left alone for others to claim.
 *
 * <p>Once in effect: a dispatcher that dies after sending but before storing the round leaves those follow-ups
 * claimed; once the lease ends another dispatcher sends them again with the same key, which the messenger
 * recognises as a repeat. Storing a round at once costs one transaction per batch instead of one per follow-up;
 * the price is that a crash can leave up to a batch of sent follow-ups to be repeated under their keys, rather
 * than one.
 *
 * <p><b>Crash bound.</b> A node killed at any moment sends again at most the follow-ups it had sent and whose
 * outcomes it had not yet stored, and no thread ever holds more than one such round: at most
 * {@link Builder#batchSize(int) batchSize} follow-ups per background thread ({@link Builder#threads(int)}) and per
 * host thread inside {@link #dispatchDue()}, each sent again under the same idempotency key {@link #messageKey}
 * once its lease ends. A round's sends start only after the previous round of the same thread is stored;
 * claiming and reading the next batch may overlap that store, but claimed follow-ups that were not sent are only
 * delayed by a crash (until their lease ends), never repeated. A store that fails while the node lives is tried
 * again before the thread sends anything else.
 *
 * <p>Failures: a retryable one ({@link MessageDeliveryException#retryable()}, or any other runtime exception)
 * schedules the follow-up again after an exponential backoff with jitter, in an allowed send time, keeping the
 * error; after {@link Builder#maxAttempts(int)} attempts, or at once for a non-retryable one, it is parked as
 * {@link FollowUpStatus#FAILED} with the error kept. Errors kept are the {@link MessageDeliveryException}'s message
 * (which its contract keeps free of personal data) or, for other exceptions, only the exception's class name.
 * Events {@link FollowUpSent}, {@link FollowUpFailed} and {@link FollowUpCancelled} are published after commit.
 *
 * <p>Two ways to run: the host calls {@link #dispatchDue()} from its own scheduler, or calls {@link #start()} to
 * let the dispatcher poll on its own threads; {@link #close()} stops claiming, lets each thread finish the
 * follow-up it is sending and hands the rest of its batch back as scheduled. A background thread stores a full
 * round's outcomes on a companion thread while it claims the next batch and reads what it needs, so the database
 * writes one batch while the next is read (each background thread may therefore use two connections at once);
 * it sends nothing of the next batch before that store is done.
 * {@link #dispatchDue()} stores each round before it claims the next.
 *
 * <p>Thread-safe: {@link #dispatchDue()} may be called from several threads at once, also while the background
 * threads run.
 */
public final class FollowUpDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpDispatcher.class);

    /** Default number of follow-ups claimed per round: 100. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Default lease on claimed follow-ups: 5 minutes; a batch should be sent well within it. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** Default number of send attempts before a follow-up is parked as failed: 5. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default delay before the first retry, doubled for each further one: 1 minute. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMinutes(1);
    /** Default longest delay between retries: 1 hour. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(1);
    /** Default jitter: each retry delay is shortened by a random share of up to 20%. */
    public static final double DEFAULT_JITTER = 0.2;
    /** Default pause of a background thread after a round that found less than a full batch: 10 seconds. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    /** Default number of background threads: 1. */
    public static final int DEFAULT_THREADS = 1;
    /** Default time {@link #close()} waits for background threads to finish: 30 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private enum State { NEW, RUNNING, CLOSED }

    private final DispatchDecisions decisions;
    private final DispatchRounds rounds;
    private final String owner;
    private final int batchSize;
    private final Duration lease;
    private final Duration pollInterval;
    private final int threads;
    private final Duration shutdownTimeout;
    private final Duration restartBackoff;
    private final Duration maxRestartBackoff;

    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private State state = State.NEW;
    private List<WorkerLoop> loops = List.of();
    private ExecutorService storers;

    private FollowUpDispatcher(Builder b) {
        RapportStorage storage = b.storage;
        UnitOfWork unitOfWork = b.runtime != null ? b.runtime.unitOfWork()
                : UnitOfWork.over(storage, b.eventPublisher, () -> { });
        dev.rapport.observe.RapportObserver observer = b.runtime != null ? b.runtime.observer()
                : dev.rapport.observe.RapportObserver.NONE;
        owner = b.owner;
        batchSize = b.batchSize;
        lease = b.lease;
        pollInterval = b.pollInterval;
        threads = b.threads;
        shutdownTimeout = b.shutdownTimeout;
        restartBackoff = b.restartBackoff;
        maxRestartBackoff = b.maxRestartBackoff;
        decisions = new DispatchDecisions(storage, b.messenger, b.clock, b.sendWindow,
                new dev.rapport.feedback.SurveyTokens(b.surveys), b.templates, b.maxAttempts, b.backoffBase,
                b.backoffMax, b.jitter);
        rounds = new DispatchRounds(storage.followUps(), unitOfWork, observer, decisions, owner, lease, batchSize,
                () -> stopping);
    }

    /**
     * A builder over a storage adapter and a messenger.
     *
     * @param storage where follow-ups, customers, cases and agents are kept
     * @param messenger what sends the messages
     * @return a new builder with every other option at its default
     */
    public static Builder builder(RapportStorage storage, CustomerMessenger messenger) {
        return new Builder(storage, messenger);
    }

    /**
     * A builder over the runtime a Rapport shares between its services: the dispatcher takes its storage, clock
     * and unit of work (and so the way its events leave) from it. {@code Rapport} does this.
     *
     * @param runtime the shared runtime
     * @param messenger what sends the messages
     * @return a new builder using the runtime's clock, with every other option at its default
     */
    public static Builder builder(EngineRuntime runtime, CustomerMessenger messenger) {
        Builder builder = new Builder(runtime.storage(), messenger);
        builder.runtime = runtime;
        return builder.clock(runtime.clock());
    }

    /**
     * The lease owner this dispatcher claims as.
     *
     * @return the owner name written on every lease this dispatcher takes
     */
    public String owner() {
        return owner;
    }

    /**
     * The idempotency key a follow-up's message carries: {@code "followup:<id>"}, the same on every attempt. A send
     * that timed out but did reach the customer is retried under the same key, so the messenger drops the repeat
     * and the customer gets the message once; a key per attempt could not give that guarantee.
     *
     * @param id the follow-up
     * @return the key {@code "followup:<id>"}
     */
    public static String messageKey(FollowUpId id) {
        return "followup:" + id;
    }

    // ------------------------------------------------------------------------------------------------ rounds

    /**
     * Claims and handles due follow-ups in batches until a batch comes back less than full, then returns what it
     * did. For hosts that run their own scheduler; call it every few seconds or minutes.
     *
     * @return the counts of all rounds of this call added up; {@link DispatchSummary#EMPTY} if nothing was due
     * @throws IllegalStateException if the dispatcher was closed
     * @throws dev.rapport.spi.StorageException if the store fails; follow-ups still claimed go back to the pool
     *         when their lease ends
     */
    public DispatchSummary dispatchDue() {
        if (stopping) {
            throw new IllegalStateException("the follow-up dispatcher is closed");
        }
        DispatchSummary total = DispatchSummary.EMPTY;
        while (true) {
            DispatchSummary round = dispatchBatch();
            total = total.plus(round);
            if (round.claimed() < batchSize || stopping) {
                return total;
            }
        }
    }

    private DispatchSummary dispatchBatch() {
        return rounds.finish(rounds.decide(rounds.claim()));
    }

    /** The delay before retry {@code attempt + 1}: base doubled per attempt, capped, shortened by jitter. */
    Duration backoff(int attempt) {
        return decisions.backoff(attempt);
    }

    // ------------------------------------------------------------------------------------------------ background

    /**
     * Starts the background threads, which claim and send until {@link #close()}. A thread that finds less than a
     * full batch pauses for the poll interval. A round that fails is logged and tried again after a backoff from
     * {@link Builder#restartBackoff(Duration)} doubling to {@link Builder#maxRestartBackoff(Duration)}; an
     * interrupt that {@link #close()} did not cause is logged and does not stop a thread.
     *
     * @return this dispatcher
     * @throws IllegalStateException if already started or closed
     */
    public FollowUpDispatcher start() {
        synchronized (lifecycle) {
            if (state != State.NEW || stopping) {
                throw new IllegalStateException("the follow-up dispatcher was already started or closed");
            }
            state = State.RUNNING;
            AtomicInteger storer = new AtomicInteger();
            storers = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "rapport-followup-" + owner + "-store-" + storer.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            List<WorkerLoop> started = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                WorkerLoop loop = new WorkerLoop("followup-" + owner, pollInterval, restartBackoff,
                        maxRestartBackoff, new DispatchPipeline(rounds, storers, batchSize, () -> stopping));
                loop.start();
                started.add(loop);
            }
            loops = List.copyOf(started);
            LOG.info("Follow-up dispatcher {} started with {} thread(s)", owner, threads);
            return this;
        }
    }

    /**
     * Whether the background threads run and have not been asked to stop.
     *
     * @return {@code true} between {@code start()} and the start of {@code close()}
     */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return state == State.RUNNING && !stopping;
        }
    }

    /**
     * Stops gracefully: no new claims; each thread finishes the follow-up it is sending, hands the rest of its
     * batch back as scheduled, so other dispatchers can take them at once, and stores its last round. Waits up to
     * the shutdown timeout, then interrupts what still runs (follow-ups it held go back to the pool when their
     * lease ends). Also stops {@link #dispatchDue()} calls running on other threads the same way. Calling it again
     * does nothing.
     */
    @Override
    public void close() {
        List<WorkerLoop> running;
        ExecutorService storing;
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                return;
            }
            stopping = true;
            state = State.CLOSED;
            running = loops;
            storing = storers;
        }
        if (running.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        boolean inTime = true;
        for (WorkerLoop loop : running) {
            long left = Math.max(1, deadline - System.nanoTime());
            inTime &= loop.close(Duration.ofNanos(left));
        }
        if (!inTime) {
            LOG.warn("Follow-up dispatcher {} did not stop within {}; interrupted it", owner, shutdownTimeout);
        }
        // each thread stored its last round before it ended; a store still running after an interrupt may finish
        storing.shutdown();
        LOG.info("Follow-up dispatcher {} closed", owner);
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** Builds {@link FollowUpDispatcher}s; not thread-safe. */
    public static final class Builder {
        private final RapportStorage storage;
        private final CustomerMessenger messenger;
        private EventPublisher eventPublisher = EventPublisher.NONE;
        private Clock clock = Clock.systemUTC();
        private SendWindow sendWindow;
        private dev.rapport.feedback.SurveySettings surveys = dev.rapport.feedback.SurveySettings.none();
        private String owner;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration lease = DEFAULT_LEASE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private double jitter = DEFAULT_JITTER;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int threads = DEFAULT_THREADS;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration restartBackoff = WorkerLoop.DEFAULT_RESTART_BACKOFF;
        private Duration maxRestartBackoff = WorkerLoop.DEFAULT_MAX_RESTART_BACKOFF;
        private EngineRuntime runtime;
        private Templates templates;

        private Builder(RapportStorage storage, CustomerMessenger messenger) {
            this.storage = storage;
            this.messenger = messenger;
        }

        /**
         * Sets where events go after commit; default {@link EventPublisher#NONE}. Ignored by a builder over a
         * runtime, whose unit of work decides.
         *
         * @param value the publisher of the dispatcher's events
         * @return this builder
         */
        public Builder eventPublisher(EventPublisher value) { eventPublisher = value; return this; }
        /**
         * Sets the clock for stamps, expiry, quiet hours and backoff; default {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) { clock = value; return this; }
        /**
         * Sets the allowed send times; default {@link SendWindow#defaults()}; use the scheduler's.
         *
         * @param value the send window; {@code null} for the default
         * @return this builder
         */
        public Builder sendWindow(SendWindow value) { sendWindow = value; return this; }

        /**
         * Sets the survey settings whose secret signs the token every survey follow-up's message carries (values
         * {@link MessageValues#SURVEY_TOKEN} and {@link MessageValues#SURVEY_LINK}); default
         * {@link dev.rapport.feedback.SurveySettings#none()}: no token.
         *
         * @param value the survey settings
         * @return this builder
         */
        public Builder surveys(dev.rapport.feedback.SurveySettings value) {
            surveys = value;
            return this;
        }
        /**
         * Sets the lease owner, unique per dispatcher; default {@code "dispatcher-"} and a random UUID.
         *
         * @param value the owner name; plain text, not blank
         * @return this builder
         */
        public Builder owner(String value) { owner = value; return this; }
        /**
         * Sets how many follow-ups one round claims, 1 to 1000; default {@link #DEFAULT_BATCH_SIZE}.
         *
         * @param value the number of follow-ups per round, 1 to 1000
         * @return this builder
         */
        public Builder batchSize(int value) { batchSize = value; return this; }
        /**
         * Sets the lease on claimed follow-ups; default {@link #DEFAULT_LEASE}.
         *
         * @param value how long a claim holds before another dispatcher may take the follow-up; positive
         * @return this builder
         */
        public Builder lease(Duration value) { lease = value; return this; }
        /**
         * Sets the number of send attempts before giving up, at least 1; default {@link #DEFAULT_MAX_ATTEMPTS}.
         *
         * @param value the number of attempts, at least 1
         * @return this builder
         */
        public Builder maxAttempts(int value) { maxAttempts = value; return this; }
        /**
         * Sets the delay before the first retry; default {@link #DEFAULT_BACKOFF_BASE}.
         *
         * @param value the first retry delay, doubled per further attempt up to the maximum; positive
         * @return this builder
         */
        public Builder backoffBase(Duration value) { backoffBase = value; return this; }
        /**
         * Sets the longest delay between retries; default {@link #DEFAULT_BACKOFF_MAX}.
         *
         * @param value the longest retry delay; positive, not shorter than the base
         * @return this builder
         */
        public Builder backoffMax(Duration value) { backoffMax = value; return this; }
        /**
         * Sets the largest share, 0 to 1, by which a retry delay is randomly shortened; default {@link #DEFAULT_JITTER}.
         *
         * @param value the share, 0 to 1; 0 for no jitter
         * @return this builder
         */
        public Builder jitter(double value) { jitter = value; return this; }
        /**
         * Sets the pause of a background thread after a round that was not full; default {@link #DEFAULT_POLL_INTERVAL}.
         *
         * @param value the pause; positive
         * @return this builder
         */
        public Builder pollInterval(Duration value) { pollInterval = value; return this; }
        /**
         * Sets the number of background threads, 1 to 64, each with a companion that stores its rounds (so up to
         * two connections per thread); default {@link #DEFAULT_THREADS}.
         *
         * @param value the number of threads, 1 to 64
         * @return this builder
         */
        public Builder threads(int value) { threads = value; return this; }
        /**
         * Sets how long {@link FollowUpDispatcher#close()} waits; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
         *
         * @param value the longest wait for running rounds to finish; positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) { shutdownTimeout = value; return this; }
        /**
         * Sets how long a background thread waits after a first failed round, doubled per further failure;
         * default one second ({@code WorkerLoop.DEFAULT_RESTART_BACKOFF}).
         *
         * @param value the first wait; positive
         * @return this builder
         */
        public Builder restartBackoff(Duration value) { restartBackoff = value; return this; }
        /**
         * Sets the longest wait of a background thread after failed rounds; default one minute.
         *
         * @param value the longest wait; positive, not shorter than the restart backoff
         * @return this builder
         */
        public Builder maxRestartBackoff(Duration value) { maxRestartBackoff = value; return this; }

        /**
         * Sets the templates follow-ups that name one ({@link MessageValues#TEMPLATE}) are rendered from, into
         * {@link MessageValues#TEXT} in the customer's (or the case's) locale with fallback. A template found nowhere
         * is a retryable failure (the host may add it); a placeholder without a value or a broken stored template
         * fails the follow-up at once, the error naming the placeholder. Default: none, and messages carry the
         * template key for the host to render; {@code Rapport} sets its own.
         *
         * @param value the templates, or null for none
         * @return this builder
         */
        public Builder templates(Templates value) { templates = value; return this; }

        /**
         * The dispatcher, not yet started.
         *
         * @return the dispatcher; call {@code start()} for background threads or
         *         {@link FollowUpDispatcher#dispatchDue()} yourself
         * @throws ValidationException naming each property at fault
         */
        public FollowUpDispatcher build() {
            List<Violation> violations = new ArrayList<>();
            requireNonNull(violations, "storage", storage);
            requireNonNull(violations, "messenger", messenger);
            requireNonNull(violations, "eventPublisher", eventPublisher);
            requireNonNull(violations, "clock", clock);
            requireNonNull(violations, "surveys", surveys);
            if (owner == null) {
                owner = "dispatcher-" + UUID.randomUUID();
            }
            if (owner.isBlank() || owner.length() > Limits.KEY - 40 || !PlainTextValidator.isPlainText(owner, false)) {
                violations.add(new Violation("owner", "PlainText",
                        "must be plain text of 1 to " + (Limits.KEY - 40) + " characters"));
            }
            if (batchSize < 1 || batchSize > 1_000) {
                violations.add(new Violation("batchSize", "Range", "must be between 1 and 1000"));
            }
            requirePositive(violations, "lease", lease);
            if (maxAttempts < 1) {
                violations.add(new Violation("maxAttempts", "Min", "must be at least 1"));
            }
            requirePositive(violations, "backoffBase", backoffBase);
            requirePositive(violations, "backoffMax", backoffMax);
            if (backoffBase != null && backoffMax != null && backoffMax.compareTo(backoffBase) < 0) {
                violations.add(new Violation("backoffMax", "NotBefore", "must not be shorter than backoffBase"));
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                violations.add(new Violation("jitter", "Range", "must be between 0 and 1"));
            }
            requirePositive(violations, "pollInterval", pollInterval);
            if (threads < 1 || threads > 64) {
                violations.add(new Violation("threads", "Range", "must be between 1 and 64"));
            }
            requirePositive(violations, "shutdownTimeout", shutdownTimeout);
            requirePositive(violations, "restartBackoff", restartBackoff);
            requirePositive(violations, "maxRestartBackoff", maxRestartBackoff);
            if (restartBackoff != null && maxRestartBackoff != null && maxRestartBackoff.compareTo(restartBackoff) < 0) {
                violations.add(new Violation("maxRestartBackoff", "NotBefore", "must not be shorter than restartBackoff"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("FollowUpDispatcher", violations);
            }
            if (sendWindow == null) {
                sendWindow = SendWindow.defaults();
            }
            return new FollowUpDispatcher(this);
        }

        private static void requireNonNull(List<Violation> violations, String field, Object value) {
            if (value == null) {
                violations.add(new Violation(field, "NotNull", "must not be null"));
            }
        }

        private static void requirePositive(List<Violation> violations, String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                violations.add(new Violation(field, "Positive", "must be positive"));
            }
        }
    }

    @Override
    public String toString() {
        return "FollowUpDispatcher[owner=" + owner + ", batchSize=" + batchSize + ", lease=" + lease + ", threads="
                + threads + "]";
    }
}
