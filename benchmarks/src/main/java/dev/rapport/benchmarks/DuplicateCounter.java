package dev.rapport.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH's secondary result for the claim and dispatch benchmarks: how many items were handled more than once in an
 * iteration (claimed twice, completed twice, sent twice or executed twice). JMH prints it beside the score as
 * {@code ·duplicates}. Any duplicate also fails the benchmark when the invocation is checked, so a finished run
 * shows zero.
 *
 * <p>Not thread-safe: JMH gives each benchmark thread its own instance; only that thread writes it.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class DuplicateCounter {

    /** Items handled more than once in this iteration. */
    public long duplicates;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        duplicates = 0;
    }
}
