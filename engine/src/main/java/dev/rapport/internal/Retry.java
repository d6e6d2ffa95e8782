package dev.rapport.internal;

import dev.rapport.spi.StaleVersionException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries an operation again when another writer got there first: the one retry loop of Rapport's services. Internal
 * to Rapport; not an API. Thread-safe: stateless.
 *
 * <p>An attempt is run; when it throws an exception the caller calls retryable (by default a
 * {@link StaleVersionException}), it is run again, up to the given number of attempts in all, after which the last
 * exception is thrown. Any other exception is thrown at once. Each attempt must start afresh (read the current
 * version again), which a unit of work does.
 */
public final class Retry {

    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

    private Retry() {
    }

    /**
     * Runs an attempt, again on a stale version, up to {@code attempts} times in all.
     *
     * @param attempts how often the operation is tried in all, at least 1
     * @param what what is changed, for the debug log (for example {@code "Case 42"})
     * @param attempt one attempt, starting afresh
     * @param <T> the result type
     * @return the result of the first attempt that did not throw
     * @throws StaleVersionException when the last attempt still met a newer version
     */
    public static <T> T onStaleVersion(int attempts, Object what, Supplier<T> attempt) {
        return onConflict(attempts, what, StaleVersionException.class::isInstance, attempt);
    }

    /**
     * Runs an attempt, again whenever it throws an exception {@code retryable} accepts, up to {@code attempts} times
     * in all.
     *
     * @param attempts how often the operation is tried in all, at least 1
     * @param what what is changed, for the debug log
     * @param retryable which exceptions mean "another writer got there first: try again"
     * @param attempt one attempt, starting afresh
     * @param <T> the result type
     * @return the result of the first attempt that did not throw
     * @throws RuntimeException the exception of the last attempt, or the first one that is not retryable
     */
    public static <T> T onConflict(int attempts, Object what, Predicate<? super RuntimeException> retryable,
            Supplier<T> attempt) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        Objects.requireNonNull(retryable, "retryable");
        Objects.requireNonNull(attempt, "attempt");
        for (int tried = 1; ; tried++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (tried >= attempts || !retryable.test(e)) {
                    throw e;
                }
                LOG.debug("{} changed concurrently ({}); trying again (attempt {} of {})", what,
                        e.getClass().getSimpleName(), tried + 1, attempts);
            }
        }
    }
}
