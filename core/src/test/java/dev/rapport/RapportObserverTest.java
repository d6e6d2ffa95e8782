package dev.rapport;

import dev.rapport.observe.RapportObserver;
import dev.rapport.spi.RapportConfigurationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.DispatchSummary;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RapportObserver")
class RapportObserverTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2025-06-02T09:00:00Z"));

    @Test
    @DisplayName("is told of dispatch rounds and KPI reports, and its failures change nothing the engine does")
    void failingObserverIsIgnored() {
        // given an observer that records what it is told and then fails
        List<String> told = new CopyOnWriteArrayList<>();
        RapportObserver failing = new RapportObserver() {
            @Override
            public void followUpRoundFinished(DispatchSummary round) {
                told.add("round");
                throw new IllegalStateException("observer broken");
            }

            @Override
            public void kpiReportFinished(dev.rapport.kpi.KpiReport report, Duration elapsed) {
                told.add("report");
                throw new IllegalStateException("observer broken");
            }
        };
        Rapport rapport = Rapport.builder().storage(new InMemoryStorage(clock)).clock(clock).observer(failing).build();
        rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());

        // when the dispatcher runs and a report is computed
        DispatchSummary summary = rapport.followUpDispatcher().dispatchDue();
        var report = rapport.kpis().report(KpiRequest.over(TimeRange.of(clock.instant().minus(Duration.ofDays(1)),
                clock.instant())));

        // then both were observed, and both returned their results regardless
        assertThat(told).containsExactly("round", "report");
        assertThat(summary).isEqualTo(DispatchSummary.EMPTY);
        assertThat(report.results()).isNotEmpty();
        rapport.close();
    }

    @Test
    @DisplayName("defaults to NONE, and a null observer is refused naming the property")
    void defaultAndNull() {
        // given
        Rapport.Builder builder = Rapport.builder().storage(new InMemoryStorage(clock)).clock(clock);

        // when
        Rapport rapport = builder.build();

        // then
        assertThat(rapport.observer()).isSameAs(RapportObserver.NONE);
        assertThatThrownBy(() -> builder.observer(null).build())
                .isInstanceOfSatisfying(RapportConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo("observer"));
    }
}
