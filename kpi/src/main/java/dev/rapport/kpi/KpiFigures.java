package dev.rapport.kpi;

import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.BacklogSnapshot;
import dev.rapport.spi.kpi.CustomerBase;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.ScoreCount;
import dev.rapport.spi.kpi.ScoreHistogram;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the answers of {@link KpiQueries} into the figures of the built-in KPIs, for {@link KpiEngine}: ratings on
 * any scale mapped to the CSAT reference scale, NPS, CES, durations with their percentiles, backlog age bands, and the
 * statistics each figure carries.
 */
final class KpiFigures {

    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

    private final KpiSettings settings;

    KpiFigures(KpiSettings settings) {
        this.settings = settings;
    }

    /** Whether a score is at or above the threshold, once both are mapped to 0..1 on their scales. */
    boolean satisfied(Scale scale, int score) {
        Scale reference = settings.csatReferenceScale();
        long good = scale.direction() == ScaleDirection.HIGHER_IS_BETTER ? score - scale.min() : scale.max() - score;
        return good * (reference.max() - reference.min())
                >= (long) (settings.csatThreshold() - reference.min()) * (scale.max() - scale.min());
    }

    KpiFigure csatShare(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        long rated = 0;
        long satisfied = 0;
        for (ScoreCount count : histogram.counts()) {
            rated += count.count();
            if (satisfied(count.scale(), count.score())) {
                satisfied += count.count();
            }
        }
        return KpiFigure.of(kpi, group, big(satisfied), big(rated), stats("rated", rated, "satisfied", satisfied),
                excluded);
    }

    KpiFigure csatMean(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        Scale reference = settings.csatReferenceScale();
        BigDecimal span = BigDecimal.valueOf(reference.max() - reference.min());
        BigDecimal sum = BigDecimal.ZERO;
        long rated = 0;
        Map<Scale, long[]> perScale = perScale(histogram);
        for (Map.Entry<Scale, long[]> e : perScale.entrySet()) {
            long n = e.getValue()[0];
            rated += n;
            BigDecimal normalised = normalisedSum(e.getKey(), n, e.getValue()[1]);
            sum = sum.add(BigDecimal.valueOf(reference.min()).multiply(BigDecimal.valueOf(n)))
                    .add(span.multiply(normalised));
        }
        return KpiFigure.of(kpi, group, sum, big(rated), scaleStats(perScale), excluded);
    }

    static KpiFigure nps(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        long promoters = 0;
        long passives = 0;
        long detractors = 0;
        for (ScoreCount count : histogram.counts()) {
            if (count.score() >= 9) {
                promoters += count.count();
            } else if (count.score() >= 7) {
                passives += count.count();
            } else {
                detractors += count.count();
            }
        }
        Map<String, BigDecimal> stats = stats("promoters", promoters, "passives", passives);
        stats.put("detractors", big(detractors));
        return KpiFigure.of(kpi, group, big(promoters - detractors), big(promoters + passives + detractors), stats,
                excluded);
    }

