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

    /** The first day of the period holding the date. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The first day of the period after the one starting on {@code start}. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
