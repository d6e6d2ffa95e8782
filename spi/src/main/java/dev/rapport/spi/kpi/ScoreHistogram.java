package dev.rapport.spi.kpi;

import java.util.List;

/**
 * A histogram of scores, per scale: enough to derive shares, means and NPS exactly.
 *
 * @param counts one entry per scale and score given
 */
public record ScoreHistogram(List<ScoreCount> counts) {

    /** No response. */
    public static final ScoreHistogram EMPTY = new ScoreHistogram(List.of());

    /**
     * Copies the counts.
     *
     * @param counts one entry per scale and score given
     */
    public ScoreHistogram {
        counts = List.copyOf(counts);
    }

    /**
     * The number of responses.
     *
     * @return the sum of the counts over every scale and score; zero for {@link #EMPTY}
     */
    public long responses() {
        return counts.stream().mapToLong(ScoreCount::count).sum();
    }
}
