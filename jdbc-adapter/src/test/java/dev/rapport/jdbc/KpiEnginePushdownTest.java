package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.kpi.StreamingKpiQueries;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.tck.KpiDataSet;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The KPI engine over the JDBC adapter: it uses the SQL answers by itself, and every figure of every built-in KPI
 * matches the figure computed by streaming: numerators, denominators and exclusions exactly, values to 1e-9,
 * duration statistics to the millisecond.
 */
@DisplayName("The KPI engine on the JDBC adapter")
class KpiEnginePushdownTest {

    private static final TimeRange PERIOD = TimeRange.of(KpiDataSet.T0, KpiDataSet.T0.plus(Duration.ofDays(35)));
    private static final Clock CLOCK = Clock.fixed(KpiDataSet.T0.plus(Duration.ofDays(33)), ZoneOffset.UTC);
    private static JdbcStorage storage;

    @BeforeAll
    static void load() {
        storage = new ContractSupport(TestDatabases.h2Memory()).emptyStorage();
        KpiDataSet.generate(7, 4).writeTo(storage);
    }

    @Test
    @DisplayName("uses the storage's SQL answers unless told to stream")
    void choosesThePushdown() {
        // given / when
        KpiEngine auto = KpiEngine.builder().storage(storage).clock(CLOCK).build();
        KpiEngine streaming = KpiEngine.builder().storage(storage).clock(CLOCK).source(KpiEngine.Source.STREAMING)
                .build();

        // then
        assertThat(auto.queries()).isSameAs(storage.kpiQueries().orElseThrow());
        assertThat(streaming.queries()).isInstanceOf(StreamingKpiQueries.class);
    }

    @Test
    @DisplayName("gives the streamed figures for every KPI, by default settings and by stricter ones")
    void sameFigures() {
        List<KpiSettings> settings = List.of(KpiSettings.defaults(), KpiSettings.builder()
                .fcrDefinition(FcrDefinition.NO_REPEAT_CONTACT).repeatContactWindow(Duration.ofDays(2))
                .resolutionPausedStatuses(Set.of(CaseStatus.PENDING_CUSTOMER))
                .costToServe(new CostToServe(new BigDecimal("1.75"), new BigDecimal("40")))
                .activityWindow(Duration.ofDays(60)).journeyStages(Map.of("billing", "post_purchase")).build());
        List<KpiRequest> requests = List.of(KpiRequest.over(PERIOD).in("EUR"),
                KpiRequest.over(PERIOD).by(Dimension.AGENT).in("EUR"),
                KpiRequest.over(PERIOD).byPeriod(Granularity.WEEK, ZoneId.of("Europe/Paris")).in("EUR"));
        int figures = 0;
        for (KpiSettings s : settings) {
            // given
            KpiEngine sql = KpiEngine.builder().storage(storage).clock(CLOCK).settings(s)
                    .source(KpiEngine.Source.STORAGE).build();
            KpiEngine streamed = KpiEngine.builder().storage(storage).clock(CLOCK).settings(s)
                    .source(KpiEngine.Source.STREAMING).build();
            for (KpiRequest request : requests) {
                // when
                KpiReport actual = sql.report(request);
                KpiReport expected = streamed.report(request);

                // then
                assertThat(actual.results()).hasSameSizeAs(expected.results());
                for (int r = 0; r < expected.results().size(); r++) {
                    figures += sameFigures(expected.results().get(r), actual.results().get(r));
                }
            }
        }
        assertThat(figures).isGreaterThan(300);
    }

    private static int sameFigures(KpiResult expected, KpiResult actual) {
        List<KpiFigure> e = new ArrayList<>(expected.groups());
        e.add(expected.total());
        List<KpiFigure> a = new ArrayList<>(actual.groups());
        a.add(actual.total());
        assertThat(a).extracting(KpiFigure::group).as(expected.kpi().code())
                .containsExactlyElementsOf(e.stream().map(KpiFigure::group).toList());
        for (int i = 0; i < e.size(); i++) {
            KpiFigure x = e.get(i);
            KpiFigure y = a.get(i);
            String where = x.kpi().code() + " " + x.group();
            assertThat(y.numerator()).as("numerator of " + where).isEqualByComparingTo(x.numerator());
            assertThat(y.denominator()).as("denominator of " + where).isEqualByComparingTo(x.denominator());
            assertThat(y.excluded()).as("exclusions of " + where).isEqualTo(x.excluded());
            assertThat(y.value().isPresent()).as("value of " + where).isEqualTo(x.value().isPresent());
            x.value().ifPresent(v -> assertThat(y.value().orElseThrow().doubleValue()).as("value of " + where)
                    .isCloseTo(v.doubleValue(), within(1e-9 * Math.max(1, Math.abs(v.doubleValue())))));
            assertThat(y.statistics().keySet()).as("statistics of " + where)
                    .containsExactlyElementsOf(x.statistics().keySet());
            x.statistics().forEach((name, value) -> {
                BigDecimal other = y.statistics().get(name);
                if (name.endsWith("_seconds")) {
                    assertThat(other.subtract(value).abs()).as(name + " of " + where)
                            .isLessThan(new BigDecimal("0.001"));
                } else {
                    assertThat(other).as(name + " of " + where).isEqualByComparingTo(value);
                }
            });
        }
        return e.size();
    }
}
