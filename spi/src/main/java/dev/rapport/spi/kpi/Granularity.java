package dev.rapport.spi.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The length of the periods of a {@link Dimension#PERIOD} breakdown. Periods start at local midnight. */
public enum Granularity {
    /** Calendar days. */
    DAY,
    /** ISO weeks, Monday to Sunday. */
    WEEK,
    /** Calendar months. */
    MONTH;

    /**
     * The first day of the period holding the date.
     *
     * @param date any local date
     * @return the first day of the day, ISO week (a Monday) or month holding {@code date}
     */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /**
     * The first day of the period after the one starting on {@code start}.
     *
     * @param start the first day of a period, as {@link #start} gives it
     * @return the first day of the following period: one day, one week or one month later
     */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
