package dev.rapport.automation;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long something must have lasted before an automation rule acts: calendar time, business time on a business
 * calendar, or whole business days on a calendar. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #calendar(Duration)}: elapsed time, as a clock on the wall counts it, DST changes included.</li>
 *   <li>{@link #businessTime(Duration, String)}: the time the business was open, by the calendar's weekly hours,
 *       seasons, split shifts, special days and holidays ({@link BusinessCalendar#plus(Instant, Duration)}).</li>
 *   <li>{@link #businessDays(int, String)}: reached at the close of business of the n-th business day after the
 *       day the wait started (in the calendar's zone); holidays and closed days do not count.</li>
 * </ul>
 *
 * @param kind how the time is counted
 * @param time the duration, for {@link Kind#CALENDAR} and {@link Kind#BUSINESS_TIME}; zero otherwise
 * @param days the number of business days, for {@link Kind#BUSINESS_DAYS}; zero otherwise
 * @param calendarId the business calendar's id in the Rapport's {@code BusinessCalendars}; empty for calendar time
 */
public record Age(Kind kind, Duration time, int days, Optional<String> calendarId) {

    /** The longest age a rule may wait for: ten years, or 2,600 business days. */
    public static final Duration MAX = Duration.ofDays(3_650);

    /** The most business days a rule may wait for. */
    public static final int MAX_DAYS = 2_600;

    /** How an age is counted. */
    public enum Kind {
        /** Elapsed calendar time. */
        CALENDAR,
        /** Open time on a business calendar. */
        BUSINESS_TIME,
        /** Whole business days on a business calendar. */
        BUSINESS_DAYS
    }

    /**
     * Checks the age.
     *
     * @param kind how the time is counted
     * @param time the duration, for {@link Kind#CALENDAR} and {@link Kind#BUSINESS_TIME}; zero otherwise
     * @param days the number of business days, for {@link Kind#BUSINESS_DAYS}; zero otherwise
     * @param calendarId the business calendar's id in the Rapport's {@code BusinessCalendars}; empty for calendar time
     * @throws ValidationException naming {@code age} if the duration is missing, not positive or above {@link #MAX},
     *         the day count is not 1 to {@link #MAX_DAYS}, or a calendar id is missing or blank where needed
     */
    public Age {
        if (kind == null) {
            throw invalid("NotNull", "must say how the time is counted");
        }
        calendarId = calendarId == null ? Optional.empty() : calendarId;
        if (kind == Kind.BUSINESS_DAYS) {
            if (days < 1 || days > MAX_DAYS) {
                throw invalid("Range", "must be 1 to " + MAX_DAYS + " business days, was " + days);
            }
            time = Duration.ZERO;
        } else {
            if (time == null || time.isNegative() || time.isZero() || time.compareTo(MAX) > 0) {
                throw invalid("Range", "must be a positive duration of at most " + MAX.toDays() + " days, was "
                        + time);
            }
            days = 0;
        }
        if (kind == Kind.CALENDAR) {
            calendarId = Optional.empty();
        } else if (calendarId.isEmpty() || calendarId.get().isBlank() || calendarId.get().length() > 64) {
            throw invalid("Calendar", "must name a business calendar (1 to 64 characters)");
        }
    }

    private static ValidationException invalid(String rule, String message) {
        return ValidationException.of("AutomationRule", "age", rule, message);
    }

    /**
     * Calendar time.
     *
     * @param time how long; positive, at most {@link #MAX}
     * @return the age
     */
    public static Age calendar(Duration time) {
        return new Age(Kind.CALENDAR, time, 0, Optional.empty());
    }

    /**
     * Business time on a calendar.
     *
     * @param time how much open time; positive, at most {@link #MAX}
     * @param calendarId the calendar's id in the Rapport's {@code BusinessCalendars}
     * @return the age
     */
    public static Age businessTime(Duration time, String calendarId) {
        return new Age(Kind.BUSINESS_TIME, time, 0, Optional.ofNullable(calendarId));
    }

    /**
     * Whole business days on a calendar.
     *
     * @param days how many; 1 to {@link #MAX_DAYS}
     * @param calendarId the calendar's id in the Rapport's {@code BusinessCalendars}
     * @return the age
     */
    public static Age businessDays(int days, String calendarId) {
        return new Age(Kind.BUSINESS_DAYS, null, days, Optional.ofNullable(calendarId));
    }

    /**
     * The instant at which this age is reached when counting starts at {@code from}.
     *
     * @param from when the wait started
     * @param calendars where the calendar is looked up
     * @return when the age is reached
     * @throws IllegalArgumentException if the calendar is not among the calendars
     */
    public Instant reachedAt(Instant from, BusinessCalendars calendars) {
        Objects.requireNonNull(from, "from");
        if (kind == Kind.CALENDAR) {
            return from.plus(time);
        }
        BusinessCalendar calendar = calendars.find(calendarId.orElseThrow()).orElseThrow(
                () -> new IllegalArgumentException("no business calendar " + calendarId.get()));
        if (kind == Kind.BUSINESS_TIME) {
            return calendar.plus(from, time);
        }
        LocalDate start = from.atZone(calendar.zone()).toLocalDate();
        LocalDate day = calendar.plusBusinessDays(start, days);
        List<TimeRange> open = calendar.openIntervals(day);
        return open.get(open.size() - 1).to();
    }

    /** The age in words, for example {@code "3 business days on shop"} or {@code "PT48H"}. */
    @Override
    public String toString() {
        return switch (kind) {
            case CALENDAR -> time.toString();
            case BUSINESS_TIME -> time + " of business time on " + calendarId.orElseThrow();
            case BUSINESS_DAYS -> days + " business days on " + calendarId.orElseThrow();
        };
    }
}
