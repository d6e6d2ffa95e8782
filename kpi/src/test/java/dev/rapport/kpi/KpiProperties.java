package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.common.math.Quantiles;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.Percentiles;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

@Label("KPI properties")
class KpiProperties {

    /** KPIs that count records of the period: numerators, denominators and exclusions add up over periods. */
    private static final List<Kpi> FLOW = List.of(Kpi.CSAT, Kpi.CSAT_MEAN, Kpi.NPS, Kpi.CES, Kpi.FIRST_REPLY_TIME,
            Kpi.NEXT_REPLY_TIME, Kpi.FIRST_RESOLUTION_TIME, Kpi.FULL_RESOLUTION_TIME, Kpi.FIRST_CONTACT_RESOLUTION,
            Kpi.REPEAT_CONTACT_RATE, Kpi.REOPEN_RATE, Kpi.AVERAGE_HANDLE_TIME, Kpi.COMPLIMENTS,
            Kpi.REVENUE_AFTER_SERVICE, Kpi.CONTAINMENT_RATE);
    private static final TimeRange SPAN = TimeRange.of(KpiScenario.minute(0), KpiScenario.minute(KpiScenario.SPAN_MINUTES));

    @Provide
    Arbitrary<KpiScenario> scenarios() {
        return KpiScenario.scenarios();
    }

    @Provide
    Arbitrary<KpiSettings> settings() {
        return Arbitraries.of(FcrDefinition.class).flatMap(fcr -> Arbitraries.of(true, false).map(paused ->
                KpiSettings.builder().fcrDefinition(fcr).repeatContactWindow(Duration.ofDays(2))
                        .resolutionPausedStatuses(paused ? Set.of(CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD)
                                : Set.of())
                        .journeyStages(java.util.Map.of("billing", "post_purchase")).build()));
    }

    @Property(tries = 60)
    @Label("the KPI of two disjoint periods is consistent with the KPIs of each: additive parts add up")
    void additiveOverDisjointPeriods(@ForAll("scenarios") KpiScenario scenario, @ForAll("settings") KpiSettings settings,
            @ForAll @IntRange(min = 1, max = KpiScenario.SPAN_MINUTES - 1) int split) {
        // given
        KpiEngine engine = scenario.build().engine(settings);
        Instant middle = KpiScenario.minute(split);

        for (Kpi kpi : FLOW) {
            // when
            KpiFigure union = engine.compute(kpi, KpiRequest.over(SPAN).in("EUR")).total();
            KpiFigure first = engine.compute(kpi, KpiRequest.over(SPAN.from(), middle).in("EUR")).total();
            KpiFigure second = engine.compute(kpi, KpiRequest.over(middle, SPAN.to()).in("EUR")).total();

            // then
            assertAdds(kpi, union, List.of(first, second));
            Statistics.label(kpi.code() + " has figures").collect(union.denominator().signum() > 0);
            Statistics.label(kpi.code() + " has exclusions").collect(!union.excluded().isEmpty());
        }
        // every KPI must meet real data (and the listed ones real exclusions) in some tries; in practice a fifth
        // to all of the tries do, so a generator that stopped producing them fails here, not by chance
        for (Kpi kpi : FLOW) {
            Statistics.label(kpi.code() + " has figures")
                    .coverage(checker -> checker.check(true).count(c -> c >= 1));
        }
        for (Kpi kpi : List.of(Kpi.FIRST_REPLY_TIME, Kpi.NEXT_REPLY_TIME, Kpi.FIRST_RESOLUTION_TIME,
                Kpi.FIRST_CONTACT_RESOLUTION, Kpi.REPEAT_CONTACT_RATE, Kpi.AVERAGE_HANDLE_TIME, Kpi.CSAT,
                Kpi.REVENUE_AFTER_SERVICE)) {
            Statistics.label(kpi.code() + " has exclusions")
                    .coverage(checker -> checker.check(true).count(c -> c >= 1));
        }
    }

