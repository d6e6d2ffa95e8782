package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Money;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Granularity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Customer KPIs")
class CustomerKpiTest {

    private static final Duration WINDOW = Duration.ofDays(30);

    private final KpiFixtures data = new KpiFixtures();
    private final List<Person> people = new ArrayList<>();

    /** A customer as the test defines it, to compute the expected customer base independently. */
    private record Person(CustomerId id, Instant created, List<Instant> purchases, CustomerStatus status,
            Instant updated) {

        boolean isCustomerAt(Instant t, CustomerBaseRule rule) {
            if (status == CustomerStatus.PROSPECT || !created.isBefore(t)) {
                return false;
            }
            if (rule == CustomerBaseRule.ACTIVITY_UNLESS_CHURNED && status == CustomerStatus.CHURNED
                    && updated.isBefore(t)) {
                return false;
            }
            Instant since = t.minus(WINDOW);
            return !created.isBefore(since)
                    || purchases.stream().anyMatch(p -> !p.isBefore(since) && p.isBefore(t));
        }
    }

    private void person(int createdDay, CustomerStatus status, int updatedDay, int... purchaseDays) {
        CustomerId id = data.customer(b -> b.createdAt(days(createdDay)).updatedAt(days(updatedDay)).status(status));
        List<Instant> purchases = new ArrayList<>();
        for (int day : purchaseDays) {
            purchases.add(days(day));
            data.purchase(id, days(day), "10", "EUR");
        }
        people.add(new Person(id, days(createdDay), purchases, status, days(updatedDay)));
    }

    private void population() {
        person(-100, CustomerStatus.ACTIVE, -100, -10, 20);    // bought before and in the period
        person(-100, CustomerStatus.ACTIVE, -100, -5);         // bought before only
        person(-10, CustomerStatus.ACTIVE, -10);               // new just before the period, no purchase
        person(5, CustomerStatus.ACTIVE, 5);                   // new in the period
        person(-200, CustomerStatus.INACTIVE, -200, 10);       // won back in the period
        person(-5, CustomerStatus.PROSPECT, -5);               // a prospect
        person(40, CustomerStatus.ACTIVE, 40, 41);             // registered after the period
        person(-100, CustomerStatus.CHURNED, 10, -3, 15);      // marked churned on day 10
    }

    private KpiSettings settings(CustomerBaseRule rule) {
        return KpiSettings.builder().activityWindow(WINDOW).customerBaseRule(rule).build();
    }

    @Nested
    @DisplayName("churn and retention")
    class ChurnAndRetention {

        private void check(CustomerBaseRule rule) {
            // given
            population();
            KpiRequest request = KpiRequest.over(daysRange(0, 30));

            // when
            KpiResult churn = data.engine(settings(rule)).compute(Kpi.CHURN_RATE, request);
            KpiResult retention = data.engine(settings(rule)).compute(Kpi.RETENTION_RATE, request);

            // then
            Instant start = days(0);
            Instant end = days(30);
            long s = people.stream().filter(p -> p.isCustomerAt(start, rule)).count();
            long e = people.stream().filter(p -> p.isCustomerAt(end, rule)).count();
            long retained = people.stream().filter(p -> p.isCustomerAt(start, rule) && p.isCustomerAt(end, rule))
                    .count();
            long lost = s - retained;
            long gained = e - retained;
            long registered = people.stream().filter(p -> p.isCustomerAt(end, rule) && !p.isCustomerAt(start, rule)
                    && !p.created().isBefore(start)).count();
            Expected.figure(churn.total(), lost, s);
            Expected.figure(retention.total(), e - gained, s);
            Expected.statistic(churn.total(), "new_registrations", registered);
            Expected.statistic(churn.total(), "reactivated", gained - registered);
            assertThat(churn.total().value().orElseThrow().add(retention.total().value().orElseThrow()))
                    .isEqualByComparingTo(BigDecimal.ONE);
            assertThat(churn.total().excluded().count(ExclusionReason.PROSPECT)).isEqualTo(1);
            assertThat(lost).isPositive();
            assertThat(gained).isPositive();
        }

