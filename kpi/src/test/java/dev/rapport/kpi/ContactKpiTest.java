package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Contact KPIs")
class ContactKpiTest {

    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();

    @Nested
    @DisplayName("repeat-contact rate")
    class RepeatContactRate {

        /** Counts repeats the way the definition says: windows open at a first contact and run forward. */
        private long repeats(List<Instant> contactTimes, Duration window) {
            long repeats = 0;
            Instant windowStart = null;
            for (Instant t : contactTimes) {
                if (windowStart != null && t.isBefore(windowStart.plus(window))) {
                    repeats++;
                } else {
                    windowStart = t;
                }
            }
            return repeats;
        }

        @Test
        @DisplayName("counts contacts on the same category within 7 days of a first contact, windows counted forward")
        void forwardWindows() {
            // given billing contacts on days 0, 3, 6.9, 8 and 10 (cases and contacts outside cases) and one other topic
            List<Instant> billing = List.of(days(0), days(3), days(6).plus(Duration.ofHours(22)), days(8), days(10));
            data.newCase(customer, billing.get(0)).category("billing").save();
            data.contact(customer, Channel.PHONE, "billing", billing.get(1));
            data.newCase(customer, billing.get(2)).category("billing").save();
            data.contact(customer, Channel.CHAT, "billing", billing.get(3));
            data.newCase(customer, billing.get(4)).category("billing").save();
            data.newCase(customer, days(1)).category("delivery").save();

            // when
            KpiFigure figure = data.engine().compute(Kpi.REPEAT_CONTACT_RATE, KpiRequest.over(daysRange(0, 30)))
                    .total();

            // then: days 3 and 6.9 repeat day 0; day 8 is past its 7 days and opens a new window; day 10 repeats it
            long expectedRepeats = repeats(billing, Duration.ofDays(7));
            Expected.figure(figure, expectedRepeats, billing.size() + 1);
            assertThat(expectedRepeats).isEqualTo(3);
        }

        @Test
        @DisplayName("a contact early in the period can repeat one made before the period")
        void windowFromBeforeThePeriod() {
            // given
            data.newCase(customer, days(0)).category("billing").save();
            data.newCase(customer, days(2)).category("billing").save();
            data.newCase(customer, days(9)).category("billing").save();

            // when
            KpiFigure figure = data.engine().compute(Kpi.REPEAT_CONTACT_RATE, KpiRequest.over(daysRange(1, 30)))
                    .total();

            // then: day 2 repeats day 0; day 9 opens a new window
            Expected.figure(figure, 1, 2);
        }

        @Test
        @DisplayName("messages inside a case are not separate contacts, and uncategorised contacts are left out")
        void contactsAreCasesOrCaselessInteractions() {
            // given
            Case c = data.newCase(customer, days(0)).category("billing").save();
            data.message(c, days(0));
            data.message(c, days(1));
            data.save(data.interaction(customer, days(2)).direction(Direction.OUTBOUND).reason("billing"));
            data.newCase(customer, days(1)).save();
            data.contact(customer, Channel.PHONE, null, days(1));

            // when
            KpiFigure figure = data.engine().compute(Kpi.REPEAT_CONTACT_RATE, KpiRequest.over(daysRange(0, 30)))
                    .total();

            // then
            Expected.figure(figure, 0, 1);
            assertThat(figure.excluded().count(ExclusionReason.UNCATEGORISED)).isEqualTo(2);
            assertThat(figure.excluded().dataQualityTotal()).isZero();
        }

        @Test
        @DisplayName("the window is a setting")
        void windowSetting() {
            // given
            data.newCase(customer, days(0)).category("billing").save();
            data.newCase(customer, days(2)).category("billing").save();

            // when
            KpiFigure oneDay = data.engine(KpiSettings.builder().repeatContactWindow(Duration.ofDays(1)).build())
                    .compute(Kpi.REPEAT_CONTACT_RATE, KpiRequest.over(daysRange(0, 30))).total();

            // then
            Expected.figure(oneDay, 0, 2);
        }
    }

    @Nested
    @DisplayName("containment rate")
    class ContainmentRate {

