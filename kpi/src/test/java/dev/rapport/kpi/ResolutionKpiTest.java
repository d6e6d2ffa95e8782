package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.FcrDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Resolution times, first-contact resolution and reopen rate")
class ResolutionKpiTest {

    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();
    private final AgentId agent = data.agent(null);
    private final KpiRequest firstWeek = KpiRequest.over(daysRange(0, 7));

    @Nested
    @DisplayName("resolution time")
    class ResolutionTime {

        @Test
        @DisplayName("first resolution is not restarted by a reopen; full resolution runs to the last resolve")
        void firstAndFull() {
            // given
            data.newCase(customer, hours(0)).resolve(hours(4)).reopen(hours(10)).resolve(hours(30)).save();
            data.newCase(customer, hours(2)).resolve(hours(3)).save();

            // when
            KpiFigure first = data.engine().compute(Kpi.FIRST_RESOLUTION_TIME, firstWeek).total();
            KpiFigure full = data.engine().compute(Kpi.FULL_RESOLUTION_TIME, firstWeek).total();

            // then
            Expected.figure(first, Duration.ofHours(4 + 1).toSeconds(), 2);
            Expected.figure(full, Duration.ofHours(30 + 1).toSeconds(), 2);
            Expected.statistic(full, "median_seconds", Expected.percentile(List.of(30 * 3600.0, 3600.0), 0.5));
        }

        @Test
        @DisplayName("a reopened case not resolved again has a first but no full resolution")
        void reopenedAndOpen() {
            // given
            data.newCase(customer, hours(0)).resolve(hours(4)).reopen(hours(10)).save();

            // when
            KpiFigure first = data.engine().compute(Kpi.FIRST_RESOLUTION_TIME, firstWeek).total();
            KpiFigure full = data.engine().compute(Kpi.FULL_RESOLUTION_TIME, firstWeek).total();

            // then
            Expected.figure(first, 4 * 3600, 1);
            Expected.figure(full, 0, 0);
            assertThat(full.excluded().count(ExclusionReason.UNRESOLVED)).isEqualTo(1);
        }

        @Test
        @DisplayName("time waiting on the customer can be paused")
        void paused() {
            // given: open 2h, waiting on the customer 5h, open again 1h, resolved
            data.newCase(customer, hours(0)).move(CaseStatus.OPEN, hours(0))
                    .move(CaseStatus.PENDING_CUSTOMER, hours(2)).move(CaseStatus.OPEN, hours(7))
                    .resolve(hours(8)).save();
            KpiSettings paused = KpiSettings.builder()
                    .resolutionPausedStatuses(Set.of(CaseStatus.PENDING_CUSTOMER)).build();

            // when
            KpiResult result = data.engine(paused).compute(Kpi.FULL_RESOLUTION_TIME, firstWeek);
            KpiFigure unpaused = data.engine().compute(Kpi.FULL_RESOLUTION_TIME, firstWeek).total();

            // then
            Expected.figure(result.total(), Duration.ofHours(8 - 5).toSeconds(), 1);
            Expected.figure(unpaused, Duration.ofHours(8).toSeconds(), 1);
            assertThat(result.parameters()).containsEntry("paused_statuses", "PENDING_CUSTOMER");
        }

        @Test
        @DisplayName("every kind of inconsistent resolution data is left out under its own reason")
        void inconsistentData() {
            // given
            data.newCase(customer, hours(10)).raw(b -> b.status(CaseStatus.RESOLVED).firstResolvedAt(hours(5))
                    .resolvedAt(hours(5))).save();
            data.newCase(customer, hours(0)).raw(b -> b.status(CaseStatus.RESOLVED).firstResolvedAt(hours(5))
                    .resolvedAt(hours(3))).save();
            data.newCase(customer, hours(0)).raw(b -> b.status(CaseStatus.CLOSED)).save();
            data.newCase(customer, hours(0)).raw(b -> b.reopenCount(1)).save();
            data.newCase(customer, hours(0)).resolve(hours(1)).save();
            data.newCase(customer, hours(0)).save();

            // when
            KpiFigure first = data.engine().compute(Kpi.FIRST_RESOLUTION_TIME, firstWeek).total();

            // then
            Expected.figure(first, 3600, 1);
            assertThat(first.excluded().counts()).containsOnly(
                    java.util.Map.entry(ExclusionReason.RESOLVED_BEFORE_CREATED, 1L),
                    java.util.Map.entry(ExclusionReason.RESOLUTIONS_OUT_OF_ORDER, 1L),
                    java.util.Map.entry(ExclusionReason.MISSING_RESOLUTION_TIME, 1L),
                    java.util.Map.entry(ExclusionReason.REOPENED_WITHOUT_RESOLUTION, 1L),
                    java.util.Map.entry(ExclusionReason.UNRESOLVED, 1L));
            assertThat(first.excluded().dataQualityTotal()).isEqualTo(4);
        }