    static KpiFigure ces(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        BigDecimal sum = BigDecimal.ZERO;
        long responses = 0;
        Map<Scale, long[]> perScale = perScale(histogram);
        for (Map.Entry<Scale, long[]> e : perScale.entrySet()) {
            responses += e.getValue()[0];
            sum = sum.add(normalisedSum(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return KpiFigure.of(kpi, group, sum, big(responses), scaleStats(perScale), excluded);
    }

    /** Per scale, in histogram order: {responses, sum of raw scores}. */
    static Map<Scale, long[]> perScale(ScoreHistogram histogram) {
        Map<Scale, long[]> perScale = new LinkedHashMap<>();
        for (ScoreCount count : histogram.counts()) {
            long[] totals = perScale.computeIfAbsent(count.scale(), s -> new long[2]);
            totals[0] += count.count();
            totals[1] += count.count() * count.score();
        }
        return perScale;
    }

    /** The sum of n scores mapped to 0..1 (1 the good end): (sum - n*min) / (max - min), mirrored if lower is better. */
    static BigDecimal normalisedSum(Scale scale, long n, long rawSum) {
        long good = scale.direction() == ScaleDirection.HIGHER_IS_BETTER ? rawSum - n * scale.min()
                : n * scale.max() - rawSum;
        return BigDecimal.valueOf(good).divide(BigDecimal.valueOf(scale.max() - scale.min()), EXACT_ENOUGH);
    }

    static Map<String, BigDecimal> scaleStats(Map<Scale, long[]> perScale) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        perScale.forEach((scale, totals) -> {
            stats.put("responses_on_" + scaleLabel(scale), big(totals[0]));
            stats.put("raw_mean_on_" + scaleLabel(scale),
                    KpiFigure.plain(BigDecimal.valueOf(totals[1]).divide(BigDecimal.valueOf(totals[0]),
                            KpiFigure.PRECISION)));
        });
        return stats;
    }

    /** A scale as a statistic name part: {@code 1_to_5_higher_is_better}. */
    static String scaleLabel(Scale scale) {
        return scale.min() + "_to_" + scale.max() + "_" + scale.direction().name().toLowerCase(java.util.Locale.ROOT);
    }

    static KpiFigure durations(Kpi kpi, GroupKey group, DurationSummary summary, Exclusions excluded) {
        return KpiFigure.of(kpi, group, Times.seconds(summary.totalMicros()), big(summary.count()),
                durationStats("", summary), excluded);
    }

    static Map<String, BigDecimal> durationStats(String prefix, DurationSummary summary) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        if (summary.count() > 0) {
            stats.put(prefix + "median_seconds", Times.seconds(summary.medianMicros()));
            stats.put(prefix + "p90_seconds", Times.seconds(summary.p90Micros()));
            stats.put(prefix + "min_seconds", Times.seconds(summary.minMicros()));
            stats.put(prefix + "max_seconds", Times.seconds(summary.maxMicros()));
        }
        return stats;
    }

    KpiFigure backlog(Kpi kpi, GroupKey group, BacklogSnapshot snapshot, Exclusions excluded) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        DurationSummary ages = snapshot.ages();
        if (ages.count() > 0) {
            stats.put("age_mean_seconds", Times.seconds(BigDecimal.valueOf(ages.totalMicros())
                    .divide(BigDecimal.valueOf(ages.count()), KpiFigure.PRECISION)));
        }
        stats.putAll(durationStats("age_", ages));
        List<Duration> bounds = settings.backlogAgeBounds();
        for (int band = 0; band < snapshot.bandCounts().size(); band++) {
            stats.put(bandName(bounds, band), big(snapshot.bandCounts().get(band)));
        }
        return KpiFigure.count(kpi, group, snapshot.cases(), stats, excluded);
    }

    /** {@code aged_under_1d}, {@code aged_1d_to_3d}, ..., {@code aged_30d_and_more}. */
    static String bandName(List<Duration> bounds, int band) {
        if (bounds.isEmpty()) {
            return "aged_any";
        }
        if (band == 0) {
            return "aged_under_" + shortDuration(bounds.get(0));
        }
        if (band == bounds.size()) {
            return "aged_" + shortDuration(bounds.get(band - 1)) + "_and_more";
        }
        return "aged_" + shortDuration(bounds.get(band - 1)) + "_to_" + shortDuration(bounds.get(band));
    }

    static String shortDuration(Duration d) {
        if (d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3_600 == 0 && d.getNano() == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0 && d.getNano() == 0) {
            return d.toMinutes() + "m";
        }
        return d.toString().toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, BigDecimal> baseStats(CustomerBase base) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        stats.put("customers_at_start", big(base.atStart()));
        stats.put("customers_at_end", big(base.atEnd()));
        stats.put("retained", big(base.retained()));
        stats.put("lost", big(base.lost()));
        stats.put("new", big(base.gained()));
        stats.put("new_registrations", big(base.newRegistrations()));
        stats.put("reactivated", big(base.reactivated()));
        return stats;
    }

    static BigDecimal big(long value) {
        return BigDecimal.valueOf(value);
    }

    static Map<String, BigDecimal> stats(String name1, long value1, String name2, long value2) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        stats.put(name1, big(value1));
        stats.put(name2, big(value2));
        return stats;
    }

    static Map<String, BigDecimal> statsOf(Map<String, BigDecimal> values, String... order) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        for (String name : order) {
            stats.put(name, KpiFigure.plain(values.get(name)));
        }
        return stats;
    }
}
