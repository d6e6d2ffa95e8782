package dev.rapport.sla;

import static dev.rapport.sla.SlaFixtures.LONDON;
import static dev.rapport.sla.SlaFixtures.customerMessage;
import static dev.rapport.sla.SlaFixtures.humanReply;
import static dev.rapport.sla.SlaFixtures.london;
import static dev.rapport.sla.SlaFixtures.newCase;
import static dev.rapport.sla.SlaFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.interaction.Handler;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The SLA calculator")
class SlaCalculatorTest {

    static BusinessCalendar officeHours() {
        return BusinessCalendar.builder(LONDON).weekdays(TimeWindow.of("09:00", "17:00")).build();
    }

    static SlaCalculator calculator(SlaPolicy policy) {
        return new SlaCalculator(policy, BusinessCalendars.of("office", officeHours()));
    }

    static SlaPolicy onlyTarget(SlaTarget target, SlaTargetSpec spec) {
        return SlaPolicy.builder().rule(SlaRule.builder().target(target, spec).build()).build();
    }

    @Nested
    @DisplayName("for the first reply")
    class FirstReply {

        SlaCalculator calculator = calculator(onlyTarget(SlaTarget.FIRST_REPLY,
                SlaTargetSpec.businessTime(Duration.ofHours(2), "office")));

        @Test
        @DisplayName("counts business hours only, so a late-afternoon case is due the next morning")
        void countsBusinessHours() {
            // given a case opened on Monday at 16:00
            Case supportCase = newCase(london("2025-03-03T16:00"));

            // when
            SlaClock clock = calculator.compute(supportCase, List.of(), Optional.empty(), london("2025-03-04T09:30"))
                    .clock(SlaTarget.FIRST_REPLY).orElseThrow();

            // then
            assertThat(clock.dueAt()).contains(london("2025-03-04T10:00"));
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(90));
            assertThat(clock.remaining()).isEqualTo(Duration.ofMinutes(30));
            assertThat(clock.outcome()).isEqualTo(SlaOutcome.IN_PROGRESS);
            assertThat(clock.paused()).isFalse();
        }

        @Test
        @DisplayName("is not satisfied by bot or automatic replies, and is breached by a late human reply")
        void ignoresBotsAndAutoReplies() {
            // given
            Case supportCase = newCase(london("2025-03-03T16:00"));
            var interactions = List.of(
                    reply(supportCase, london("2025-03-03T16:00:05"), Handler.AUTOMATIC),
                    reply(supportCase, london("2025-03-03T16:10"), Handler.BOT),
                    humanReply(supportCase, london("2025-03-04T11:00")));

            // when
            SlaClock beforeHuman = calculator.compute(supportCase, interactions, Optional.empty(),
                    london("2025-03-03T16:30")).clock(SlaTarget.FIRST_REPLY).orElseThrow();
            SlaClock after = calculator.compute(supportCase, interactions, Optional.empty(),
                    london("2025-03-04T12:00")).clock(SlaTarget.FIRST_REPLY).orElseThrow();

            // then
            assertThat(beforeHuman.outcome()).isEqualTo(SlaOutcome.IN_PROGRESS);
            assertThat(after.outcome()).isEqualTo(SlaOutcome.BREACHED);
            assertThat(after.stoppedAt()).contains(london("2025-03-04T11:00"));
            assertThat(after.elapsed()).isEqualTo(Duration.ofHours(3));
        }

        @Test
        @DisplayName("is achieved by a human reply before the due time and then stops counting")
        void achieved() {
            // given
            Case supportCase = newCase(london("2025-03-03T10:00"));
            var interactions = List.of(humanReply(supportCase, london("2025-03-03T11:00")));

            // when
            SlaClock clock = calculator.compute(supportCase, interactions, Optional.empty(),
                    london("2025-03-05T10:00")).clock(SlaTarget.FIRST_REPLY).orElseThrow();

            // then
            assertThat(clock.outcome()).isEqualTo(SlaOutcome.ACHIEVED);
            assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
            assertThat(clock.dueAt()).contains(london("2025-03-03T12:00"));
            assertThat(clock.paused()).isFalse();
        }

