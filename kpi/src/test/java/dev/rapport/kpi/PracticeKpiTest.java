package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The KPIs the practice names: contacts per channel, the phone, churn with a reason, backlog by status")
class PracticeKpiTest {

    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();

    @Nested
    @DisplayName("Contacts per channel")
    class InboundContacts {

        @Test
        @DisplayName("counts the customers' inbound public interactions per channel, and leaves out the rest")
        void perChannel() {
            // given inbound contacts on email (one in a case) and phone, and what is not a contact
            Case c = data.newCase(customer, days(1)).channel(Channel.EMAIL).save();
            data.message(c, days(1));
            data.contact(customer, Channel.EMAIL, null, days(2));
            data.save(data.interaction(customer, days(2)).channel(Channel.PHONE).kind(InteractionKind.CALL));
            data.save(data.interaction(customer, days(3)).channel(Channel.PHONE).kind(InteractionKind.MISSED_CALL));
            data.save(data.interaction(customer, days(3)).channel(Channel.CHATBOT).handledBy(Handler.BOT));
            data.reply(c, null, days(2));                                                          // outbound
            data.save(data.interaction(customer, days(3)).kind(InteractionKind.NOTE)
                    .visibility(Visibility.INTERNAL));                                             // a note
            data.purchase(customer, days(3), "10", "EUR");                                         // a purchase
            data.save(data.interaction(customer, days(3)).kind(InteractionKind.FEEDBACK));         // a survey answer
            data.contact(customer, Channel.EMAIL, null, days(12));                                 // after the period

            // when
            KpiResult result = data.engine().compute(Kpi.INBOUND_CONTACTS,
                    KpiRequest.over(daysRange(0, 10)).by(Dimension.CHANNEL));

            // then
            Expected.figure(result.total(), 5, 1);
            Expected.figure(result.group("email").orElseThrow(), 2, 1);
            Expected.figure(result.group("phone").orElseThrow(), 2, 1);
            Expected.figure(result.group("chatbot").orElseThrow(), 1, 1);
            assertThat(result.total().excluded().total()).isZero();
        }
    }

    @Nested
    @DisplayName("The phone")
    class Phone {

        @Test
        @DisplayName("missed-call and abandonment rates divide by every inbound call offered, answered or not")
        void missedAndAbandoned() {
            // given 3 answered calls, 2 missed calls of which 1 abandoned, and an outbound call-back nobody took
            for (int i = 0; i < 3; i++) {
                call(InteractionKind.CALL, Direction.INBOUND, Duration.ofSeconds(10), false);
            }
            call(InteractionKind.MISSED_CALL, Direction.INBOUND, Duration.ofSeconds(40), true);
            call(InteractionKind.MISSED_CALL, Direction.INBOUND, null, false);
            call(InteractionKind.MISSED_CALL, Direction.OUTBOUND, null, false);

            // when
            KpiRequest request = KpiRequest.over(daysRange(0, 10));
            KpiFigure missed = data.engine().compute(Kpi.MISSED_CALL_RATE, request).total();
            KpiFigure abandoned = data.engine().compute(Kpi.ABANDONMENT_RATE, request).total();

            // then
            Expected.figure(missed, 2, 5);
            Expected.figure(abandoned, 1, 5);
            Expected.statistic(missed, "offered", 5);
            Expected.statistic(missed, "answered", 3);
            Expected.statistic(missed, "missed", 2);
            Expected.statistic(abandoned, "abandoned", 1);
        }

        @Test
        @DisplayName("speed of answer averages the waits of answered calls, with percentiles, and counts those without")
        void speedOfAnswer() {
            // given answered calls that waited 10, 20, 30 and 100 s, one without a wait, and a missed call's wait
            for (long seconds : new long[] {10, 20, 30, 100}) {
                call(InteractionKind.CALL, Direction.INBOUND, Duration.ofSeconds(seconds), false);
            }
            call(InteractionKind.CALL, Direction.INBOUND, null, false);
            call(InteractionKind.MISSED_CALL, Direction.INBOUND, Duration.ofSeconds(500), true);

            // when
            KpiFigure figure = data.engine().compute(Kpi.AVERAGE_SPEED_OF_ANSWER, KpiRequest.over(daysRange(0, 10)))
                    .total();

            // then
            List<Double> waits = List.of(10.0, 20.0, 30.0, 100.0);
            Expected.figure(figure, Expected.sum(waits), 4);
            assertThat(figure.value().orElseThrow()).isEqualByComparingTo("40");
            Expected.statistic(figure, "median_seconds", Expected.percentile(waits, 0.5));
            Expected.statistic(figure, "p90_seconds", Expected.percentile(waits, 0.9));
            assertThat(figure.excluded().count(ExclusionReason.MISSING_WAIT_TIME)).isEqualTo(1);
        }

        private void call(InteractionKind kind, Direction direction, Duration wait, boolean abandoned) {
            data.save(data.interaction(customer, days(2)).channel(Channel.PHONE).kind(kind).direction(direction)
                    .waitTime(wait).abandoned(abandoned));
        }
    }

    @Nested
    @DisplayName("Churn with a reason")
    class ChurnByReason {