        @Test
        @DisplayName("by activity: lost over customers at the start; retention (E - N) / S")
        void byActivity() {
            check(CustomerBaseRule.ACTIVITY);
        }

        @Test
        @DisplayName("by activity unless marked churned: a churned customer stops counting at their last update")
        void unlessChurned() {
            check(CustomerBaseRule.ACTIVITY_UNLESS_CHURNED);
        }

        @Test
        @DisplayName("by period, each period compares its own start and end")
        void perPeriod() {
            // given
            population();
            KpiRequest request = KpiRequest.over(daysRange(0, 30)).byPeriod(Granularity.WEEK, ZoneOffset.UTC);
            CustomerBaseRule rule = CustomerBaseRule.ACTIVITY;

            // when
            KpiResult churn = data.engine(settings(rule)).compute(Kpi.CHURN_RATE, request);

            // then
            assertThat(churn.groups()).hasSize(5);
            for (KpiFigure week : churn.groups()) {
                Instant from = week.group().range().orElseThrow().from();
                Instant to = week.group().range().orElseThrow().to();
                long s = people.stream().filter(p -> p.isCustomerAt(from, rule)).count();
                long lost = people.stream().filter(p -> p.isCustomerAt(from, rule) && !p.isCustomerAt(to, rule))
                        .count();
                Expected.figure(week, lost, s);
            }
        }
    }

    @Test
    @DisplayName("loyal-customer share: buyers with repeat purchases within the window, over buyers in it")
    void loyalShare() {
        // given
        population();
        Instant end = days(30);
        Duration window = Duration.ofDays(60);

        // when
        KpiFigure figure = data.engine(KpiSettings.builder().loyaltyWindow(window).build())
                .compute(Kpi.LOYAL_CUSTOMER_SHARE, KpiRequest.over(daysRange(0, 30))).total();

        // then
        long buyers = 0;
        long loyal = 0;
        for (Person p : people) {
            if (!p.created().isBefore(end)) {
                continue;
            }
            long inWindow = p.purchases().stream().filter(t -> !t.isBefore(end.minus(window)) && t.isBefore(end))
                    .count();
            buyers += inWindow > 0 ? 1 : 0;
            loyal += inWindow >= 2 ? 1 : 0;
        }
        Expected.figure(figure, loyal, buyers);
        assertThat(loyal).isPositive();
    }

    @Nested
    @DisplayName("lifetime value")
    class LifetimeValue {

        @Test
        @DisplayName("historic: revenue - cost to serve - acquisition cost, per customer")
        void historic() {
            // given
            CustomerId a = data.customer(b -> b.acquisitionCost(Money.of("25", "EUR")));
            data.purchase(a, days(1), "100.50", "EUR");
            data.purchase(a, days(2), "40", "EUR");
            data.newCase(a, days(3)).save();
            data.handled(a, days(3), Handler.HUMAN, HandleTime.talk(Duration.ofMinutes(30)));
            CustomerId b = data.customer();
            data.purchase(b, days(4), "60", "EUR");
            data.purchase(b, days(50), "999", "EUR");           // after the period's end
            CustomerId dollars = data.customer();
            data.purchase(dollars, days(1), "10", "USD");
            CustomerId missing = data.customer();
            data.purchase(missing, days(1), null, null);
            CustomerId foreignCost = data.customer(c -> c.acquisitionCost(Money.of("5", "GBP")));
            data.customer(c -> c.status(CustomerStatus.PROSPECT));
            CostToServe cost = new CostToServe(new BigDecimal("2"), new BigDecimal("30"));

            // when
            KpiFigure figure = data.engine(KpiSettings.builder().costToServe(cost).build())
                    .compute(Kpi.HISTORIC_LIFETIME_VALUE, KpiRequest.over(daysRange(0, 30)).in("EUR")).total();

            // then: a has two contacts (the case and the call) and half an hour of handle time
            double aValue = 100.50 + 40 - (2 * 2 + 30 * 0.5) - 25;
            double bValue = 60;
            Expected.figure(figure, aValue + bValue, 2);
            Expected.statistic(figure, "cost_to_serve", 2 * 2 + 30 * 0.5);
            assertThat(figure.excluded().count(ExclusionReason.OTHER_CURRENCY)).isEqualTo(2);
            assertThat(figure.excluded().count(ExclusionReason.MISSING_AMOUNT)).isEqualTo(1);
            assertThat(figure.excluded().count(ExclusionReason.PROSPECT)).isEqualTo(1);
            assertThat(foreignCost).isNotNull();
        }

