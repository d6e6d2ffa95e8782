package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A weekly send window")
class WeeklySendWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    private static ZonedDateTime inZone(Instant instant, ZoneId zone) {
        return instant.atZone(zone);
    }

    @Nested
    @DisplayName("with the default quiet hours from 21:00 to 08:00")
    class Defaults {

        private final SendWindow window = SendWindow.defaults();

        @Test
        @DisplayName("lets a time in the afternoon through unchanged")
        void afternoonIsAllowed() {
            // given
            Instant afternoon = local("2024-05-14T15:30:00", BERLIN);

            // when
            Instant next = window.nextAllowed(afternoon, BERLIN);

            // then
            assertThat(next).isEqualTo(afternoon);
            assertThat(window.isAllowed(afternoon, BERLIN)).isTrue();
        }

        @Test
        @DisplayName("moves 03:00 local to 08:00 local the same morning")
        void earlyMorningMovesToEight() {
            // given
            Instant threeAm = local("2024-05-14T03:00:00", BERLIN);

            // when
            Instant next = window.nextAllowed(threeAm, BERLIN);

            // then
            assertThat(inZone(next, BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-05-14T08:00"));
        }

        @Test
        @DisplayName("moves a time in the evening to 08:00 the next morning")
        void eveningMovesToNextMorning() {
            // given
            Instant evening = local("2024-05-14T21:00:00", CHICAGO);

            // when
            Instant next = window.nextAllowed(evening, CHICAGO);

            // then
            assertThat(inZone(next, CHICAGO).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-05-15T08:00"));
        }

        @Test
        @DisplayName("judges the same instant by each customer's own zone")
        void sameInstantDifferentZones() {
            // given 13:00 UTC is 15:00 in Berlin and 08:00 in Chicago; 12:30 UTC is 07:30 in Chicago
            Instant oneUtc = Instant.parse("2024-05-14T13:00:00Z");
            Instant halfPastTwelveUtc = Instant.parse("2024-05-14T12:30:00Z");

            // when / then
            assertThat(window.isAllowed(oneUtc, BERLIN)).isTrue();
            assertThat(window.isAllowed(oneUtc, CHICAGO)).isTrue();
            assertThat(window.isAllowed(halfPastTwelveUtc, BERLIN)).isTrue();
            assertThat(window.nextAllowed(halfPastTwelveUtc, CHICAGO)).isEqualTo(oneUtc);
        }
    }

    @Nested
    @DisplayName("across daylight-saving changes")
    class DaylightSaving {

        @Test
        @DisplayName("in Berlin on the spring-forward night sends a follow-up due at 03:00 at 08:00 summer time")
        void berlinSpringForward() {
            // given clocks jump from 02:00 to 03:00 on 31 March 2024
            SendWindow window = SendWindow.defaults();
            Instant threeAm = local("2024-03-31T03:00:00", BERLIN);

            // when
            Instant next = window.nextAllowed(threeAm, BERLIN);

            // then 08:00 CEST is 06:00 UTC, not 07:00
            assertThat(next).isEqualTo(Instant.parse("2024-03-31T06:00:00Z"));
        }

        @Test
        @DisplayName("in Berlin on the fall-back night sends a follow-up due in the repeated hour at 08:00 winter time")
        void berlinFallBack() {
            // given clocks go back from 03:00 to 02:00 on 27 October 2024; 02:30 happens twice
            SendWindow window = SendWindow.defaults();
            Instant secondHalfPastTwo = Instant.parse("2024-10-27T01:30:00Z"); // 02:30 CET

            // when
            Instant next = window.nextAllowed(secondHalfPastTwo, BERLIN);

            // then 08:00 CET is 07:00 UTC
            assertThat(next).isEqualTo(Instant.parse("2024-10-27T07:00:00Z"));
        }

        @Test
        @DisplayName("in Chicago reaches a window starting at 02:30 at 03:00, the first instant after the gap")
        void chicagoWindowStartInGap() {
            // given quiet hours end at 02:30, a local time that does not exist on 10 March 2024
            SendWindow window = WeeklySendWindow.builder().quietHours(LocalTime.of(23, 0), LocalTime.of(2, 30)).build();
            Instant midnight = local("2024-03-10T00:00:00", CHICAGO);

            // when
            Instant next = window.nextAllowed(midnight, CHICAGO);

            // then 03:00 CDT is 08:00 UTC
            assertThat(next).isEqualTo(Instant.parse("2024-03-10T08:00:00Z"));
            assertThat(inZone(next, CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        }

        @Test
        @DisplayName("in Chicago opens a window starting at 01:30 on the fall-back night at its first occurrence")
        void chicagoWindowStartInOverlap() {
            // given quiet hours end at 01:30, which happens twice on 3 November 2024
            SendWindow window = WeeklySendWindow.builder().quietHours(LocalTime.of(23, 0), LocalTime.of(1, 30)).build();
            Instant midnight = local("2024-11-03T00:00:00", CHICAGO);

            // when
            Instant next = window.nextAllowed(midnight, CHICAGO);

            // then 01:30 CDT is 06:30 UTC
            assertThat(next).isEqualTo(Instant.parse("2024-11-03T06:30:00Z"));
        }

        @Test
        @DisplayName("in Chicago never goes back before the given instant inside the repeated hour")
        void chicagoNeverEarlierThanGiven() {
            // given quiet until 01:30; 01:10 CST is the second pass through the repeated hour
            SendWindow window = WeeklySendWindow.builder().quietHours(LocalTime.of(23, 0), LocalTime.of(1, 30)).build();
            Instant secondPass = Instant.parse("2024-11-03T07:10:00Z"); // 01:10 CST

            // when
            Instant next = window.nextAllowed(secondPass, CHICAGO);

            // then 01:30 CST, 07:30 UTC, not 01:30 CDT an hour earlier
            assertThat(next).isEqualTo(Instant.parse("2024-11-03T07:30:00Z"));
        }
    }

    @Nested
    @DisplayName("with days off and holidays")
    class DaysOff {

        private final SendWindow window = WeeklySendWindow.builder()
                .allowedDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                .quietHours(LocalTime.of(18, 0), LocalTime.of(9, 0))
                .holidays(List.of(LocalDate.of(2024, 12, 24)))
                .annualHolidays(Set.of(MonthDay.of(12, 25), MonthDay.of(12, 26)))
                .build();

        @Test
        @DisplayName("moves Friday evening to Monday morning")
        void fridayEveningToMonday() {
            // given
            Instant fridayEvening = local("2024-05-17T19:00:00", BERLIN);

            // when
            Instant next = window.nextAllowed(fridayEvening, BERLIN);

            // then
            assertThat(inZone(next, BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-05-20T09:00"));
        }

        @Test
        @DisplayName("skips one-off and annual holidays")
        void skipsHolidays() {
            // given Monday 23 December 2024, evening; 24th is a one-off holiday, 25th and 26th annual ones
            Instant mondayEvening = local("2024-12-23T20:00:00", BERLIN);

            // when
            Instant next = window.nextAllowed(mondayEvening, BERLIN);

            // then Friday the 27th
            assertThat(inZone(next, BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-12-27T09:00"));
        }

        @Test
        @DisplayName("judges holidays by the customer's local date")
        void holidayInLocalDate() {
            // given 05:00 UTC on 24 December is still the 23rd, 23:00, in Chicago
            Instant instant = Instant.parse("2024-12-24T05:00:00Z");

            // when
            Instant next = window.nextAllowed(instant, CHICAGO);

            // then the 24th to 26th are holidays in Chicago too: Friday 27th, 09:00 CST
            assertThat(inZone(next, CHICAGO).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-12-27T09:00"));
        }
    }

    @Nested
    @DisplayName("with quiet hours per day")
    class PerDay {

        @Test
        @DisplayName("keeps a lunch break quiet within the day")
        void quietInsideTheDay() {
            // given
            SendWindow window = WeeklySendWindow.builder().noQuietHours()
                    .quietHours(DayOfWeek.TUESDAY, LocalTime.of(12, 0), LocalTime.of(13, 30)).build();

            // when
            Instant lunch = window.nextAllowed(local("2024-05-14T12:15:00", BERLIN), BERLIN);
            Instant night = window.nextAllowed(local("2024-05-14T02:00:00", BERLIN), BERLIN);

            // then
            assertThat(inZone(lunch, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(13, 30));
            assertThat(inZone(night, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(2, 0));
        }

        @Test
        @DisplayName("lets Sunday keep longer quiet hours than the other days")
        void sundayLonger() {
            // given
            SendWindow window = WeeklySendWindow.builder()
                    .quietHours(DayOfWeek.SUNDAY, LocalTime.of(18, 0), LocalTime.of(11, 0)).build();

            // when
            Instant sunday = window.nextAllowed(local("2024-05-19T09:00:00", BERLIN), BERLIN);
            Instant saturday = window.nextAllowed(local("2024-05-18T09:00:00", BERLIN), BERLIN);

            // then
            assertThat(inZone(sunday, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(11, 0));
            assertThat(inZone(saturday, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        }
    }

    @Test
    @DisplayName("refuses an empty set of allowed days, naming the property")
    void refusesNoDays() {
        assertThatThrownBy(() -> WeeklySendWindow.builder().allowedDays(Set.of()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("allowedDays"));
    }

    @Test
    @DisplayName("refuses missing quiet-hour times, naming each one")
    void refusesNullTimes() {
        assertThatThrownBy(() -> WeeklySendWindow.builder().quietHours(null, null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("quietFrom", "quietUntil"));
    }

    @Test
    @DisplayName("gives up with an error when no day can ever be allowed")
    void givesUpWhenNothingIsAllowed() {
        // given every day of the year is an annual holiday
        List<MonthDay> everyDay = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() == 2024; d = d.plusDays(1)) {
            everyDay.add(MonthDay.from(d));
        }
        SendWindow window = WeeklySendWindow.builder().annualHolidays(everyDay).build();

        // when / then
        assertThatThrownBy(() -> window.nextAllowed(Instant.parse("2024-05-14T12:00:00Z"), BERLIN))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no allowed send time");
    }
}
