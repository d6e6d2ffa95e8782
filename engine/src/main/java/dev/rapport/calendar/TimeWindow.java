package dev.rapport.calendar;

import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A stretch of local time within one day during which the business is open, {@code [start, end)}. An end of
 * {@code 00:00} means midnight at the end of the day, so {@code 00:00-00:00} is the whole day.
 *
 * @param start the first local time open
 * @param end the first local time closed again; after {@code start}, or {@code 00:00} for the end of the day
 */
public record TimeWindow(LocalTime start, LocalTime end) {

    /** The whole day, {@code 00:00-24:00}. */
    public static final TimeWindow WHOLE_DAY = new TimeWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    /**
     * Checks the window is present and ordered.
     *
     * @param start the first local time open
     * @param end the first local time closed again; after {@code start}, or {@code 00:00} for the end of the day
     */
    public TimeWindow {
        if (start == null) {
            throw ValidationException.of("TimeWindow", "start", "NotNull", "must not be null");
        }
        if (end == null) {
            throw ValidationException.of("TimeWindow", "end", "NotNull", "must not be null");
        }
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw ValidationException.of("TimeWindow", "end", "EndAfterStart",
                    "must be after start " + start + " (use 00:00 for the end of the day), was " + end);
        }
    }

    /**
     * The window between two local times.
     *
     * @param start the first local time open
     * @param end the first local time closed again; after {@code start}, or {@link LocalTime#MIDNIGHT} for the end of
     *         the day
     * @return the window {@code [start, end)}
     */
    public static TimeWindow of(LocalTime start, LocalTime end) {
        return new TimeWindow(start, end);
    }

    /**
     * The window between two local times written as {@code HH:mm}, for example {@code of("09:00", "12:30")}.
     *
     * @param start the first local time open, as {@code HH:mm}
     * @param end the first local time closed again, as {@code HH:mm}; after {@code start}, or {@code "00:00"} for the
     *         end of the day
     * @return the window {@code [start, end)}
     */
    public static TimeWindow of(String start, String end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        return new TimeWindow(LocalTime.parse(start), LocalTime.parse(end));
    }

    /**
     * Whether the window runs to the end of the day.
     *
     * @return {@code true} if the end is {@code 00:00}, meaning midnight at the end of the day
     */
    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /**
     * The window's nominal length on a day without a daylight-saving change.
     *
     * @return the time from start to end, with an end of {@code 00:00} counted as 24:00; the whole day is 24 hours
     */
    public Duration nominalLength() {
        return endsAtMidnight() ? Duration.between(start, LocalTime.MAX).plusNanos(1) : Duration.between(start, end);
    }

    /**
     * Whether this window shares any time with another one.
     *
     * @param other another window of the same day
     * @return {@code true} if the two windows share at least an instant; windows that only touch do not overlap
     */
    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.effectiveEnd()) && other.start.isBefore(effectiveEnd());
    }

    private LocalTime effectiveEnd() {
        return endsAtMidnight() ? LocalTime.MAX : end;
    }

    @Override
    public String toString() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }
}
