package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A KPI report's shared questions")
class KpiReportSharedQuestionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);
    private static final KpiRequest MARCH = KpiRequest.over(TimeRange.of(Instant.parse("2025-03-01T00:00:00Z"),
            Instant.parse("2025-04-01T00:00:00Z"))).in("EUR");

    /** Every question asked, by method name, in order. */
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private KpiEngine engine() {
        KpiQueries reference = new StreamingKpiQueries(new InMemoryStorage(CLOCK));
        KpiQueries counting = (KpiQueries) Proxy.newProxyInstance(KpiQueries.class.getClassLoader(),
                new Class<?>[] {KpiQueries.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == KpiQueries.class) {
                        asked.add(method.getName());
                    }
                    try {
                        return method.invoke(reference, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return KpiEngine.builder().queries(counting).clock(CLOCK).build();
    }

    @Test
    @DisplayName("are asked once per report: the CSAT scores for CSAT and mean CSAT, the customer base for churn,"
            + " retention and predictive lifetime value")
    void askedOncePerReport() {
        // given
        KpiEngine engine = engine();

        // when
        KpiReport report = engine.report(MARCH, List.of(Kpi.CSAT, Kpi.CSAT_MEAN, Kpi.CHURN_RATE, Kpi.RETENTION_RATE,
                Kpi.PREDICTIVE_LIFETIME_VALUE));

        // then
        assertThat(report.results()).hasSize(5);
        assertThat(asked).filteredOn("feedbackScores"::equals).hasSize(1);
        assertThat(asked).filteredOn("customerBase"::equals).hasSize(1);
        assertThat(asked).filteredOn("purchases"::equals).hasSize(1);
    }

    @Test
    @DisplayName("give each KPI the same figures as computing it alone")
    void sameFiguresAsAlone() {
        // given
        KpiEngine engine = engine();

        // when
        KpiReport report = engine.report(MARCH, List.of(Kpi.CSAT, Kpi.CSAT_MEAN, Kpi.CHURN_RATE, Kpi.RETENTION_RATE));

        // then
        assertThat(report.results()).extracting(KpiResult::total).containsExactly(
                engine.compute(Kpi.CSAT, MARCH).total(), engine.compute(Kpi.CSAT_MEAN, MARCH).total(),
                engine.compute(Kpi.CHURN_RATE, MARCH).total(), engine.compute(Kpi.RETENTION_RATE, MARCH).total());
    }

    @Test
    @DisplayName("are asked again by every single computation outside a report")
    void askedAgainOutsideAReport() {
        // given
        KpiEngine engine = engine();

        // when
        engine.compute(Kpi.CSAT, MARCH);
        engine.compute(Kpi.CSAT_MEAN, MARCH);

        // then
        assertThat(asked).filteredOn("feedbackScores"::equals).hasSize(2);
    }
}
