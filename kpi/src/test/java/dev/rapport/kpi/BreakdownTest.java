package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.GroupKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Breakdowns")
class BreakdownTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();

    @Test
    @DisplayName("days are cut at local midnight in the requested zone, across a daylight-saving change")
    void daysInZone() {
        // given: Paris moves to summer time on 31 March 2024; one rating late on 30 March, local time
        Instant lateSaturday = Instant.parse("2024-03-30T22:30:00Z"); // 23:30 in Paris, still winter time
        Instant earlySunday = Instant.parse("2024-03-30T23:30:00Z");  // 00:30 on Sunday in Paris
        Instant lateSunday = Instant.parse("2024-03-31T21:30:00Z");   // 23:30 in Paris, summer time
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, lateSaturday);
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 1, earlySunday);
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, lateSunday);
        TimeRange weekend = TimeRange.of(Instant.parse("2024-03-29T23:00:00Z"), Instant.parse("2024-03-31T22:00:00Z"));

        // when
        KpiResult result = data.engine().compute(Kpi.CSAT,
                KpiRequest.over(weekend).byPeriod(Granularity.DAY, PARIS));

        // then
        assertThat(result.groups()).extracting(f -> f.group().label()).containsExactly("2024-03-30", "2024-03-31");
        Expected.figure(result.group("2024-03-30").orElseThrow(), 1, 1);
        Expected.figure(result.group("2024-03-31").orElseThrow(), 1, 2);
        TimeRange sunday = result.group("2024-03-31").orElseThrow().group().range().orElseThrow();
        assertThat(java.time.Duration.between(sunday.from(), sunday.to())).hasHours(23);
    }

    @Test
    @DisplayName("weeks start on Monday and months on the first; every period is listed, empty ones without value")
    void weeksAndMonths() {
        // given: T0 is a Monday
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, days(6));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, days(7));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 2, days(30));

        // when
        KpiResult weeks = data.engine().compute(Kpi.CSAT,
                KpiRequest.over(daysRange(0, 35)).byPeriod(Granularity.WEEK, ZoneOffset.UTC));
        KpiResult months = data.engine().compute(Kpi.CSAT,
                KpiRequest.over(daysRange(0, 35)).byPeriod(Granularity.MONTH, ZoneOffset.UTC));

        // then
        assertThat(weeks.groups()).extracting(f -> f.group().label())
                .containsExactly("2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25", "2024-04-01");
        assertThat(weeks.group("2024-03-18").orElseThrow().value()).isEmpty();
        Expected.figure(weeks.group("2024-03-04").orElseThrow(), 1, 1);
        Expected.figure(weeks.group("2024-04-01").orElseThrow(), 0, 1);
        assertThat(months.groups()).extracting(f -> f.group().label()).containsExactly("2024-03-01", "2024-04-01");
        assertThat(months.groups().get(0).group().range().orElseThrow().from()).isEqualTo(days(0));
        Expected.figure(months.group("2024-03-01").orElseThrow(), 2, 2);
        Expected.figure(months.total(), 2, 3);
    }

    @Test
    @DisplayName("a period breakdown gives a chart-ready time series with gaps for empty periods")
    void timeSeries() {
        // given
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, days(0));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 1, days(2));

        // when
        TimeSeries series = data.engine().compute(Kpi.CSAT,
                KpiRequest.over(daysRange(0, 3)).byPeriod(Granularity.DAY, ZoneOffset.UTC)).timeSeries();

        // then
        assertThat(series.labels()).containsExactly("2024-03-04", "2024-03-05", "2024-03-06");
        assertThat(series.values()).containsExactly(1.0, null, 0.0);
        assertThat(series.points().get(0).period()).isEqualTo(LocalDate.of(2024, 3, 4));
        assertThat(series.toJson()).contains("\"values\":[1,null,0]");
    }

    @Test
    @DisplayName("segment, team (the case's, else the agent's) and journey stage (mapped from the category)")
    void otherDimensions() {
        // given
        CustomerId gold = data.customer(b -> b.segment("gold"));
        AgentId agentInSupport = data.agent("support");
        data.newCase(gold, hours(0)).category("billing").assignee(agentInSupport).resolve(hours(1)).save();
        data.newCase(customer, hours(0)).category("delivery").team("logistics").resolve(hours(3)).save();
        data.newCase(customer, hours(0)).category("other").resolve(hours(5)).save();
        KpiSettings settings = KpiSettings.builder()
                .journeyStages(Map.of("billing", "post_purchase", "delivery", "fulfilment")).build();
        KpiRequest request = KpiRequest.over(daysRange(0, 1));

        // when
        KpiEngine engine = data.engine(settings);
        KpiResult bySegment = engine.compute(Kpi.FULL_RESOLUTION_TIME, request.by(Dimension.SEGMENT));
        KpiResult byTeam = engine.compute(Kpi.FULL_RESOLUTION_TIME, request.by(Dimension.TEAM));
        KpiResult byStage = engine.compute(Kpi.FULL_RESOLUTION_TIME, request.by(Dimension.JOURNEY_STAGE));

        // then
        Expected.figure(bySegment.group("gold").orElseThrow(), 3600, 1);
        Expected.figure(bySegment.group(GroupKey.NONE_LABEL).orElseThrow(), 8 * 3600, 2);
        Expected.figure(byTeam.group("support").orElseThrow(), 3600, 1);
        Expected.figure(byTeam.group("logistics").orElseThrow(), 3 * 3600, 1);
        assertThat(byStage.groups()).extracting(f -> f.group().label())
                .containsExactly("fulfilment", "post_purchase", GroupKey.NONE_LABEL);
    }

    @Test
    @DisplayName("customer KPIs cannot be broken down by what customers do not have")
    void unsupportedDimension() {
        assertThatThrownBy(() -> data.engine().compute(Kpi.CHURN_RATE,
                KpiRequest.over(daysRange(0, 30)).by(Dimension.CHANNEL)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("breakdown.dimension"));
        assertThat(data.engine().dimensions(Kpi.CHURN_RATE))
                .containsExactlyInAnyOrder(Dimension.TOTAL, Dimension.PERIOD, Dimension.SEGMENT,
                        Dimension.HEALTH_BAND, Dimension.CHURN_REASON, Dimension.CUSTOMER_TAG,
                        Dimension.CUSTOMER_FIELD);
        assertThat(data.engine().dimensions(Kpi.RETENTION_RATE))
                .containsExactlyInAnyOrder(Dimension.TOTAL, Dimension.PERIOD, Dimension.SEGMENT,
                        Dimension.HEALTH_BAND, Dimension.CUSTOMER_TAG, Dimension.CUSTOMER_FIELD);
    }

    @Test
    @DisplayName("a period breakdown must be bounded and not too fine")
    void periodLimits() {
        KpiEngine engine = data.engine();
        assertThatThrownBy(() -> engine.compute(Kpi.CSAT,
                KpiRequest.over(TimeRange.ALL).byPeriod(Granularity.DAY, ZoneOffset.UTC)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("period"));
        assertThatThrownBy(() -> engine.compute(Kpi.CSAT,
                KpiRequest.over(daysRange(0, KpiEngine.MAX_PERIODS + 1)).byPeriod(Granularity.DAY, ZoneOffset.UTC)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("breakdown.granularity"));
        assertThat(engine.compute(Kpi.CSAT, KpiRequest.over(daysRange(0, KpiEngine.MAX_PERIODS))
                .byPeriod(Granularity.DAY, ZoneOffset.UTC)).groups()).hasSize(KpiEngine.MAX_PERIODS);
    }

    @Test
    @DisplayName("the whole of time can be asked for without a breakdown")
    void wholeOfTime() {
        // given
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, days(-4000));

        // when
        KpiReport report = data.engine().report(KpiRequest.over(TimeRange.ALL).in("EUR"));

        // then
        Expected.figure(report.result(Kpi.CSAT).orElseThrow().total(), 1, 1);
        assertThat(report.results()).hasSize(Kpi.BUILT_IN.size());
    }
}
