package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.daysRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.ScoreCount;
import dev.rapport.spi.kpi.ScoreHistogram;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The KPI engine")
class KpiEngineTest {

    private final KpiFixtures data = new KpiFixtures();

    @Test
    @DisplayName("derives figures from whatever answers the queries, so a SQL pushdown gives the same numbers")
    void derivesFromQueries() {
        // given answers that a database could have computed
        Tallies<ScoreHistogram> answer = new Tallies<>(List.of(new Tally<>(GroupKey.TOTAL,
                new ScoreHistogram(List.of(new ScoreCount(Scale.CSAT_1_TO_5, 5, 3),
                        new ScoreCount(Scale.CSAT_1_TO_5, 3, 1))),
                Exclusions.of(ExclusionReason.SCORE_OFF_SCALE))));
        KpiQueries sql = (KpiQueries) Proxy.newProxyInstance(KpiQueries.class.getClassLoader(),
                new Class<?>[] {KpiQueries.class}, (proxy, method, args) -> {
                    if (method.getName().equals("feedbackScores") && args[0] == FeedbackMetric.CSAT) {
                        return answer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        KpiEngine engine = KpiEngine.builder().queries(sql).clock(data.clock).build();

        // when
        KpiFigure csat = engine.compute(Kpi.CSAT, KpiRequest.over(daysRange(0, 1))).total();
        KpiFigure mean = engine.compute(Kpi.CSAT_MEAN, KpiRequest.over(daysRange(0, 1))).total();

        // then
        Expected.figure(csat, 3, 4);
        Expected.figure(mean, 5 * 3 + 3, 4);
        assertThat(csat.excluded().count(ExclusionReason.SCORE_OFF_SCALE)).isEqualTo(1);
    }

    @Test
    @DisplayName("uses the storage's own answers when it offers them, streams otherwise, and can be told which")
    void choosesWhoAnswers() {
        // given a storage that answers the KPI questions itself, and one that does not
        KpiQueries own = (KpiQueries) Proxy.newProxyInstance(KpiQueries.class.getClassLoader(),
                new Class<?>[] {KpiQueries.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        RapportStorage answering = (RapportStorage) Proxy.newProxyInstance(RapportStorage.class.getClassLoader(),
                new Class<?>[] {RapportStorage.class}, (proxy, method, args) -> method.getName().equals("kpiQueries")
                        ? Optional.of(own) : method.invoke(data.storage, args));

        // when
        KpiEngine auto = KpiEngine.builder().storage(answering).clock(data.clock).build();
        KpiEngine streaming = KpiEngine.builder().storage(answering).clock(data.clock)
                .source(KpiEngine.Source.STREAMING).build();
        KpiEngine plain = KpiEngine.builder().storage(data.storage).clock(data.clock).build();

        // then
        assertThat(auto.queries()).isSameAs(own);
        assertThat(streaming.queries()).isInstanceOf(StreamingKpiQueries.class);
        assertThat(plain.queries()).isInstanceOf(StreamingKpiQueries.class);
        assertThatThrownBy(() -> KpiEngine.builder().storage(data.storage).clock(data.clock)
                .source(KpiEngine.Source.STORAGE).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("source"));
    }

    @Test
    @DisplayName("maps a threshold onto other scales exactly, in both directions")
    void satisfactionMapping() {
        // given
        KpiEngine engine = data.engine();
        Scale tenPoint = new Scale(1, 10, ScaleDirection.HIGHER_IS_BETTER);
        Scale lowerBetter = new Scale(1, 7, ScaleDirection.LOWER_IS_BETTER);

        // then: satisfied exactly when at least three quarters of the way to the good end
        for (int s = 1; s <= 10; s++) {
            assertThat(engine.satisfied(tenPoint, s)).as("%d of 10", s).isEqualTo((s - 1) * 4 >= 3 * 9);
        }
        for (int s = 1; s <= 7; s++) {
            assertThat(engine.satisfied(lowerBetter, s)).as("%d of 7 lower better", s)
                    .isEqualTo((7 - s) * 4 >= 3 * 6);
        }
    }

    @Test
    @DisplayName("computes KPIs of other packages through a registered calculator, SLA compliance for instance")
    void calculatorExtension() {
        // given
        Kpi slaCompliance = new Kpi("sla_compliance", KpiUnit.SHARE);
        KpiCalculator calculator = new KpiCalculator() {
            @Override
            public Kpi kpi() {
                return slaCompliance;
            }

            @Override
            public Set<Dimension> dimensions() {
                return Set.of(Dimension.CHANNEL);
            }

            @Override
            public KpiResult compute(KpiRequest request, Instant asOf) {
                KpiFigure total = KpiFigure.of(slaCompliance, GroupKey.TOTAL, BigDecimal.valueOf(9),
                        BigDecimal.TEN, Map.of("breached", BigDecimal.ONE), Exclusions.NONE);
                return new KpiResult(slaCompliance, request.period(), request.breakdown(), asOf,
                        Map.of("target", "FIRST_REPLY"), total, List.of());
            }
        };
        KpiEngine engine = KpiEngine.builder().storage(data.storage).clock(data.clock).calculator(calculator)
                .build();
        KpiRequest request = KpiRequest.over(daysRange(0, 1));

        // when
        KpiReport report = engine.report(request);

        // then
        assertThat(engine.kpis()).endsWith(slaCompliance);
        assertThat(engine.dimensions(slaCompliance)).containsExactlyInAnyOrder(Dimension.TOTAL, Dimension.CHANNEL);
        Expected.figure(report.result(slaCompliance).orElseThrow().total(), 9, 10);
        assertThatThrownBy(() -> engine.compute(slaCompliance, request.by(Dimension.AGENT)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> KpiEngine.builder().storage(data.storage).clock(data.clock)
                .calculator(new KpiCalculator() {
                    @Override
                    public Kpi kpi() {
                        return new Kpi("csat", KpiUnit.SHARE);
                    }

                    @Override
                    public Set<Dimension> dimensions() {
                        return Set.of();
                    }

                    @Override
                    public KpiResult compute(KpiRequest r, Instant asOf) {
                        throw new UnsupportedOperationException();
                    }
                }).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("calculator"));
    }

    @Test
    @DisplayName("refuses an unknown KPI and a build without storage or clock, naming what is missing")
    void validation() {
        assertThatThrownBy(() -> data.engine().compute(new Kpi("made_up", KpiUnit.COUNT),
                KpiRequest.over(daysRange(0, 1))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("kpi"));
        assertThatThrownBy(() -> KpiEngine.builder().build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("clock", "storage"));
        assertThatThrownBy(() -> new Kpi("Bad Code", KpiUnit.COUNT)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> data.engine().compute(null, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("kpi", "request"));
        assertThatThrownBy(() -> KpiRequest.over(null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("period"));
    }

    @Test
    @DisplayName("stamps results with the clock, truncated to microseconds")
    void asOf() {
        // given
        Instant now = Instant.parse("2025-01-01T10:00:00.123456789Z");
        KpiEngine engine = new KpiEngine(data.storage, Clock.fixed(now, java.time.ZoneOffset.UTC));

        // when
        KpiResult result = engine.compute(Kpi.BACKLOG, KpiRequest.over(TimeRange.of(now, now)));

        // then
        assertThat(result.asOf()).isEqualTo(Instant.parse("2025-01-01T10:00:00.123456Z"));
    }

    @Test
    @DisplayName("settings reject each bad option by name")
    void settingsValidation() {
        assertThatThrownBy(() -> KpiSettings.builder().csatThreshold(6).repeatContactWindow(Duration.ZERO)
                .loyaltyMinimumPurchases(1).automatedChannels(Set.of()).backlogAgeBounds(
                        List.of(Duration.ofDays(3), Duration.ofDays(1)))
                .resolutionPausedStatuses(Set.of(CaseStatus.RESOLVED)).leagueMinimumRatings(0).elapsedTime(null)
                .build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly(
                        "automatedChannels", "backlogAgeBounds", "csatThreshold", "elapsedTime",
                        "leagueMinimumRatings", "loyaltyMinimumPurchases", "repeatContactWindow",
                        "resolutionPausedStatuses"));
        assertThat(KpiSettings.defaults().toBuilder().build()).isEqualTo(KpiSettings.defaults());
        assertThatThrownBy(() -> new CostToServe(BigDecimal.ONE.negate(), BigDecimal.ZERO))
                .isInstanceOf(ValidationException.class);
    }
}
