package dev.rapport.calendar;

import dev.rapport.spi.ValidationException;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A period of every year with its own weekly hours, for example longer hours before Christmas or shorter hours
 * in summer. The period runs from {@code from} to {@code to}, both days included, and may wrap the turn of the year
 * (from 1 December to 15 January).
 *
 * @param name a label for explanations, for example {@code "christmas-peak"}
 * @param from the first day of the season
 * @param to the last day of the season
 * @param hours the hours that apply during the season instead of the calendar's usual hours
 */
public record Season(String name, MonthDay from, MonthDay to, WeeklyHours hours) {

    /**
     * Checks the parts are present.
     *
     * @param name a label for explanations; not blank
     * @param from the first day of the season
     * @param to the last day of the season; before {@code from} for a season that wraps the turn of the year
     * @param hours the hours that apply during the season instead of the calendar's usual hours
     */
    public Season {
        if (name == null || name.isBlank()) {
            throw ValidationException.of("Season", "name", "NotBlank", "must not be blank");
        }
        if (from == null) {
            throw ValidationException.of("Season", "from", "NotNull", "must not be null");
        }
        if (to == null) {
            throw ValidationException.of("Season", "to", "NotNull", "must not be null");
        }
        if (hours == null) {
            throw ValidationException.of("Season", "hours", "NotNull", "must not be null");
        }
    }

    /**
     * Whether the date falls in the season.
     *
     * @param date a local date
     * @return {@code true} if the date's month and day lie between {@code from} and {@code to}, both included
     */
    public boolean contains(LocalDate date) {
        return contains(MonthDay.from(date));
    }

    /**
     * Whether the day of the year falls in the season.
     *
     * @param day a day of the year
     * @return {@code true} if the day lies between {@code from} and {@code to}, both included, wrapping the year end
     *         when {@code from} is after {@code to}
     */
    public boolean contains(MonthDay day) {
        if (!from.isAfter(to)) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
        return !day.isBefore(from) || !day.isAfter(to);
    }
}
