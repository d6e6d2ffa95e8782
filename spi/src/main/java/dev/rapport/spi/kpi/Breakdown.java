package dev.rapport.spi.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How to break a KPI down: by a dimension, and for {@link Dimension#PERIOD} by which periods in which time zone.
 *
 * @param dimension the dimension
 * @param granularity the period length; used only by {@link Dimension#PERIOD}
 * @param zone the time zone periods are cut in; used only by {@link Dimension#PERIOD}
 */
public record Breakdown(Dimension dimension, Granularity granularity, ZoneId zone) {

    /** No breakdown. */
    public static final Breakdown TOTAL = new Breakdown(Dimension.TOTAL, Granularity.DAY, ZoneOffset.UTC);

    /** Checks every part is present. */
    public Breakdown {
        if (dimension == null) {
            throw ValidationException.of("Breakdown", "dimension", "NotNull", "must not be null");
        }
        if (granularity == null) {
            throw ValidationException.of("Breakdown", "granularity", "NotNull", "must not be null");
        }
        if (zone == null) {
            throw ValidationException.of("Breakdown", "zone", "NotNull", "must not be null");
        }
    }

    /** A breakdown by a dimension other than the period (for the period, use {@link #byPeriod}). */
    public static Breakdown by(Dimension dimension) {
        return new Breakdown(dimension, Granularity.DAY, ZoneOffset.UTC);
    }

    /** A breakdown by days, weeks or months in a time zone. */
    public static Breakdown byPeriod(Granularity granularity, ZoneId zone) {
        return new Breakdown(Dimension.PERIOD, granularity, zone);
    }

    /** Whether this is a breakdown by period. */
    public boolean isPeriod() {
        return dimension == Dimension.PERIOD;
    }

    /**
     * The group of the period of this breakdown that starts on a local date: labelled with the date, covering local
     * midnight of that date to local midnight of the next period's first date in this breakdown's zone, cut to the
     * requested period. This is how every implementation of {@link KpiQueries} names a period, whichever way it finds
     * the date.
     *
     * @param firstDay the first local date of the period, as {@link Granularity#start} gives it
     * @param within the requested period
     */
    public GroupKey period(LocalDate firstDay, TimeRange within) {
        Instant from = firstDay.atStartOfDay(zone).toInstant();
        Instant to = granularity.next(firstDay).atStartOfDay(zone).toInstant();
        Instant cutFrom = from.isBefore(within.from()) ? within.from() : from;
        Instant cutTo = to.isAfter(within.to()) ? within.to() : to;
        return GroupKey.period(firstDay.toString(), TimeRange.of(cutFrom, cutTo.isBefore(cutFrom) ? cutFrom : cutTo));
    }
}