        @Test
        @DisplayName("predictive: average order value x purchase frequency x 1 / churn")
        void predictive() {
            // given
            population();
            KpiRequest request = KpiRequest.over(daysRange(0, 30)).in("EUR");
            CustomerBaseRule rule = CustomerBaseRule.ACTIVITY;

            // when
            KpiFigure figure = data.engine(settings(rule)).compute(Kpi.PREDICTIVE_LIFETIME_VALUE, request).total();

            // then
            Instant start = days(0);
            Instant end = days(30);
            List<Instant> inPeriod = people.stream().flatMap(p -> p.purchases().stream())
                    .filter(t -> !t.isBefore(start) && t.isBefore(end)).toList();
            double revenue = 10.0 * inPeriod.size();
            double orders = inPeriod.size();
            long purchasers = people.stream().filter(p -> p.purchases().stream()
                    .anyMatch(t -> !t.isBefore(start) && t.isBefore(end))).count();
            long s = people.stream().filter(p -> p.isCustomerAt(start, rule)).count();
            long lost = people.stream().filter(p -> p.isCustomerAt(start, rule) && !p.isCustomerAt(end, rule))
                    .count();
            double expected = (revenue / orders) * (orders / purchasers) * (1.0 / ((double) lost / s));
            assertThat(figure.value().orElseThrow().doubleValue()).isCloseTo(expected,
                    org.assertj.core.api.Assertions.within(1e-9));
            Expected.statistic(figure, "average_order_value", revenue / orders);
            Expected.statistic(figure, "purchase_frequency", orders / purchasers);
            Expected.statistic(figure, "expected_lifespan_periods", (double) s / lost);
        }

        @Test
        @DisplayName("money KPIs need a currency")
        void needsCurrency() {
            assertThatThrownBy(() -> data.engine().compute(Kpi.HISTORIC_LIFETIME_VALUE,
                    KpiRequest.over(daysRange(0, 30))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("currency"));
        }
    }

    @Test
    @DisplayName("revenue after service: purchases within 30 days after one of the customer's cases was resolved")
    void revenueAfterService() {
        // given
        CustomerId served = data.customer();
        data.newCase(served, days(0)).resolve(days(2)).reopen(days(3)).resolve(days(40)).save();
        data.purchase(served, days(1), "7", "EUR");        // before any resolution
        data.purchase(served, days(2), "100", "EUR");      // at the first resolution
        data.purchase(served, days(33), "50", "EUR");      // 31 days after the first, before the second
        data.purchase(served, days(45), "20", "EUR");      // 5 days after the second
        data.purchase(served, days(46), "20", "USD");
        data.purchase(served, days(46), null, null);
        CustomerId other = data.customer();
        data.purchase(other, days(10), "30", "EUR");

        // when
        KpiFigure figure = data.engine().compute(Kpi.REVENUE_AFTER_SERVICE,
                KpiRequest.over(daysRange(0, 60)).in("EUR")).total();

        // then
        Expected.figure(figure, 100 + 20, 7 + 100 + 50 + 20 + 30);
        Expected.statistic(figure, "purchases_after_service", 2);
        assertThat(figure.excluded().count(ExclusionReason.OTHER_CURRENCY)).isEqualTo(1);
        assertThat(figure.excluded().count(ExclusionReason.MISSING_AMOUNT)).isEqualTo(1);
    }
}
