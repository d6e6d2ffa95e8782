package dev.rapport.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised background worker: a daemon thread that runs rounds of a task until {@link #close(Duration)},
 * waiting the interval after a round that found nothing more to do. A round that throws is logged at WARN with the
 * worker's name, the exception's type and where it was thrown, but not its message, which might hold personal
 * data; it is tried again after an exponential backoff, and the worker never dies silently. An interrupt that
 * {@link #close(Duration)} did not cause is logged and cleared, and the worker goes on. Internal to Rapport; not an
 * API. Thread-safe.
 */
public final class WorkerLoop {

    /** The delay after a first failed round unless told otherwise: 1 second, doubled per further failure. */
    public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
    /** The longest delay between failed rounds unless told otherwise: 1 minute. */
    public static final Duration DEFAULT_MAX_RESTART_BACKOFF = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What a worker does in one round. */
    @FunctionalInterface
    public interface Task {
        /**
         * Runs one round.
         *
         * @return whether more work is ready at once, so the next round starts without waiting the interval
         * @throws Exception any failure; the worker logs it and tries again after a backoff
         */
        boolean runRound() throws Exception;

        /** Called once on the worker's thread after its last round, before {@link #close(Duration)} returns. */
        default void stopped() {
        }
    }

    private final String name;
    private final Duration interval;
    private final Duration restartBackoff;
    private final Duration maxRestartBackoff;
    private final Task task;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger rounds = new AtomicInteger();
    private boolean woken;
    private volatile boolean stopping;
    private Thread thread;

    /**
     * A worker, not yet started.
     *
     * @param name names the thread and the log lines, without personal data
     * @param interval the wait after a round that found nothing more to do; positive
     * @param restartBackoff the wait after a first failed round, doubled per further failure; positive
     * @param maxRestartBackoff the longest wait after failed rounds; not below {@code restartBackoff}
     * @param task what one round does
     */
    public WorkerLoop(String name, Duration interval, Duration restartBackoff, Duration maxRestartBackoff,
            Task task) {
        this.name = Objects.requireNonNull(name, "name");
        this.interval = positive(interval, "interval");
        this.restartBackoff = positive(restartBackoff, "restartBackoff");
        this.maxRestartBackoff = positive(maxRestartBackoff, "maxRestartBackoff");
        if (maxRestartBackoff.compareTo(restartBackoff) < 0) {
            throw new IllegalArgumentException("maxRestartBackoff must not be below restartBackoff");
        }
        this.task = Objects.requireNonNull(task, "task");
    }

    private static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return value;
    }

    /**
     * The worker's name.
     *
     * @return the name the worker's thread and log lines carry
     */
    public String name() {
        return name;
    }

    /**
     * Starts the thread.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        lock.lock();
        try {
            if (thread != null || stopping) {
                throw new IllegalStateException("worker " + name + " was already started or closed");
            }
            thread = new Thread(this::loop, "rapport-" + name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the thread was started and has not ended.
     *
     * @return {@code true} from {@link #start()} until the thread ends
     */
    public boolean isRunning() {
        lock.lock();
        try {
            return thread != null && thread.isAlive() && !stopping;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many rounds ended, failed or not; for tests and metrics.
     *
     * @return the number of rounds that ended since the start, failed ones included
     */
    public int rounds() {
        return rounds.get();
    }

    /**
     * How many rounds in a row failed so far; 0 after a round that succeeded.
     *
     * @return the number of failed rounds since the last successful one
     */
    public int consecutiveFailures() {
        return failures.get();
    }

    /** Asks for the next round now instead of after the interval; a round running now is followed by another. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the worker to stop after the round in flight, without waiting; {@link #close(Duration)} waits. */
    public void stop() {
        lock.lock();
        try {
            stopping = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the worker: no new round starts, the round in flight finishes, then {@link Task#stopped()} runs. Waits
     * up to {@code timeout}; a worker still running then is interrupted and left to end. Safe to call more than
     * once and without {@link #start()}.
     *
     * @param timeout how long to wait for the worker to end before interrupting it
     * @return whether the worker ended within the timeout
     */
    public boolean close(Duration timeout) {
        Thread running;
        lock.lock();
        try {
            stopping = true;
            signal.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running == null || running == Thread.currentThread()) {
            return true;
        }
        try {
            running.join(Math.max(1, timeout.toMillis()));
            if (running.isAlive()) {
                LOG.warn("Worker {} did not stop within {}; interrupting it", name, timeout);
                running.interrupt();
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }

    /** The wait after {@code failed} failed rounds in a row, from 1: doubling from the first backoff, capped. */
    Duration backoff(int failed) {
        Duration delay = restartBackoff;
        for (int i = 1; i < failed && delay.compareTo(maxRestartBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRestartBackoff) > 0 ? maxRestartBackoff : delay;
    }

    private void loop() {
        try {
            while (!stopping) {
                clearStrayInterrupt();
                boolean more;
                try {
                    more = task.runRound();
                    failures.set(0);
                } catch (Exception | LinkageError | AssertionError e) {
                    rounds.incrementAndGet();
                    int failed = failures.incrementAndGet();
                    Duration delay = backoff(failed);
                    LOG.warn("Worker {} failed ({} at {}, {} time(s) in a row); trying again in {}", name,
                            e.getClass().getName(), where(e), failed, delay);
                    await(delay, false);
                    continue;
                }
                rounds.incrementAndGet();
                if (!more) {
                    await(interval, true);
                }
            }
        } catch (Error e) {
            LOG.error("Worker {} stopped by an error ({} at {})", name, e.getClass().getName(), where(e));
            throw e;
        } finally {
            clearStrayInterrupt();
            try {
                task.stopped();
            } catch (RuntimeException e) {
                LOG.warn("Worker {} failed while stopping ({} at {})", name, e.getClass().getName(), where(e));
            }
        }
    }

    /** Where a failure was thrown: its first stack frame, which names code, never data. */
    private static String where(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length == 0 ? "an unknown place" : trace[0].toString();
    }

    private void clearStrayInterrupt() {
        if (Thread.interrupted() && !stopping) {
            LOG.warn("Worker {} was interrupted, but not by close(); it goes on", name);
        }
    }

    /** Waits the delay, or less if stopping or (when {@code wakeable}) woken; an interrupt does not end it early. */
    private void await(Duration delay, boolean wakeable) {
        long remaining = delay.toNanos();
        lock.lock();
        try {
            while (!stopping && !(wakeable && woken) && remaining > 0) {
                try {
                    remaining = signal.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    if (!stopping) {
                        LOG.warn("Worker {} was interrupted while waiting, but not by close(); it goes on", name);
                    }
                }
            }
            if (wakeable) {
                woken = false;
            }
        } finally {
            lock.unlock();
        }
        if (stopping) {
            Thread.interrupted(); // an interrupt from close() has done its job
        }
    }

    @Override
    public String toString() {
        return "WorkerLoop[" + name + ", interval=" + interval + "]";
    }
}
