package dev.rapport.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An automation age")
class AgeTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Weekdays with a split shift, 09:00-12:00 and 13:00-17:00; Good Friday and Easter Monday 2025 are holidays. */
    static final BusinessCalendar SHOP = BusinessCalendar.builder(BERLIN)
            .weekdays(TimeWindow.of("09:00", "12:00"), TimeWindow.of("13:00", "17:00"))
            .holiday(LocalDate.of(2025, 4, 18))
            .holiday(LocalDate.of(2025, 4, 21))
            .build();

    /** Open all day, every day, in Berlin: business time crosses the DST change as elapsed time does. */
    static final BusinessCalendar ROUND_THE_CLOCK = BusinessCalendar.builder(BERLIN).everyDay(TimeWindow.WHOLE_DAY)
            .build();

    static final BusinessCalendars CALENDARS = BusinessCalendars.of("shop", SHOP).put("always", ROUND_THE_CLOCK);

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @Test
    @DisplayName("business time skips the lunch break of a split shift")
    void businessTimeSkipsTheSplit() {
        // given four business hours from Monday 10:00
        Age age = Age.businessTime(Duration.ofHours(4), "shop");

        // when
        Instant reached = age.reachedAt(berlin("2025-03-03T10:00"), CALENDARS);

        // then 10-12 and 13-15: reached at 15:00, not 14:00
        assertThat(reached).isEqualTo(berlin("2025-03-03T15:00"));
    }

    @Test
    @DisplayName("business time started after closing counts from the next opening, across the weekend")
    void businessTimeAfterClosing() {
        // given one business hour from Friday 18:00
        Age age = Age.businessTime(Duration.ofHours(1), "shop");

        // when
        Instant reached = age.reachedAt(berlin("2025-03-07T18:00"), CALENDARS);

        // then Monday 10:00
        assertThat(reached).isEqualTo(berlin("2025-03-10T10:00"));
    }

    @Test
    @DisplayName("business days skip weekends and holidays and end at the close of business")
    void businessDaysSkipHolidays() {
        // given two business days from Maundy Thursday, with Good Friday and Easter Monday closed
        Age age = Age.businessDays(2, "shop");

        // when
        Instant reached = age.reachedAt(berlin("2025-04-17T11:00"), CALENDARS);

        // then Tuesday counts one, Wednesday two: reached at Wednesday's close
        assertThat(reached).isEqualTo(berlin("2025-04-23T17:00"));
    }

    @Test
    @DisplayName("business days across the spring DST change end at the close of business in the new offset")
    void businessDaysAcrossDst() {
        // given one business day from Friday before the clocks go forward (Sunday 30 March 2025)
        Age age = Age.businessDays(1, "shop");

        // when
        Instant reached = age.reachedAt(berlin("2025-03-28T16:00"), CALENDARS);

        // then Monday 17:00 summer time, which is 15:00 UTC (it would be 16:00 UTC in winter time)
        assertThat(reached).isEqualTo(Instant.parse("2025-03-31T15:00:00Z"));
    }

    @Test
    @DisplayName("a day of business time on a round-the-clock calendar over the DST change is 24 elapsed hours")
    void businessTimeAcrossDst() {
        // given 24 business hours from Saturday noon before the change
        Age age = Age.businessTime(Duration.ofHours(24), "always");

        // when
        Instant reached = age.reachedAt(berlin("2025-03-29T12:00"), CALENDARS);

        // then 24 real hours later, which reads 13:00 on the Sunday
        assertThat(reached).isEqualTo(berlin("2025-03-30T13:00"));
        assertThat(Age.calendar(Duration.ofHours(24)).reachedAt(berlin("2025-03-29T12:00"), CALENDARS))
                .isEqualTo(reached);
    }

    @Test
    @DisplayName("a bad age is refused naming the age field")
    void badAgesAreRefused() {
        // given / when / then
        for (Runnable bad : new Runnable[] {
                () -> Age.calendar(Duration.ZERO),
                () -> Age.calendar(Duration.ofSeconds(-1)),
                () -> Age.calendar(null),
                () -> Age.calendar(Age.MAX.plusSeconds(1)),
                () -> Age.businessDays(0, "shop"),
                () -> Age.businessDays(Age.MAX_DAYS + 1, "shop"),
                () -> Age.businessTime(Duration.ofHours(1), " "),
                () -> Age.businessTime(Duration.ofHours(1), null)}) {
            ValidationException refused = catchThrowableOfType(bad::run, ValidationException.class);
            assertThat(refused).isNotNull();
            assertThat(refused.violations()).extracting(v -> v.field()).containsExactly("age");
        }
    }
}
