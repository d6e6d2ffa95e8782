package dev.rapport.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.HealthBand;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.tck.TestData;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KPIs broken down by health band")
class HealthBandKpiTest {

    private final TestRapport t = new TestRapport();

    @Test
    @DisplayName("each rating goes to its customer's stored band, a customer never evaluated to the group with none")
    void csatByHealthBand() {
        // given
        Instant now = t.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Customer atRisk = t.customer();
        Customer healthy = t.customer();
        Customer never = t.customer();
        t.storage().healthStandings().replace(Optional.empty(),
                new HealthStanding(atRisk.id(), HealthBand.AT_RISK, 20, now, now));
        t.storage().healthStandings().replace(Optional.empty(),
                new HealthStanding(healthy.id(), HealthBand.HEALTHY, 95, now, now));
        t.storage().feedback().insert(TestData.feedback(atRisk.id()).score(1).receivedAt(now).build());
        t.storage().feedback().insert(TestData.feedback(atRisk.id()).score(5).receivedAt(now).build());
        t.storage().feedback().insert(TestData.feedback(healthy.id()).score(5).receivedAt(now).build());
        t.storage().feedback().insert(TestData.feedback(never.id()).score(4).receivedAt(now).build());

        // when
        KpiResult csat = t.rapport().kpis().compute(Kpi.CSAT, KpiRequest.over(
                TimeRange.of(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)))).by(Dimension.HEALTH_BAND));
        KpiResult churn = t.rapport().kpis().compute(Kpi.CHURN_RATE, KpiRequest.over(
                TimeRange.of(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)))).by(Dimension.HEALTH_BAND));

        // then
        assertThat(csat.group("AT_RISK")).map(KpiFigure::denominator).hasValueSatisfying(
                d -> assertThat(d).isEqualByComparingTo("2"));
        assertThat(csat.group("AT_RISK")).map(KpiFigure::numerator).hasValueSatisfying(
                n -> assertThat(n).isEqualByComparingTo("1"));
        assertThat(csat.group("HEALTHY")).map(KpiFigure::denominator).hasValueSatisfying(
                d -> assertThat(d).isEqualByComparingTo("1"));
        assertThat(csat.group(GroupKey.NONE_LABEL)).map(KpiFigure::denominator).hasValueSatisfying(
                d -> assertThat(d).isEqualByComparingTo("1"));
        assertThat(t.rapport().kpis().dimensions(Kpi.CHURN_RATE)).contains(Dimension.HEALTH_BAND);
        assertThat(churn.breakdown().dimension()).isEqualTo(Dimension.HEALTH_BAND);
    }
}
