package dev.rapport.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A business calendar")
class BusinessCalendarTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    /** Monday to Friday 09:00-12:30 and 13:30-17:00 in London. */
    static BusinessCalendar splitShifts() {
        return BusinessCalendar.builder(LONDON)
                .weekdays(TimeWindow.of("09:00", "12:30"), TimeWindow.of("13:30", "17:00"))
                .build();
    }

    @Nested
    @DisplayName("when built")
    class Building {

        @Test
        @DisplayName("rejects overlapping windows on a day, naming the day and window")
        void rejectsOverlappingWindows() {
            // given
            BusinessCalendar.Builder builder = BusinessCalendar.builder(LONDON)
                    .on(DayOfWeek.MONDAY, TimeWindow.of("09:00", "13:00"), TimeWindow.of("12:00", "17:00"));

            // when / then
            assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.fields()).containsExactly("hours.MONDAY[1]");
                assertThat(e.violations()).extracting(ValidationException.Violation::rule).containsExactly("NoOverlap");
            });
        }

        @Test
        @DisplayName("rejects a window whose end is before its start")
        void rejectsEndBeforeStart() {
            assertThatThrownBy(() -> TimeWindow.of("17:00", "09:00"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.fields()).containsExactly("end");
                        assertThat(e.violations().get(0).rule()).isEqualTo("EndAfterStart");
                    });
        }

        @Test
        @DisplayName("rejects overlapping seasons, a holiday that is also a special day, and overlaps on a special day")
        void rejectsEveryFaultAtOnce() {
            // given
            WeeklyHours winter = WeeklyHours.builder().weekdays(TimeWindow.of("08:00", "20:00")).build();
            BusinessCalendar.Builder builder = BusinessCalendar.builder(LONDON)
                    .weekdays(TimeWindow.of("09:00", "17:00"))
                    .season("peak", MonthDay.of(12, 1), MonthDay.of(1, 15), winter)
                    .season("january-sales", MonthDay.of(1, 10), MonthDay.of(1, 31), winter)
                    .holiday(LocalDate.of(2025, 12, 25))
                    .specialDay(LocalDate.of(2025, 12, 25), TimeWindow.of("10:00", "12:00"))
                    .specialDay(LocalDate.of(2025, 12, 24), TimeWindow.of("09:00", "12:00"),
                            TimeWindow.of("11:00", "13:00"));

            // when / then
            assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.fields()).containsExactlyInAnyOrder("seasons[1]", "specialDays[2025-12-25]",
                            "specialDays[2025-12-24][1]"));
        }

        @Test
        @DisplayName("rejects a calendar that is never open")
        void rejectsNeverOpen() {
            assertThatThrownBy(() -> BusinessCalendar.builder(LONDON).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.fields()).containsExactly("hours");
                        assertThat(e.violations().get(0).rule()).isEqualTo("HasOpenTime");
                    });
        }

        @Test
        @DisplayName("rejects a negative business duration")
        void rejectsNegativeDuration() {
            assertThatThrownBy(() -> splitShifts().plus(Instant.EPOCH, Duration.ofMinutes(-1)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("businessTime"));
        }
    }

    @Nested
    @DisplayName("with split shifts")
    class SplitShifts {

        @Test
        @DisplayName("is closed over lunch and open either side of it")
        void closedOverLunch() {
            // given
            BusinessCalendar calendar = splitShifts();

            // when / then
            assertThat(calendar.isOpen(at("2025-03-03T12:29", LONDON))).isTrue();
            assertThat(calendar.isOpen(at("2025-03-03T12:30", LONDON))).isFalse();
            assertThat(calendar.isOpen(at("2025-03-03T13:30", LONDON))).isTrue();
            assertThat(calendar.nextOpening(at("2025-03-03T12:45", LONDON))).isEqualTo(at("2025-03-03T13:30", LONDON));
        }

        @Test
        @DisplayName("skips the lunch break when adding business time")
        void plusSkipsLunch() {
            // given
            BusinessCalendar calendar = splitShifts();

            // when
            Instant due = calendar.plus(at("2025-03-03T11:30", LONDON), Duration.ofHours(2));

            // then
            assertThat(due).isEqualTo(at("2025-03-03T14:30", LONDON));
        }

        @Test
        @DisplayName("counts seven business hours from one morning to the next, and none over a weekend")
        void countsBusinessTime() {
            // given
            BusinessCalendar calendar = splitShifts();

            // when / then
            assertThat(calendar.businessTimeBetween(at("2025-03-03T09:00", LONDON), at("2025-03-04T09:00", LONDON)))
                    .isEqualTo(Duration.ofHours(7));
            assertThat(calendar.businessTimeBetween(at("2025-03-07T17:00", LONDON), at("2025-03-10T09:00", LONDON)))
                    .isZero();
            assertThat(calendar.businessTimeBetween(at("2025-03-04T09:00", LONDON), at("2025-03-03T09:00", LONDON)))
                    .isEqualTo(Duration.ofHours(-7));
        }
    }

    @Nested
    @DisplayName("with holidays, special days and seasons")
    class Exceptions {

        @Test
        @DisplayName("carries business time over a bank holiday Monday to Tuesday")
        void skipsHoliday() {
            // given
            BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                    .weekdays(TimeWindow.of("09:00", "17:00"))
                    .holiday(LocalDate.of(2025, 5, 5))
                    .build();

            // when
            Instant due = calendar.plus(at("2025-05-02T16:00", LONDON), Duration.ofHours(2));

            // then
            assertThat(due).isEqualTo(at("2025-05-06T10:00", LONDON));
            assertThat(calendar.isBusinessDay(LocalDate.of(2025, 5, 5))).isFalse();
            assertThat(calendar.nextOpening(at("2025-05-05T11:00", LONDON))).isEqualTo(at("2025-05-06T09:00", LONDON));
        }

        @Test
        @DisplayName("uses a special day's own hours instead of the usual ones")
        void usesSpecialDay() {
            // given
            BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                    .weekdays(TimeWindow.of("09:00", "17:00"))
                    .specialDay(LocalDate.of(2025, 12, 24), TimeWindow.of("09:00", "13:00"))
                    .build();

            // when / then
            assertThat(calendar.isOpen(at("2025-12-24T14:00", LONDON))).isFalse();
            assertThat(calendar.closeOfBusiness(LocalDate.of(2025, 12, 24))).isEqualTo(at("2025-12-24T13:00", LONDON));
        }

        @Test
        @DisplayName("opens on Saturdays during a season that wraps the turn of the year, and not outside it")
        void usesSeasonalHours() {
            // given
            WeeklyHours peak = WeeklyHours.builder()
                    .weekdays(TimeWindow.of("08:00", "20:00"))
                    .on(DayOfWeek.SATURDAY, TimeWindow.of("10:00", "16:00"))
                    .build();
            BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                    .weekdays(TimeWindow.of("09:00", "17:00"))
                    .season("peak", MonthDay.of(12, 1), MonthDay.of(1, 15), peak)
                    .build();

            // when / then
            assertThat(calendar.isOpen(at("2025-12-06T11:00", LONDON))).isTrue();
            assertThat(calendar.isOpen(at("2026-01-10T11:00", LONDON))).isTrue();
            assertThat(calendar.isOpen(at("2026-02-07T11:00", LONDON))).isFalse();
            assertThat(calendar.isOpen(at("2025-12-08T19:00", LONDON))).isTrue();
            assertThat(calendar.isOpen(at("2026-02-09T19:00", LONDON))).isFalse();
        }
    }

    @Nested
    @DisplayName("across daylight-saving changes")
    class DaylightSaving {

        static BusinessCalendar roundTheClock(ZoneId zone) {
            return BusinessCalendar.builder(zone).everyDay(TimeWindow.WHOLE_DAY).build();
        }

        @Test
        @DisplayName("has a 23-hour day in London in spring and a 25-hour day in autumn")
        void londonDayLengths() {
            // given
            BusinessCalendar calendar = roundTheClock(LONDON);

            // when / then
            assertThat(calendar.businessTimeBetween(at("2024-03-31T00:00", LONDON), at("2024-04-01T00:00", LONDON)))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(calendar.businessTimeBetween(at("2024-10-27T00:00", LONDON), at("2024-10-28T00:00", LONDON)))
                    .isEqualTo(Duration.ofHours(25));
        }

        @Test
        @DisplayName("has a 23-hour day in New York in spring and a 25-hour day in autumn")
        void newYorkDayLengths() {
            // given
            BusinessCalendar calendar = roundTheClock(NEW_YORK);

            // when / then
            assertThat(calendar.businessTimeBetween(at("2024-03-10T00:00", NEW_YORK), at("2024-03-11T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(23));
            assertThat(calendar.businessTimeBetween(at("2024-11-03T00:00", NEW_YORK), at("2024-11-04T00:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(25));
        }

        @Test
        @DisplayName("gives a New York night shift over the change five real hours in spring and seven in autumn")
        void newYorkNightShift() {
            // given
            BusinessCalendar calendar = BusinessCalendar.builder(NEW_YORK)
                    .everyDay(TimeWindow.of("00:00", "06:00")).build();

            // when / then
            assertThat(calendar.openIntervals(LocalDate.of(2024, 3, 10)).get(0))
                    .satisfies(r -> assertThat(Duration.between(r.from(), r.to())).isEqualTo(Duration.ofHours(5)));
            assertThat(calendar.businessTimeBetween(at("2024-11-03T00:00", NEW_YORK), at("2024-11-03T12:00", NEW_YORK)))
                    .isEqualTo(Duration.ofHours(7));
            assertThat(calendar.plus(at("2024-03-10T00:00", NEW_YORK), Duration.ofHours(5)))
                    .isEqualTo(at("2024-03-10T06:00", NEW_YORK));
        }

        @Test
        @DisplayName("is open during both occurrences of the repeated London hour in autumn")
        void londonRepeatedHour() {
            // given
            BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                    .everyDay(TimeWindow.of("01:00", "02:00")).build();
            Instant firstOneThirty = Instant.parse("2024-10-27T00:30:00Z"); // 01:30 BST
            Instant secondOneThirty = Instant.parse("2024-10-27T01:30:00Z"); // 01:30 GMT

            // when / then
            assertThat(calendar.isOpen(firstOneThirty)).isTrue();
            assertThat(calendar.isOpen(secondOneThirty)).isTrue();
            assertThat(calendar.businessTimeBetween(at("2024-10-27T00:00", LONDON), at("2024-10-28T00:00", LONDON)))
                    .isEqualTo(Duration.ofHours(2));
        }

        @Test
        @DisplayName("gives a London window that spans the spring gap only the hours that exist")
        void londonSpringGap() {
            // given
            BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                    .everyDay(TimeWindow.of("00:30", "03:00")).build();

            // when / then
            assertThat(calendar.businessTimeBetween(at("2024-03-31T00:00", LONDON), at("2024-04-01T00:00", LONDON)))
                    .isEqualTo(Duration.ofMinutes(90));
            assertThat(calendar.isOpen(Instant.parse("2024-03-31T01:30:00Z"))).isTrue(); // 02:30 BST
        }

        @Test
        @DisplayName("keeps office hours in local time when the clocks change over a weekend")
        void officeHoursAcrossWeekendChange() {
            // given
            BusinessCalendar newYork = BusinessCalendar.builder(NEW_YORK).weekdays(TimeWindow.of("09:00", "17:00")).build();
            BusinessCalendar london = BusinessCalendar.builder(LONDON).weekdays(TimeWindow.of("09:00", "17:00")).build();

            // when
            Instant newYorkDue = newYork.plus(at("2024-03-08T16:00", NEW_YORK), Duration.ofHours(2));
            Instant londonDue = london.plus(at("2024-10-25T16:00", LONDON), Duration.ofHours(2));

            // then
            assertThat(newYorkDue).isEqualTo(at("2024-03-11T10:00", NEW_YORK));
            assertThat(londonDue).isEqualTo(at("2024-10-28T10:00", LONDON));
            assertThat(london.businessTimeBetween(at("2024-10-25T16:00", LONDON), londonDue)).isEqualTo(Duration.ofHours(2));
        }
    }

    @Nested
    @DisplayName("for business-day deadlines")
    class BusinessDays {

        BusinessCalendar calendar = BusinessCalendar.builder(LONDON)
                .weekdays(TimeWindow.of("09:00", "17:00"))
                .holiday(LocalDate.of(2025, 5, 6))
                .build();

        @Test
        @DisplayName("gives the close of the third business day after a receipt in hours")
        void thirdBusinessDay() {
            // given a Thursday receipt; the Tuesday after is a holiday
            Instant received = at("2025-05-01T10:00", LONDON);

            // when
            Instant deadline = calendar.endOfNthBusinessDayAfter(received, 3);

            // then Friday, Monday, Wednesday
            assertThat(deadline).isEqualTo(at("2025-05-07T17:00", LONDON));
        }

        @Test
        @DisplayName("counts a receipt after hours or at the weekend as received on the next business day")
        void afterHoursReceipt() {
            // when
            Instant afterHours = calendar.endOfNthBusinessDayAfter(at("2025-05-09T18:00", LONDON), 3);
            Instant saturday = calendar.endOfNthBusinessDayAfter(at("2025-05-10T11:00", LONDON), 3);

            // then received Monday 12 May; three business days after it is Thursday 15 May
            assertThat(afterHours).isEqualTo(at("2025-05-15T17:00", LONDON));
            assertThat(saturday).isEqualTo(afterHours);
            assertThat(calendar.businessDayOf(at("2025-05-09T16:59", LONDON))).isEqualTo(LocalDate.of(2025, 5, 9));
        }

        @Test
        @DisplayName("counts fifteen business days over a holiday")
        void fifteenBusinessDays() {
            // when
            LocalDate day = calendar.plusBusinessDays(LocalDate.of(2025, 5, 1), 15);

            // then 21 days later less 3 weekends (6 days) and 1 holiday... is 23 May
            assertThat(day).isEqualTo(LocalDate.of(2025, 5, 23));
            assertThat(calendar.plusBusinessDays(LocalDate.of(2025, 5, 1), 0)).isEqualTo(LocalDate.of(2025, 5, 1));
        }

        @Test
        @DisplayName("refuses the close of business of a closed day")
        void closeOfClosedDay() {
            assertThatThrownBy(() -> calendar.closeOfBusiness(LocalDate.of(2025, 5, 6)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("date"));
        }
    }

    @Test
    @DisplayName("in calendar time is open at every instant and counts elapsed time")
    void alwaysOpen() {
        // given
        BusinessCalendar calendar = BusinessCalendar.alwaysOpen();
        Instant start = Instant.parse("2024-03-31T00:30:00Z");

        // when / then
        assertThat(calendar.isOpen(start)).isTrue();
        assertThat(calendar.plus(start, Duration.ofHours(30))).isEqualTo(start.plus(Duration.ofHours(30)));
        assertThat(calendar.businessTimeBetween(start, start.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    }
}
