package dev.rapport.spi.kpi;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The backlog at a moment.
 *
 * @param cases unresolved cases
 * @param ages their ages
 * @param bandCounts cases per age band: one more band than bounds, the last one open
 */
public record BacklogSnapshot(long cases, DurationSummary ages, List<Long> bandCounts) {

    /**
     * Copies the bands.
     *
     * @param cases unresolved cases
     * @param ages their ages
     * @param bandCounts cases per age band: one more band than bounds, the last one open
     */
    public BacklogSnapshot {
        Objects.requireNonNull(ages, "ages");
        bandCounts = List.copyOf(bandCounts);
    }

    /**
     * An empty backlog with the given number of bands.
     *
     * @param bands the number of age bands, one more than the age bounds asked for
     * @return a backlog of zero cases, {@link DurationSummary#EMPTY} ages and {@code bands} zero counts
     */
    public static BacklogSnapshot empty(int bands) {
        return new BacklogSnapshot(0, DurationSummary.EMPTY, Collections.nCopies(bands, 0L));
    }
}
