package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Backlog")
class BacklogTest {

    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();

    @Test
    @DisplayName("counts the cases unresolved at the end of the period, from their status history, with their ages")
    void backlogAtEnd() {
        // given
        Instant end = days(10);
        data.newCase(customer, days(9).plus(Duration.ofHours(12))).save();                        // 12 h old
        data.newCase(customer, days(8)).move(CaseStatus.PENDING_CUSTOMER, days(9)).save();        // 2 days
        data.newCase(customer, days(1)).resolve(days(2)).reopen(days(5)).save();                  // 9 days
        data.newCase(customer, days(0)).resolve(days(9)).save();                                  // resolved
        data.newCase(customer, days(2)).resolve(days(11)).save();                                 // resolved later: 8 days
        data.newCase(customer, days(11)).save();                                                  // not yet created

        // when
        KpiFigure figure = data.engine().compute(Kpi.BACKLOG, KpiRequest.over(daysRange(0, 10))).total();

        // then
        List<Double> ages = Expected.seconds(Duration.between(days(9).plus(Duration.ofHours(12)), end),
                Duration.ofDays(2), Duration.ofDays(9), Duration.ofDays(8));
        Expected.figure(figure, ages.size(), 1);
        Expected.statistic(figure, "age_mean_seconds", Expected.mean(ages));
        Expected.statistic(figure, "age_median_seconds", Expected.percentile(ages, 0.5));
        Expected.statistic(figure, "age_p90_seconds", Expected.percentile(ages, 0.9));
        Expected.statistic(figure, "aged_under_1d", 1);
        Expected.statistic(figure, "aged_1d_to_3d", 1);
        Expected.statistic(figure, "aged_3d_to_7d", 0);
        Expected.statistic(figure, "aged_7d_to_14d", 2);
        Expected.statistic(figure, "aged_30d_and_more", 0);
    }

    @Test
    @DisplayName("by period, is taken at the end of each period")
    void perPeriod() {
        // given
        data.newCase(customer, hours(1)).resolve(days(2).plus(Duration.ofHours(1))).save();
        data.newCase(customer, days(1).plus(Duration.ofHours(1))).save();

        // when
        KpiResult result = data.engine().compute(Kpi.BACKLOG,
                KpiRequest.over(daysRange(0, 3)).byPeriod(Granularity.DAY, ZoneOffset.UTC));

        // then
        assertThat(result.groups()).extracting(f -> f.numerator().intValueExact()).containsExactly(1, 2, 1);
        Expected.figure(result.total(), 1, 1);
    }

    @Test
    @DisplayName("a case whose history contradicts its status is left out")
    void inconsistentHistory() {
        // given
        data.newCase(customer, days(1)).move(CaseStatus.OPEN, days(2)).raw(b -> b.status(CaseStatus.ON_HOLD)).save();
        data.newCase(customer, days(1)).move(CaseStatus.OPEN, days(0)).save();
        data.newCase(customer, days(1)).priority(Priority.HIGH).save();

        // when
        KpiResult result = data.engine().compute(Kpi.BACKLOG,
                KpiRequest.over(daysRange(0, 5)).by(Dimension.PRIORITY));

        // then
        Expected.figure(result.total(), 1, 1);
        assertThat(result.total().excluded().count(ExclusionReason.INCONSISTENT_HISTORY)).isEqualTo(2);
        Expected.figure(result.group("HIGH").orElseThrow(), 1, 1);
        Expected.figure(result.group("NORMAL").orElseThrow(), 0, 1);
    }
}
