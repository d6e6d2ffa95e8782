package dev.rapport.spi.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A summary of durations, in microseconds. Count, total, minimum and maximum combine across groups; the
 * percentiles do not. All values are zero when the count is.
 *
 * @param count how many durations
 * @param totalMicros their sum
 * @param minMicros the smallest
 * @param maxMicros the largest
 * @param medianMicros the 50th percentile, by {@link Percentiles#continuous}
 * @param p90Micros the 90th percentile, by {@link Percentiles#continuous}
 */
public record DurationSummary(long count, long totalMicros, long minMicros, long maxMicros, BigDecimal medianMicros,
        BigDecimal p90Micros) {

    /** No duration. */
    public static final DurationSummary EMPTY =
            new DurationSummary(0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * Checks the percentiles are present.
     *
     * @param count how many durations
     * @param totalMicros their sum
     * @param minMicros the smallest
     * @param maxMicros the largest
     * @param medianMicros the 50th percentile, by {@link Percentiles#continuous}
     * @param p90Micros the 90th percentile, by {@link Percentiles#continuous}
     */
    public DurationSummary {
        Objects.requireNonNull(medianMicros, "medianMicros");
        Objects.requireNonNull(p90Micros, "p90Micros");
    }

    /**
     * The summary of the given durations in microseconds, in any order; the array is sorted in place.
     *
     * @param micros the durations in microseconds, each zero or more; may be empty
     * @return the summary of the durations; {@link #EMPTY} for an empty array
     */
    public static DurationSummary of(long[] micros) {
        if (micros.length == 0) {
            return EMPTY;
        }
        java.util.Arrays.sort(micros);
        long total = 0;
        for (long m : micros) {
            total = Math.addExact(total, m);
        }
        return new DurationSummary(micros.length, total, micros[0], micros[micros.length - 1],
                Percentiles.continuous(micros, Percentiles.MEDIAN),
                Percentiles.continuous(micros, Percentiles.P90));
    }
}
