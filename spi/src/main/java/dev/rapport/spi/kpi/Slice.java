package dev.rapport.spi.kpi;

import dev.rapport.spi.TimeRange;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to look at: a period, how to group, and the moment the data is judged at.
 *
 * @param period the records' period; for stock questions, the end is the moment evaluated
 * @param breakdown how to group
 * @param asOf now, for deciding whether an observation window has ended
 * @param journeyStages journey stage per category code, for {@link Dimension#JOURNEY_STAGE}
 */
public record Slice(TimeRange period, Breakdown breakdown, Instant asOf, Map<String, String> journeyStages) {

    /**
     * Checks the parts are present and copies the stages.
     *
     * @param period the records' period; for stock questions, the end is the moment evaluated
     * @param breakdown how to group
     * @param asOf now, for deciding whether an observation window has ended
     * @param journeyStages journey stage per category code, for {@link Dimension#JOURNEY_STAGE}
     */
    public Slice {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(breakdown, "breakdown");
        Objects.requireNonNull(asOf, "asOf");
        journeyStages = journeyStages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(journeyStages));
    }

    /**
     * The same slice over another period and breakdown.
     *
     * @param otherPeriod the period of the new slice
     * @param otherBreakdown the breakdown of the new slice
     * @return a slice with that period and breakdown, and this slice's moment and journey stages
     */
    public Slice with(TimeRange otherPeriod, Breakdown otherBreakdown) {
        return new Slice(otherPeriod, otherBreakdown, asOf, journeyStages);
    }
}