        @Test
        @DisplayName("self-service and bot contacts without a human contact within 24 hours, over all of them")
        void containment() {
            // given
            CustomerId helped = data.customer();
            CustomerId escalated = data.customer();
            CustomerId lateEscalation = data.customer();
            data.contact(helped, Channel.SELF_SERVICE, "password", hours(1));
            data.contact(helped, Channel.CHATBOT, "password", hours(2));
            data.save(data.interaction(helped, hours(3)).channel(Channel.CHATBOT).direction(Direction.OUTBOUND)
                    .handledBy(Handler.BOT));
            data.contact(escalated, Channel.IVR, "billing", hours(1));
            data.contact(escalated, Channel.PHONE, "billing", hours(5));
            data.save(data.interaction(lateEscalation, hours(1)).channel(Channel.WHATSAPP).handledBy(Handler.BOT));
            data.contact(lateEscalation, Channel.EMAIL, "billing", hours(1 + 24));

            // when
            KpiFigure figure = data.engine().compute(Kpi.CONTAINMENT_RATE, KpiRequest.over(daysRange(0, 7)))
                    .total();

            // then: helped (2 contacts) and the bot on WhatsApp (human contact only after 24 h) were contained
            Expected.figure(figure, 3, 4);
        }

        @Test
        @DisplayName("a contact whose window has not ended yet is left out")
        void windowOpen() {
            // given
            KpiFixtures recent = new KpiFixtures(hours(10));
            recent.contact(recent.customer(), Channel.CHATBOT, "password", hours(1));

            // when
            KpiFigure figure = recent.engine().compute(Kpi.CONTAINMENT_RATE, KpiRequest.over(daysRange(0, 1)))
                    .total();

            // then
            Expected.figure(figure, 0, 0);
            assertThat(figure.excluded().count(ExclusionReason.WINDOW_OPEN)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("average handle time")
    class AverageHandleTime {

        @Test
        @DisplayName("is (talk + hold + after-contact work) over contacts handled")
        void averageHandleTime() {
            // given
            List<HandleTime> times = List.of(
                    new HandleTime(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2)),
                    new HandleTime(Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(30)),
                    HandleTime.talk(Duration.ofSeconds(90)));
            for (HandleTime time : times) {
                data.handled(customer, hours(1), Handler.HUMAN, time);
            }
            data.handled(customer, hours(1), Handler.BOT, HandleTime.talk(Duration.ofMinutes(3)));
            data.handled(customer, hours(1), Handler.HUMAN,
                    new HandleTime(Duration.ofMinutes(3), Duration.ofMinutes(-1), Duration.ZERO));
            data.contact(customer, Channel.EMAIL, "billing", hours(1));

            // when
            KpiFigure figure = data.engine().compute(Kpi.AVERAGE_HANDLE_TIME, KpiRequest.over(daysRange(0, 1)))
                    .total();

            // then
            List<Double> totals = new ArrayList<>();
            times.forEach(t -> totals.add(t.total().toNanos() / 1e9));
            Expected.figure(figure, Expected.sum(totals), times.size());
            Expected.statistic(figure, "hold_seconds", 60);
            assertThat(figure.excluded().count(ExclusionReason.AUTOMATED_HANDLING)).isEqualTo(1);
            assertThat(figure.excluded().count(ExclusionReason.NEGATIVE_HANDLE_TIME)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("compliments")
    class Compliments {

        @Test
        @DisplayName("are counted per agent: the interaction's agent, else its case's assignee")
        void perAgent() {
            // given
            AgentId alice = data.agent(null);
            Case aliceCase = data.newCase(customer, hours(0)).assignee(alice).save();
            data.save(data.interaction(customer, hours(1)).kind(InteractionKind.COMPLIMENT).agentId(alice));
            data.save(data.interaction(customer, hours(2)).kind(InteractionKind.COMPLIMENT).caseId(aliceCase.id()));
            data.save(data.interaction(customer, hours(3)).kind(InteractionKind.COMPLIMENT));
            data.save(data.interaction(customer, hours(3)).kind(InteractionKind.COMPLAINT).agentId(alice));

            // when
            KpiResult result = data.engine().compute(Kpi.COMPLIMENTS,
                    KpiRequest.over(daysRange(0, 1)).by(Dimension.AGENT));

            // then
            Expected.figure(result.total(), 3, 1);
            Expected.figure(result.group(alice.toString()).orElseThrow(), 2, 1);
            Expected.figure(result.group(GroupKey.NONE_LABEL).orElseThrow(), 1, 1);
        }
    }
}