        @Test
        @DisplayName("divides the customers lost with each reason by every customer at the start, adding up to churn")
        void byReason() {
            // given 6 customers at the start (created in the activity window, the shared one included), of whom 4 are
            // lost by the end: two churned with reasons, two who simply stopped counting; and one prospect
            person(-20, CustomerStatus.CHURNED, "price");
            person(-20, CustomerStatus.CHURNED, "service");
            person(-25, CustomerStatus.ACTIVE, null);
            CustomerId stays = person(-5, CustomerStatus.ACTIVE, null);
            person(-5, CustomerStatus.CHURNED, "price");      // churned, but still within the window at the end
            person(-5, CustomerStatus.PROSPECT, null);
            data.purchase(stays, days(5), "10", "EUR");
            KpiEngine engine = data.engine(KpiSettings.builder().activityWindow(Duration.ofDays(30))
                    .customerBaseRule(CustomerBaseRule.ACTIVITY).build());

            // when: churn over days 0 to 20 (the window drops those created before day -10)
            KpiResult result = engine.compute(Kpi.CHURN_RATE, KpiRequest.over(daysRange(0, 20))
                    .by(Dimension.CHURN_REASON));

            // then
            Expected.figure(result.total(), 4, 6);
            Expected.figure(result.group("price").orElseThrow(), 1, 6);
            Expected.figure(result.group("service").orElseThrow(), 1, 6);
            Expected.figure(result.group(GroupKey.NONE_LABEL).orElseThrow(), 2, 6);
            Expected.statistic(result.group("price").orElseThrow(), "customers_at_start_of_all_groups", 6);
            assertThat(result.groups().stream().map(KpiFigure::numerator).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(result.total().numerator());
            assertThat(result.parameters()).containsKey("by_churn_reason");
        }

        private CustomerId person(int createdDay, CustomerStatus status, String reason) {
            return data.customer(b -> b.createdAt(days(createdDay)).updatedAt(days(createdDay)).status(status)
                    .churnReason(reason));
        }
    }

    @Nested
    @DisplayName("Backlog by status")
    class BacklogByStatus {

        @Test
        @DisplayName("groups the unresolved cases by the status they had at the end of the period, not now")
        void byStatusAtTheMoment() {
            // given cases new, open, pending and on hold at day 10, one resolved, and one pending only later
            data.newCase(customer, days(1)).save();
            data.newCase(customer, days(1)).move(CaseStatus.OPEN, days(2)).save();
            data.newCase(customer, days(1)).move(CaseStatus.OPEN, days(2)).save();
            data.newCase(customer, days(1)).move(CaseStatus.PENDING_CUSTOMER, days(3)).save();
            data.newCase(customer, days(1)).move(CaseStatus.ON_HOLD, days(3)).save();
            data.newCase(customer, days(1)).resolve(days(4)).save();
            data.newCase(customer, days(1)).move(CaseStatus.OPEN, days(2))
                    .move(CaseStatus.PENDING_CUSTOMER, days(12)).save();             // pending now, open at day 10

            // when
            KpiResult result = data.engine().compute(Kpi.BACKLOG,
                    KpiRequest.over(daysRange(0, 10)).by(Dimension.CASE_STATUS));

            // then
            Expected.figure(result.total(), 6, 1);
            Expected.figure(result.group("NEW").orElseThrow(), 1, 1);
            Expected.figure(result.group("OPEN").orElseThrow(), 3, 1);
            Expected.figure(result.group("PENDING_CUSTOMER").orElseThrow(), 1, 1);
            Expected.figure(result.group("ON_HOLD").orElseThrow(), 1, 1);
            assertThat(result.group("RESOLVED")).isEmpty();
            Expected.statistic(result.group("OPEN").orElseThrow(), "age_max_seconds",
                    Duration.ofDays(9).toSeconds());
        }

        @Test
        @DisplayName("counts a case with an inconsistent history as excluded in the group without status")
        void inconsistent() {
            // given a case whose last move does not end in its status
            data.newCase(customer, days(1)).move(CaseStatus.OPEN, days(2)).raw(b -> b.status(CaseStatus.ON_HOLD))
                    .save();

            // when
            KpiResult result = data.engine().compute(Kpi.BACKLOG,
                    KpiRequest.over(daysRange(0, 10)).by(Dimension.CASE_STATUS));

            // then
            assertThat(result.group(GroupKey.NONE_LABEL).orElseThrow().excluded().count(ExclusionReason.INCONSISTENT_HISTORY))
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the churn-reason and case-status breakdowns belong to churn and backlog only")
    void breakdownsOfOneKpi() {
        // given
        KpiEngine engine = data.engine();

        // when / then
        assertThat(engine.dimensions(Kpi.CHURN_RATE)).contains(Dimension.CHURN_REASON)
                .doesNotContain(Dimension.CASE_STATUS);
        assertThat(engine.dimensions(Kpi.BACKLOG)).contains(Dimension.CASE_STATUS)
                .doesNotContain(Dimension.CHURN_REASON);
        assertThat(engine.dimensions(Kpi.INBOUND_CONTACTS)).contains(Dimension.CHANNEL)
                .doesNotContain(Dimension.CHURN_REASON, Dimension.CASE_STATUS);
        assertThatThrownBy(() -> engine.compute(Kpi.CSAT, KpiRequest.over(daysRange(0, 1))
                .by(Dimension.CHURN_REASON)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("breakdown.dimension")));
        assertThatThrownBy(() -> engine.compute(Kpi.RETENTION_RATE, KpiRequest.over(daysRange(0, 1))
                .by(Dimension.CASE_STATUS)))
                .isInstanceOf(ValidationException.class);
    }
}