        @Test
        @DisplayName("moves its due time when the calendar it names changes")
        void followsCalendarChanges() {
            // given
            BusinessCalendars calendars = BusinessCalendars.of("office", officeHours());
            SlaCalculator calc = new SlaCalculator(onlyTarget(SlaTarget.FIRST_REPLY,
                    SlaTargetSpec.businessTime(Duration.ofHours(2), "office")), calendars);
            Case supportCase = newCase(london("2025-03-03T16:00"));
            var before = calc.compute(supportCase, List.of(), Optional.empty(), london("2025-03-03T16:30"));

            // when Tuesday becomes a holiday
            calendars.put("office", BusinessCalendar.builder(LONDON).weekdays(TimeWindow.of("09:00", "17:00"))
                    .holiday(LocalDate.of(2025, 3, 4)).build());
            var after = calc.compute(supportCase, List.of(), Optional.empty(), london("2025-03-03T16:30"));

            // then
            assertThat(before.clock(SlaTarget.FIRST_REPLY).orElseThrow().dueAt()).contains(london("2025-03-04T10:00"));
            assertThat(after.clock(SlaTarget.FIRST_REPLY).orElseThrow().dueAt()).contains(london("2025-03-05T10:00"));
        }
    }

    @Nested
    @DisplayName("when the case waits")
    class Pausing {

        @Test
        @DisplayName("pauses while pending the customer and shifts the due time by the pause")
        void pausesWhilePending() {
            // given a four-hour calendar-time resolution target; pending from 11:00 to 13:00
            SlaCalculator calculator = calculator(onlyTarget(SlaTarget.FULL_RESOLUTION,
                    SlaTargetSpec.calendarTime(Duration.ofHours(4))));
            Case supportCase = newCase(london("2025-03-03T10:00"));
            Case pending = supportCase.moveTo(CaseStatus.PENDING_CUSTOMER, london("2025-03-03T11:00"));
            Case reopened = pending.moveTo(CaseStatus.OPEN, london("2025-03-03T13:00"));

            // when
            SlaClock whilePending = calculator.compute(pending, List.of(), Optional.empty(), london("2025-03-03T12:00"))
                    .clock(SlaTarget.FULL_RESOLUTION).orElseThrow();
            SlaClock afterwards = calculator.compute(reopened, List.of(), Optional.empty(), london("2025-03-03T15:00"))
                    .clock(SlaTarget.FULL_RESOLUTION).orElseThrow();

            // then
            assertThat(whilePending.paused()).isTrue();
            assertThat(whilePending.dueAt()).isEmpty();
            assertThat(whilePending.elapsed()).isEqualTo(Duration.ofHours(1));
            assertThat(afterwards.paused()).isFalse();
            assertThat(afterwards.elapsed()).isEqualTo(Duration.ofHours(3));
            assertThat(afterwards.dueAt()).contains(london("2025-03-03T16:00"));
        }

        @Test
        @DisplayName("keeps counting on hold when the target is configured not to pause")
        void noPauseWhenNotConfigured() {
            // given
            SlaCalculator calculator = calculator(onlyTarget(SlaTarget.FULL_RESOLUTION,
                    SlaTargetSpec.calendarTime(Duration.ofHours(4)).withPausedWhile()));
            Case onHold = newCase(london("2025-03-03T10:00")).moveTo(CaseStatus.ON_HOLD, london("2025-03-03T11:00"));

            // when
            SlaClock clock = calculator.compute(onHold, List.of(), Optional.empty(), london("2025-03-03T15:00"))
                    .clock(SlaTarget.FULL_RESOLUTION).orElseThrow();

            // then
            assertThat(clock.outcome()).isEqualTo(SlaOutcome.BREACHED);
            assertThat(clock.dueAt()).contains(london("2025-03-03T14:00"));
        }

        @Test
        @DisplayName("rejects a pause in a state that cannot pause")
        void rejectsBadPauseState() {
            assertThatThrownBy(() -> SlaTargetSpec.calendarTime(Duration.ofHours(1)).withPausedWhile(CaseStatus.OPEN))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("pausedWhile"));
        }
    }

    @Nested
    @DisplayName("for resolution")
    class Resolution {

        SlaCalculator calculator = calculator(SlaPolicy.builder().rule(SlaRule.builder()
                .target(SlaTarget.FIRST_RESOLUTION, SlaTargetSpec.calendarTime(Duration.ofHours(8)))
                .target(SlaTarget.FULL_RESOLUTION, SlaTargetSpec.calendarTime(Duration.ofHours(8)))
                .build()).build());

        @Test
        @DisplayName("keeps the first resolution achieved after a reopen while the full resolution runs on")
        void reopenDoesNotRestartFirstResolution() {
            // given resolved at 11:00, reopened at 12:00
            Case supportCase = newCase(london("2025-03-03T10:00"))
                    .moveTo(CaseStatus.OPEN, london("2025-03-03T10:05"))
                    .moveTo(CaseStatus.RESOLVED, london("2025-03-03T11:00"))
                    .moveTo(CaseStatus.OPEN, london("2025-03-03T12:00"));

            // when
            SlaStatus status = calculator.compute(supportCase, List.of(), Optional.empty(), london("2025-03-03T13:00"));

            // then
            SlaClock first = status.clock(SlaTarget.FIRST_RESOLUTION).orElseThrow();
            SlaClock full = status.clock(SlaTarget.FULL_RESOLUTION).orElseThrow();
            assertThat(first.outcome()).isEqualTo(SlaOutcome.ACHIEVED);
            assertThat(first.stoppedAt()).contains(london("2025-03-03T11:00"));
            assertThat(full.outcome()).isEqualTo(SlaOutcome.IN_PROGRESS);
            assertThat(full.elapsed()).isEqualTo(Duration.ofHours(2));
            assertThat(full.dueAt()).contains(london("2025-03-03T19:00"));
        }

        @Test
        @DisplayName("stops the full resolution at the last resolve")
        void fullResolutionStopsAtLastResolve() {
            // given
            Case supportCase = newCase(london("2025-03-03T10:00"))
                    .moveTo(CaseStatus.RESOLVED, london("2025-03-03T11:00"))
                    .moveTo(CaseStatus.OPEN, london("2025-03-03T12:00"))
                    .moveTo(CaseStatus.RESOLVED, london("2025-03-03T14:00"));

            // when
            SlaClock full = calculator.compute(supportCase, List.of(), Optional.empty(), london("2025-03-04T13:00"))
                    .clock(SlaTarget.FULL_RESOLUTION).orElseThrow();

            // then
            assertThat(full.outcome()).isEqualTo(SlaOutcome.ACHIEVED);
            assertThat(full.stoppedAt()).contains(london("2025-03-03T14:00"));
            assertThat(full.elapsed()).isEqualTo(Duration.ofHours(3));
        }
    }

    @Test
    @DisplayName("starts a next-reply cycle at each waiting customer message after the first reply")
    void nextReplyCycles() {
        // given
        SlaCalculator calculator = calculator(onlyTarget(SlaTarget.NEXT_REPLY,
                SlaTargetSpec.calendarTime(Duration.ofHours(1))));
        Case supportCase = newCase(london("2025-03-03T10:00")).moveTo(CaseStatus.OPEN, london("2025-03-03T10:01"));
        var interactions = List.of(
                customerMessage(supportCase, london("2025-03-03T10:00")),
                humanReply(supportCase, london("2025-03-03T10:10")),
                customerMessage(supportCase, london("2025-03-03T11:00")),
                customerMessage(supportCase, london("2025-03-03T11:05")),
                humanReply(supportCase, london("2025-03-03T11:20")),
                customerMessage(supportCase, london("2025-03-03T12:00")),
                reply(supportCase, london("2025-03-03T12:05"), Handler.BOT));

        // when
        SlaStatus status = calculator.compute(supportCase, interactions, Optional.empty(), london("2025-03-03T13:30"));

        // then
        assertThat(status.clocks()).extracting(SlaClock::cycle, SlaClock::startedAt, SlaClock::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, london("2025-03-03T11:00"), SlaOutcome.ACHIEVED),
                        org.assertj.core.groups.Tuple.tuple(1, london("2025-03-03T12:00"), SlaOutcome.BREACHED));
        assertThat(status.clock(SlaTarget.NEXT_REPLY).orElseThrow().dueAt()).contains(london("2025-03-03T13:00"));
    }

    @Test
    @DisplayName("chooses targets by priority, channel and segment, first matching rule first")
    void choosesTargets() {
        // given
        SlaPolicy policy = SlaPolicy.builder()
                .rule(SlaRule.builder().priorities(Priority.URGENT).segments("gold")
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofMinutes(15))).build())
                .rule(SlaRule.builder().channels(Channel.CHAT)
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofMinutes(30))).build())
                .rule(SlaRule.builder()
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.businessTime(Duration.ofHours(4), "office"))
                        .build())
                .build();
        SlaCalculator calculator = calculator(policy);
        var at = london("2025-03-03T10:00");

        // when
        Duration goldUrgentChat = goal(calculator, newCase(at, Priority.URGENT, Channel.CHAT), Optional.of("gold"));
        Duration urgentChat = goal(calculator, newCase(at, Priority.URGENT, Channel.CHAT), Optional.empty());
        Duration email = goal(calculator, newCase(at, Priority.URGENT, Channel.EMAIL), Optional.of("silver"));

        // then
        assertThat(goldUrgentChat).isEqualTo(Duration.ofMinutes(15));
        assertThat(urgentChat).isEqualTo(Duration.ofMinutes(30));
        assertThat(email).isEqualTo(Duration.ofHours(4));
    }

    static Duration goal(SlaCalculator calculator, Case supportCase, Optional<String> segment) {
        return calculator.compute(supportCase, List.of(), segment, supportCase.createdAt())
                .clock(SlaTarget.FIRST_REPLY).orElseThrow().goal();
    }

    @Test
    @DisplayName("puts the warning at the configured share of the target")
    void warningShare() {
        // given
        SlaCalculator calculator = calculator(SlaPolicy.builder().warningShare(0.5).rule(SlaRule.builder()
                .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.businessTime(Duration.ofHours(2), "office")).build())
                .build());
        Case supportCase = newCase(london("2025-03-03T16:00"));

        // when
        SlaClock clock = calculator.compute(supportCase, List.of(), Optional.empty(), london("2025-03-03T16:30"))
                .clock(SlaTarget.FIRST_REPLY).orElseThrow();

        // then
        assertThat(clock.warningAt()).contains(london("2025-03-03T17:00"));
        assertThat(clock.warningReached(london("2025-03-03T16:59"))).isFalse();
        assertThat(clock.warningReached(london("2025-03-04T09:00"))).isTrue();
    }

    @Test
    @DisplayName("fails naming the calendar when a target names one that is not registered")
    void unknownCalendar() {
        // given
        SlaCalculator calculator = new SlaCalculator(onlyTarget(SlaTarget.FIRST_REPLY,
                SlaTargetSpec.businessTime(Duration.ofHours(2), "missing")), new BusinessCalendars());
        Case supportCase = newCase(london("2025-03-03T16:00"));

        // when / then
        assertThatThrownBy(() -> calculator.compute(supportCase, List.of(), Optional.empty(), supportCase.createdAt()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.entity()).isEqualTo("calendar");
                    assertThat(e.id()).isEqualTo("missing");
                });
    }
}
