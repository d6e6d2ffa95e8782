package dev.rapport.spi.kpi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many records a figure left out, by reason. Counts are additive: the exclusions of disjoint periods add up to
 * the exclusions of their union.
 *
 * @param counts the number of records left out for each reason; reasons with no record are absent
 */
public record Exclusions(Map<ExclusionReason, Long> counts) {

    /** No record left out. */
    public static final Exclusions NONE = new Exclusions(Map.of());

    /**
     * Copies the counts, drops zero counts and rejects negative ones.
     *
     * @param counts the number of records left out for each reason; reasons with no record are absent
     */
    public Exclusions {
        EnumMap<ExclusionReason, Long> copy = new EnumMap<>(ExclusionReason.class);
        if (counts != null) {
            counts.forEach((reason, count) -> {
                if (count < 0) {
                    throw new IllegalArgumentException("negative exclusion count for " + reason);
                }
                if (count > 0) {
                    copy.put(reason, count);
                }
            });
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /**
     * The exclusions with one reason counted once.
     *
     * @param reason why the record was left out
     * @return exclusions counting one record under {@code reason} and none under any other
     */
    public static Exclusions of(ExclusionReason reason) {
        return new Exclusions(Map.of(reason, 1L));
    }

    /**
     * The number of records left out for the reason.
     *
     * @param reason the reason to look up
     * @return how many records were left out for it; zero if none
     */
    public long count(ExclusionReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /**
     * The number of records left out for any reason.
     *
     * @return the sum of the counts of every reason; zero if nothing was left out
     */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The number of records left out because their data contradicts itself.
     *
     * @return the sum of the counts of the reasons whose {@link ExclusionReason#isDataQuality()} holds; zero or more
     */
    public long dataQualityTotal() {
        return counts.entrySet().stream().filter(e -> e.getKey().isDataQuality())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Whether nothing was left out.
     *
     * @return true if no reason has a count, false if at least one record was left out
     */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * The sum of these and the other exclusions, reason by reason.
     *
     * @param other the exclusions to add, for example those of an adjacent period
     * @return new exclusions whose count for each reason is the sum of both counts
     */
    public Exclusions plus(Exclusions other) {
        EnumMap<ExclusionReason, Long> sum = new EnumMap<>(ExclusionReason.class);
        sum.putAll(counts);
        other.counts.forEach((reason, count) -> sum.merge(reason, count, Long::sum));
        return new Exclusions(sum);
    }
}
