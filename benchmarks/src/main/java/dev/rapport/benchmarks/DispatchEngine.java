package dev.rapport.benchmarks;

import java.time.Duration;

/**
 * One contender of {@link DispatchBenchmark}: something that executes a set of due items on its own threads.
 * Each invocation of the benchmark calls {@link #prepare} (untimed), {@link #runUntilDone} (timed) and
 * {@link #finishAndCheck} (untimed), in that order, from one thread.
 */
interface DispatchEngine extends AutoCloseable {

    /** Stores {@code items} due items and builds the executor, without starting it. */
    void prepare(int items);

    /**
     * Starts the executor and returns once every item is done (committed as done in the store).
     *
     * @throws IllegalStateException if that takes longer than {@code timeout}
     */
    void runUntilDone(Duration timeout) throws InterruptedException;

    /** Items executed more than once so far in this invocation. */
    long duplicates();

    /**
     * Stops the executor and checks that every item was executed exactly once and none is left due.
     *
     * @throws IllegalStateException naming the duplicates or the missing items, if any
     */
    void finishAndCheck();

    /** Releases what the engine holds for the whole trial. */
    @Override
    void close();
}
