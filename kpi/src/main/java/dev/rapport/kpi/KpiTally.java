package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.DurationSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;


/**
 * Counts of one KPI computation, for the total and per group of the request's breakdown; a period breakdown lists
 * every period of the request up front, so periods without records appear with an empty value. A helper for writing a
 * {@link KpiCalculator} in the same shape as the built-in KPIs. Not thread-safe: one per computation.
 */
public final class KpiTally {

    private final Kpi kpi;
    private final KpiRequest request;
    private final Part total = new Part();
    private final Map<GroupKey, Part> groups = new TreeMap<>();

    /**
     * A tally for one KPI over one request, with every group of its breakdown known up front.
     *
     * @param kpi the KPI the figures belong to
     * @param request the period and breakdown being computed
     */
    public KpiTally(Kpi kpi, KpiRequest request) {
        this.kpi = kpi;
        this.request = request;
        if (request.breakdown().isPeriod()) {
            for (GroupKey key : periods(request.breakdown(), request.period())) {
                groups.put(key, new Part());
            }
        }
    }

    /**
     * The period group of an instant in the request's breakdown.
     *
     * @param breakdown a period breakdown: its granularity and time zone cut the periods
     * @param period the requested period; the first and last groups are cut to it
     * @param at the instant a record happened
     * @return the group of the period containing the instant, cut to the requested period
     */
    public static GroupKey periodOf(Breakdown breakdown, TimeRange period, Instant at) {
        LocalDate first = breakdown.granularity().start(LocalDate.ofInstant(at, breakdown.zone()));
        return breakdown.period(first, period);
    }

    /**
     * Every period of the breakdown overlapping the requested period, in order.
     *
     * @param breakdown a period breakdown: its granularity and time zone cut the periods
     * @param period the requested period
     * @return one group per day, week or month overlapping the period, each cut to it; empty for an empty period
     */
    public static List<GroupKey> periods(Breakdown breakdown, TimeRange period) {
        List<GroupKey> keys = new ArrayList<>();
        if (!period.from().isBefore(period.to())) {
            return keys;
        }
        LocalDate first = breakdown.granularity().start(LocalDate.ofInstant(period.from(), breakdown.zone()));
        while (true) {
            GroupKey key = breakdown.period(first, period);
            TimeRange range = key.range().orElseThrow();
            if (!range.from().isBefore(period.to())) {
                return keys;
            }
            if (range.from().isBefore(range.to())) {
                keys.add(key);
            }
            first = breakdown.granularity().next(first);
        }
    }

    /**
     * The parts a record adds to: the total and, with a breakdown, its group.
     *
     * @param group the record's group; ignored without breakdown
     * @return the total alone without breakdown, otherwise the total and the group's part
     */
    public List<Part> parts(GroupKey group) {
        if (request.breakdown().dimension() == Dimension.TOTAL) {
            return List.of(total);
        }
        return List.of(total, groups.computeIfAbsent(group, k -> new Part()));
    }

    /**
     * The parts a record of several groups adds to (a case with several tags): the total once and, with a breakdown,
     * each of its groups once.
     *
     * @param groups the record's groups; at least one
     * @return the parts
     */
    public List<Part> parts(List<GroupKey> groups) {
        if (request.breakdown().dimension() == Dimension.TOTAL) {
            return List.of(total);
        }
        List<Part> parts = new java.util.ArrayList<>();
        parts.add(total);
        new java.util.LinkedHashSet<>(groups).forEach(g -> parts.add(this.groups.computeIfAbsent(g, k -> new Part())));
        return parts;
    }

    /**
     * Adds to the numerator and denominator of each of a record's groups and, once, of the total.
     *
     * @param groups the record's groups
     * @param numerator what the record adds to the numerator
     * @param denominator what the record adds to the denominator
     */
    public void count(List<GroupKey> groups, BigDecimal numerator, BigDecimal denominator) {
        parts(groups).forEach(p -> p.count(numerator, denominator));
    }