    @Property(tries = 30)
    @Label("every breakdown's groups add up to the total")
    void breakdownsAddUp(@ForAll("scenarios") KpiScenario scenario, @ForAll("settings") KpiSettings settings,
            @ForAll("breakdowns") Breakdown breakdown) {
        // given
        KpiEngine engine = scenario.build().engine(settings);

        for (Kpi kpi : FLOW) {
            // when
            KpiResult result = engine.compute(kpi, KpiRequest.over(SPAN).by(breakdown).in("EUR"));

            // then
            assertAdds(kpi, result.total(), result.groups());
            assertThat(result.groups()).extracting(KpiFigure::group).isSorted();
        }
    }

    @Provide
    Arbitrary<Breakdown> breakdowns() {
        Arbitrary<Breakdown> periods = Arbitraries.of(Granularity.class).flatMap(g ->
                Arbitraries.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
                        ZoneId.of("Asia/Kolkata")).map(z -> Breakdown.byPeriod(g, z)));
        Arbitrary<Breakdown> others = Arbitraries.of(Dimension.CHANNEL, Dimension.CATEGORY, Dimension.SEGMENT,
                Dimension.AGENT, Dimension.TEAM, Dimension.PRIORITY, Dimension.JOURNEY_STAGE).map(Breakdown::by);
        // a custom field of the case or of the customer partitions the records like any one-valued dimension
        Arbitrary<Breakdown> fields = Arbitraries.of(Breakdown.byField("carrier"), Breakdown.byCustomerField("tier"));
        return Arbitraries.oneOf(periods, others, fields);
    }

    @Property(tries = 40)
    @Label("every figure's value is its unit scale times numerator over denominator, within 1e-9")
    void valuesAreRatios(@ForAll("scenarios") KpiScenario scenario) {
        // given
        KpiEngine engine = scenario.build().engine();

        // when
        KpiReport report = engine.report(KpiRequest.over(SPAN).by(Dimension.SEGMENT).in("EUR"));

        // then
        for (KpiResult result : report.results()) {
            List<KpiFigure> figures = new ArrayList<>(result.groups());
            figures.add(result.total());
            for (KpiFigure f : figures) {
                if (f.denominator().signum() == 0) {
                    assertThat(f.value()).isEmpty();
                } else {
                    double expected = f.kpi().unit().scale().doubleValue() * f.numerator().doubleValue()
                            / f.denominator().doubleValue();
                    assertThat(f.value().orElseThrow().doubleValue()).as(f.kpi().code())
                            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
                }
            }
        }
    }

    @Property(tries = 40)
    @Label("stock KPIs: churn and retention partition the start; backlog per period equals backlog at each end")
    void stockIdentities(@ForAll("scenarios") KpiScenario scenario) {
        // given
        KpiFixtures data = scenario.build();
        KpiEngine engine = data.engine(KpiSettings.builder().activityWindow(Duration.ofDays(7)).build());
        KpiRequest weeks = KpiRequest.over(SPAN).byPeriod(Granularity.WEEK, ZoneId.of("UTC"));

        // when
        KpiResult churn = engine.compute(Kpi.CHURN_RATE, weeks);
        KpiResult retention = engine.compute(Kpi.RETENTION_RATE, weeks);
        KpiResult backlog = engine.compute(Kpi.BACKLOG, weeks);

        // then
        for (int i = 0; i < churn.groups().size(); i++) {
            KpiFigure lost = churn.groups().get(i);
            KpiFigure kept = retention.groups().get(i);
            assertThat(lost.denominator()).isEqualByComparingTo(kept.denominator());
            assertThat(lost.numerator().add(kept.numerator())).isEqualByComparingTo(lost.denominator());
            TimeRange week = backlog.groups().get(i).group().range().orElseThrow();
            KpiFigure atEnd = engine.compute(Kpi.BACKLOG, KpiRequest.over(SPAN.from(), week.to())).total();
            assertThat(backlog.groups().get(i).numerator()).isEqualByComparingTo(atEnd.numerator());
            assertThat(backlog.groups().get(i).excluded()).isEqualTo(atEnd.excluded());
        }
    }

    @Property(tries = 1000)
    @Label("percentiles match a brute-force linear interpolation and Guava's quantiles")
    void percentiles(@ForAll @Size(min = 1, max = 60) List<@LongRange(min = -1_000_000_000L,
            max = 1_000_000_000L) Long> values, @ForAll @IntRange(min = 0, max = 100) int percent) {
        // given
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();

        // when
        BigDecimal actual = Percentiles.continuous(sorted, BigDecimal.valueOf(percent, 2));

        // then: brute force from the definition, with exact fractions
        long numerator = (long) percent * (sorted.length - 1);
        int lower = (int) (numerator / 100);
        long remainder = numerator % 100;
        BigDecimal expected = BigDecimal.valueOf(sorted[lower]);
        if (remainder != 0) {
            expected = expected.add(BigDecimal.valueOf(sorted[lower + 1] - sorted[lower])
                    .multiply(BigDecimal.valueOf(remainder, 2)));
        }
        assertThat(actual).isEqualByComparingTo(expected);
        double guava = Quantiles.percentiles().index(percent).compute(sorted);
        assertThat(actual.doubleValue()).isCloseTo(guava, within(1e-6 * Math.max(1, Math.abs(guava))));
    }

    @Property(tries = 40)
    @Label("reply-time medians and 90th percentiles match a brute-force computation over the stored cases")
    void replyTimePercentiles(@ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 100_000) Integer>
            replySeconds) {
        // given one case per reply time, each answered once by a human
        KpiFixtures data = new KpiFixtures();
        CustomerId customer = data.customer();
        var agent = data.agent(null);
        for (int seconds : replySeconds) {
            Case c = data.newCase(customer, KpiFixtures.hours(1)).save();
            data.reply(c, agent, KpiFixtures.hours(1).plusSeconds(seconds));
        }

        // when
        KpiFigure figure = data.engine().compute(Kpi.FIRST_REPLY_TIME, KpiRequest.over(SPAN)).total();

        // then
        List<Double> values = replySeconds.stream().map(Integer::doubleValue).toList();
        Expected.figure(figure, Expected.sum(values), values.size());
        Expected.statistic(figure, "median_seconds", Expected.percentile(values, 0.5));
        Expected.statistic(figure, "p90_seconds", Expected.percentile(values, 0.9));
        Expected.statistic(figure, "min_seconds", values.stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow());
    }

    /** The parts' numerators, denominators and exclusions add up to the whole's, and the whole's value follows. */
    private static void assertAdds(Kpi kpi, KpiFigure whole, List<KpiFigure> parts) {
        BigDecimal numerator = BigDecimal.ZERO;
        BigDecimal denominator = BigDecimal.ZERO;
        Exclusions excluded = Exclusions.NONE;
        for (KpiFigure part : parts) {
            numerator = numerator.add(part.numerator());
            denominator = denominator.add(part.denominator());
            excluded = excluded.plus(part.excluded());
        }
        boolean exact = !EnumSet.of(KpiUnit.SCORE, KpiUnit.NORMALIZED_SCORE).contains(kpi.unit());
        if (exact) {
            assertThat(whole.numerator()).as(kpi + " numerator").isEqualByComparingTo(numerator);
        } else {
            assertThat(whole.numerator().doubleValue()).as(kpi + " numerator")
                    .isCloseTo(numerator.doubleValue(), within(1e-9));
        }
        if (kpi.unit() != KpiUnit.COUNT) {
            assertThat(whole.denominator()).as(kpi + " denominator").isEqualByComparingTo(denominator);
        }
        assertThat(whole.excluded()).as(kpi + " exclusions").isEqualTo(excluded);
        if (kpi.unit() != KpiUnit.COUNT && denominator.signum() != 0) {
            double ratio = kpi.unit().scale().doubleValue() * numerator.doubleValue() / denominator.doubleValue();
            assertThat(whole.value().orElseThrow().doubleValue()).as(kpi + " value")
                    .isCloseTo(ratio, within(1e-9 * Math.max(1, Math.abs(ratio))));
        }
    }
}