        @Test
        @DisplayName("with paused states, a case whose status history contradicts itself is left out")
        void inconsistentHistoryWhenPausing() {
            // given: history ends in OPEN but the case says RESOLVED
            data.newCase(customer, hours(0)).move(CaseStatus.OPEN, hours(1))
                    .raw(b -> b.status(CaseStatus.RESOLVED).firstResolvedAt(hours(2)).resolvedAt(hours(2))).save();
            KpiSettings paused = KpiSettings.builder()
                    .resolutionPausedStatuses(Set.of(CaseStatus.ON_HOLD)).build();

            // when
            KpiFigure figure = data.engine(paused).compute(Kpi.FIRST_RESOLUTION_TIME, firstWeek).total();

            // then
            Expected.figure(figure, 0, 0);
            assertThat(figure.excluded().count(ExclusionReason.INCONSISTENT_HISTORY)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("first-contact resolution")
    class FirstContactResolution {

        private Case resolvedWithReplies(int replies, int customerMessages) {
            Case c = data.newCase(customer, hours(0)).resolve(hours(20)).save();
            for (int i = 0; i < customerMessages; i++) {
                data.message(c, hours(1 + i));
            }
            for (int i = 0; i < replies; i++) {
                data.reply(c, agent, hours(10 + i));
            }
            return c;
        }

        @Test
        @DisplayName("by default: resolved with exactly one human public reply and never reopened, over resolved cases")
        void defaultDefinition() {
            // given
            Case one = resolvedWithReplies(1, 1);
            data.machineReply(one, Handler.AUTOMATIC, hours(0));      // an acknowledgement does not count
            data.note(one, agent, hours(2));                          // nor does a note
            resolvedWithReplies(2, 1);
            resolvedWithReplies(0, 1);
            Case reopened = data.newCase(customer, hours(0)).resolve(hours(5)).reopen(hours(6)).resolve(hours(7))
                    .save();
            data.reply(reopened, agent, hours(4));
            data.newCase(customer, hours(0)).save();                 // unresolved

            // when
            KpiFigure fcr = data.engine().compute(Kpi.FIRST_CONTACT_RESOLUTION, firstWeek).total();

            // then
            Expected.figure(fcr, 1, 4);
            assertThat(fcr.excluded().count(ExclusionReason.UNRESOLVED)).isEqualTo(1);
        }

        @Test
        @DisplayName("other vendor definitions are selectable")
        void otherDefinitions() {
            // given
            resolvedWithReplies(1, 1);
            resolvedWithReplies(0, 1);
            resolvedWithReplies(1, 2);
            resolvedWithReplies(2, 1);

            // when
            KpiFigure atMostOne = data.engine(KpiSettings.builder()
                    .fcrDefinition(FcrDefinition.AT_MOST_ONE_AGENT_REPLY).build())
                    .compute(Kpi.FIRST_CONTACT_RESOLUTION, firstWeek).total();
            KpiFigure oneContact = data.engine(KpiSettings.builder()
                    .fcrDefinition(FcrDefinition.ONE_CUSTOMER_CONTACT).build())
                    .compute(Kpi.FIRST_CONTACT_RESOLUTION, firstWeek).total();

            // then
            Expected.figure(atMostOne, 3, 4);
            Expected.figure(oneContact, 3, 4);
        }

        @Test
        @DisplayName("'no repeat contact' looks for a new contact on the same category within the window")
        void noRepeatContact() {
            // given
            KpiFixtures late = new KpiFixtures(days(60));
            CustomerId a = late.customer();
            CustomerId b = late.customer();
            late.newCase(a, days(0)).category("billing").resolve(days(1)).save();
            late.newCase(a, days(3)).category("billing").resolve(days(3).plusSeconds(60)).save();
            late.newCase(b, days(0)).category("billing").resolve(days(1)).save();
            late.contact(b, Channel.PHONE, "delivery", days(2));          // other category: not a repeat
            late.newCase(b, days(45)).category("billing").resolve(days(56)).save(); // window still open at day 60
            KpiSettings settings = KpiSettings.builder().fcrDefinition(FcrDefinition.NO_REPEAT_CONTACT).build();

            // when
            KpiFigure fcr = late.engine(settings)
                    .compute(Kpi.FIRST_CONTACT_RESOLUTION, KpiRequest.over(daysRange(0, 50))).total();

            // then: a's first case was followed by a repeat on day 3; a's second and b's first were not
            Expected.figure(fcr, 2, 3);
            assertThat(fcr.excluded().count(ExclusionReason.WINDOW_OPEN)).isEqualTo(1);
        }

        @Test
        @DisplayName("a case answered before it was created is left out as inconsistent")
        void backdated() {
            // given
            Case c = data.newCase(customer, hours(5)).resolve(hours(8)).save();
            data.reply(c, agent, hours(4));

            // when
            KpiFigure fcr = data.engine().compute(Kpi.FIRST_CONTACT_RESOLUTION, firstWeek).total();

            // then
            Expected.figure(fcr, 0, 0);
            assertThat(fcr.excluded().count(ExclusionReason.REPLIED_BEFORE_CREATED)).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("reopen rate")
    class ReopenRate {

        @Test
        @DisplayName("is reopened over resolved cases")
        void reopenRate() {
            // given
            data.newCase(customer, hours(0)).resolve(hours(1)).reopen(hours(2)).save();
            data.newCase(customer, hours(0)).resolve(hours(1)).reopen(hours(2)).resolve(hours(3)).save();
            data.newCase(customer, hours(0)).resolve(hours(1)).move(CaseStatus.CLOSED, hours(9)).save();
            data.newCase(customer, hours(0)).resolve(hours(1)).save();
            data.newCase(customer, hours(0)).save();
            data.newCase(customer, hours(0)).raw(b -> b.reopenCount(2)).save();

            // when
            KpiFigure reopen = data.engine().compute(Kpi.REOPEN_RATE, firstWeek).total();

            // then
            Expected.figure(reopen, 2, 4);
            assertThat(reopen.excluded().count(ExclusionReason.UNRESOLVED)).isEqualTo(1);
            assertThat(reopen.excluded().count(ExclusionReason.REOPENED_WITHOUT_RESOLUTION)).isEqualTo(1);
        }
    }
}