    /**
     * Counts one record left out of each of its groups and, once, of the total, with its reason.
     *
     * @param groups the record's groups
     * @param reason why it is left out
     */
    public void exclude(List<GroupKey> groups, ExclusionReason reason) {
        parts(groups).forEach(p -> p.excluded.merge(reason, 1L, Long::sum));
    }

    /**
     * Adds to a named supporting number of each of a record's groups and, once, of the total.
     *
     * @param groups the record's groups
     * @param name the statistic's name
     * @param add what the record adds
     */
    public void statistic(List<GroupKey> groups, String name, long add) {
        parts(groups).forEach(p -> p.statistic(name, add));
    }

    /**
     * Records one duration, in microseconds, for each of a record's groups and, once, for the total.
     *
     * @param groups the record's groups
     * @param micros the duration in microseconds
     */
    public void duration(List<GroupKey> groups, long micros) {
        parts(groups).forEach(p -> p.duration(micros));
    }

    /**
     * Adds to the numerator and denominator of a group and of the total.
     *
     * @param group the record's group; ignored without breakdown
     * @param numerator what the record adds to the numerator
     * @param denominator what the record adds to the denominator
     */
    public void count(GroupKey group, BigDecimal numerator, BigDecimal denominator) {
        parts(group).forEach(p -> p.count(numerator, denominator));
    }

    /**
     * Counts one record left out of a group and of the total, with its reason.
     *
     * @param group the record's group; ignored without breakdown
     * @param reason why the record is left out
     */
    public void exclude(GroupKey group, ExclusionReason reason) {
        parts(group).forEach(p -> p.excluded.merge(reason, 1L, Long::sum));
    }

    /**
     * Adds to a named supporting number of a group and of the total.
     *
     * @param group the record's group; ignored without breakdown
     * @param name the statistic's name, for example {@code "promoters"}
     * @param add what the record adds to it
     */
    public void statistic(GroupKey group, String name, long add) {
        parts(group).forEach(p -> p.statistic(name, add));
    }

    /**
     * Records one duration, in microseconds, for a group and for the total.
     *
     * @param group the record's group; ignored without breakdown
     * @param micros the duration in microseconds
     */
    public void duration(GroupKey group, long micros) {
        parts(group).forEach(p -> p.duration(micros));
    }

    /**
     * The result, each part turned into a figure by {@code figure}.
     *
     * @param asOf the instant the result is computed at
     * @param parameters the definition used, by name, so that anyone can check the result
     * @param figure turns the counts of a group (or of the total, with {@link GroupKey#TOTAL}) into its figure, for
     *         example {@link #ratioFigure(Part)}
     * @return the result with the total, and one figure per group in group order
     */
    public KpiResult result(Instant asOf, Map<String, String> parameters,
            BiFunction<GroupKey, Part, Figure> figure) {
        KpiFigure totalFigure = total.figure(kpi, GroupKey.TOTAL, figure);
        List<KpiFigure> figures = new ArrayList<>();
        groups.forEach((key, part) -> figures.add(part.figure(kpi, key, figure)));
        return new KpiResult(kpi, request.period(), request.breakdown(), asOf, parameters, totalFigure, figures);
    }

    /**
     * A numerator, a denominator, statistics and exclusions beyond those counted per record.
     *
     * @param numerator the numerator, exact
     * @param denominator the denominator, exact; zero gives no value
     * @param statistics supporting numbers by name, in the order to report them
     * @param moreExcluded records left out beyond those counted with {@link KpiTally#exclude}, by reason; added to
     *        them
     */
    public record Figure(BigDecimal numerator, BigDecimal denominator, Map<String, BigDecimal> statistics,
            Map<ExclusionReason, Long> moreExcluded) {
        /**
         * A figure without further exclusions.
         *
         * @param numerator the numerator, exact
         * @param denominator the denominator, exact; zero gives no value
         * @param statistics supporting numbers by name, in the order to report them
         */
        public Figure(BigDecimal numerator, BigDecimal denominator, Map<String, BigDecimal> statistics) {
            this(numerator, denominator, statistics, Map.of());
        }
    }

