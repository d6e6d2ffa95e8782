package dev.rapport.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

@Label("Business calendar properties")
class BusinessCalendarProperties {

    /** 2020-01-01 to 2030-01-01, to cross many daylight-saving changes. */
    static final long FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    static final long TO = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond();

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        BusinessCalendar london = BusinessCalendar.builder(ZoneId.of("Europe/London"))
                .weekdays(TimeWindow.of("08:00", "12:30"), TimeWindow.of("13:15", "18:00"))
                .on(DayOfWeek.SATURDAY, TimeWindow.of("10:00", "14:00"))
                .holiday(LocalDate.of(2024, 12, 25)).holiday(LocalDate.of(2024, 12, 26))
                .specialDay(LocalDate.of(2024, 12, 24), TimeWindow.of("09:00", "12:00"))
                .season("summer", MonthDay.of(7, 15), MonthDay.of(8, 31),
                        WeeklyHours.builder().weekdays(TimeWindow.of("09:00", "15:00")).build())
                .build();
        BusinessCalendar newYorkNights = BusinessCalendar.builder(ZoneId.of("America/New_York"))
                .everyDay(TimeWindow.of("00:00", "03:30"), TimeWindow.of("22:00", "00:00"))
                .build();
        return Arbitraries.of(london, newYorkNights, BusinessCalendar.alwaysOpen());
    }

    @Property(tries = 400)
    @Label("businessTimeBetween(a, plus(a, d)) equals d for any start a and business duration d")
    void plusAndBetweenAgree(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll @LongRange(min = 0, max = 10 * 365 * 86_400L) long startSecond,
            @ForAll @LongRange(min = 0, max = 999_999_999L) long startNanos,
            @ForAll @LongRange(min = 0, max = 300 * 3_600_000_000_000L) long businessNanos) {
        // given
        Instant a = Instant.ofEpochSecond(FROM + startSecond, startNanos);
        Duration d = Duration.ofNanos(businessNanos);

        // when
        Instant end = calendar.plus(a, d);

        // then
        assertThat(end).isAfterOrEqualTo(a);
        assertThat(calendar.businessTimeBetween(a, end)).isEqualTo(d);
    }

    @Property(tries = 300)
    @Label("business time adds up over consecutive ranges")
    void betweenIsAdditive(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll @LongRange(min = 0, max = 10 * 365 * 86_400L) long startSecond,
            @ForAll @LongRange(min = 0, max = 40 * 86_400L) long firstSeconds,
            @ForAll @LongRange(min = 0, max = 40 * 86_400L) long secondSeconds) {
        // given
        Instant a = Instant.ofEpochSecond(FROM + startSecond);
        Instant b = a.plusSeconds(firstSeconds);
        Instant c = b.plusSeconds(secondSeconds);

        // when
        Duration whole = calendar.businessTimeBetween(a, c);

        // then
        assertThat(whole).isEqualTo(calendar.businessTimeBetween(a, b).plus(calendar.businessTimeBetween(b, c)));
        assertThat(c.getEpochSecond()).isLessThan(TO + 100 * 86_400L);
    }

    @Property(tries = 300)
    @Label("the next opening is open, and nothing before it is")
    void nextOpeningIsOpen(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll @LongRange(min = 0, max = 10 * 365 * 86_400L) long startSecond) {
        // given
        Instant a = Instant.ofEpochSecond(FROM + startSecond);

        // when
        Instant opening = calendar.nextOpening(a);

        // then
        assertThat(calendar.isOpen(opening)).isTrue();
        assertThat(calendar.businessTimeBetween(a, opening)).isZero();
    }
}
