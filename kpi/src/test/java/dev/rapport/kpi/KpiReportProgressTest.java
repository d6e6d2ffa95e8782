package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.progress.Progress;
import dev.rapport.spi.TimeRange;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A KPI report over a large store")
class KpiReportProgressTest {

    @Test
    @DisplayName("tells the host's listener after each KPI how far it has come, and when it is finished")
    void reportsProgress() {
        // given
        Clock clock = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);
        KpiEngine engine = new KpiEngine(new InMemoryStorage(clock), clock);
        List<Progress> seen = new CopyOnWriteArrayList<>();
        List<Kpi> kpis = List.of(Kpi.CSAT, Kpi.NPS, Kpi.REOPEN_RATE);

        // when
        KpiReport report = engine.report(KpiRequest.over(TimeRange.of(Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-04-01T00:00:00Z"))), kpis, seen::add);

        // then
        assertThat(report.results()).hasSize(3);
        assertThat(seen).extracting(Progress::done).containsExactly(1L, 2L, 3L);
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.operation()).isEqualTo(KpiEngine.REPORT_OPERATION);
            assertThat(p.total()).hasValue(3);
        });
        assertThat(seen).extracting(Progress::finished).containsExactly(false, false, true);
    }
}