    /** The counts of the total or of one group. */
    public static final class Part {
        private BigDecimal numerator = BigDecimal.ZERO;
        private BigDecimal denominator = BigDecimal.ZERO;
        private final Map<String, BigDecimal> statistics = new LinkedHashMap<>();
        private final EnumMap<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        private long[] micros = new long[8];
        private int size;

        /**
         * Adds to the numerator and denominator.
         *
         * @param n what to add to the numerator
         * @param d what to add to the denominator
         */
        public void count(BigDecimal n, BigDecimal d) {
            numerator = numerator.add(n);
            denominator = denominator.add(d);
        }

        /**
         * Adds to a named supporting number, starting it at zero.
         *
         * @param name the statistic's name
         * @param add what to add to it
         */
        public void statistic(String name, long add) {
            statistics.merge(name, BigDecimal.valueOf(add), BigDecimal::add);
        }

        /**
         * Records one duration.
         *
         * @param value the duration in microseconds
         */
        public void duration(long value) {
            if (size == micros.length) {
                micros = java.util.Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = value;
        }

        /**
         * The numerator counted so far.
         *
         * @return the sum of what was added to the numerator; zero if nothing was
         */
        public BigDecimal numerator() {
            return numerator;
        }

        /**
         * The denominator counted so far.
         *
         * @return the sum of what was added to the denominator; zero if nothing was
         */
        public BigDecimal denominator() {
            return denominator;
        }

        /**
         * The supporting numbers counted so far.
         *
         * @return the statistics by name, in the order first added; a live view, empty if none was added
         */
        public Map<String, BigDecimal> statistics() {
            return statistics;
        }

        /** The summary of the durations added, in microseconds. */
        DurationSummary durations() {
            return DurationSummary.of(java.util.Arrays.copyOf(micros, size));
        }

        /**
         * The figure of this part, with the exclusions counted here and those the figure adds.
         *
         * @param kpi the KPI
         * @param key the group this part counts; {@link GroupKey#TOTAL} for the total
         * @param figure turns the counts into numerator, denominator and statistics
         * @return the figure, its value computed from numerator and denominator
         */
        public KpiFigure figure(Kpi kpi, GroupKey key, BiFunction<GroupKey, Part, Figure> figure) {
            Figure f = figure.apply(key, this);
            return KpiFigure.of(kpi, key, f.numerator(), f.denominator(), f.statistics(),
                    new Exclusions(excluded).plus(new Exclusions(f.moreExcluded())));
        }
    }

    /**
     * Microseconds as seconds, exact and without trailing zeros.
     *
     * @param micros a duration or sum of durations in microseconds
     * @return the same amount in seconds, exact, without trailing zeros
     */
    public static BigDecimal seconds(BigDecimal micros) {
        BigDecimal s = micros.movePointLeft(6).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * The figure of a duration KPI: sum of seconds over the count, with median, p90, min and max.
     *
     * @param part the counts of the total or of one group
     * @return a figure whose numerator is the total of the durations in seconds and whose denominator is their count
     */
    public static Figure durationFigure(Part part) {
        DurationSummary summary = part.durations();
        Map<String, BigDecimal> stats = new LinkedHashMap<>(part.statistics());
        if (summary.count() > 0) {
            stats.put("median_seconds", seconds(summary.medianMicros()));
            stats.put("p90_seconds", seconds(summary.p90Micros()));
            stats.put("min_seconds", seconds(BigDecimal.valueOf(summary.minMicros())));
            stats.put("max_seconds", seconds(BigDecimal.valueOf(summary.maxMicros())));
        }
        return new Figure(seconds(BigDecimal.valueOf(summary.totalMicros())), BigDecimal.valueOf(summary.count()),
                stats);
    }

    /**
     * The figure of a ratio: the counted numerator and denominator, with the statistics.
     *
     * @param part the counts of the total or of one group
     * @return a figure with the part's numerator, denominator and statistics
     */
    public static Figure ratioFigure(Part part) {
        return new Figure(part.numerator(), part.denominator(), part.statistics());
    }
}
