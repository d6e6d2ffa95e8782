package dev.rapport.spi.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import dev.rapport.spi.field.TagsAndFields;

/**
 * How to break a KPI down: by a dimension, and for {@link Dimension#PERIOD} by which periods in which time zone.
 *
 * @param dimension the dimension
 * @param granularity the period length; used only by {@link Dimension#PERIOD}
 * @param zone the time zone periods are cut in; used only by {@link Dimension#PERIOD}
 * @param field the name of the custom field a {@link Dimension#FIELD} (a case's field) or
 *        {@link Dimension#CUSTOMER_FIELD} (a customer's field) breakdown groups by; empty for every other dimension
 */
public record Breakdown(Dimension dimension, Granularity granularity, ZoneId zone, Optional<String> field) {

    /** No breakdown. */
    public static final Breakdown TOTAL = new Breakdown(Dimension.TOTAL, Granularity.DAY, ZoneOffset.UTC);

    /**
     * Checks every part is present.
     *
     * @param dimension the dimension
     * @param granularity the period length; used only by {@link Dimension#PERIOD}
     * @param zone the time zone periods are cut in; used only by {@link Dimension#PERIOD}
     * @param field the name of the custom field a {@link Dimension#FIELD} breakdown groups by; empty for every other
     *        dimension
     */
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
        field = field == null ? Optional.empty() : field;
        boolean byField = dimension == Dimension.FIELD || dimension == Dimension.CUSTOMER_FIELD;
        if (byField && !field.filter(TagsAndFields::isCode).isPresent()) {
            throw ValidationException.of("Breakdown", "field", "Code",
                    "must name a custom field: 1 to 64 letters, digits, '_', '.' or '-'");
        }
        if (!byField && field.isPresent()) {
            throw ValidationException.of("Breakdown", "field", "Null",
                    "is only given for a breakdown by FIELD or CUSTOMER_FIELD");
        }
    }

    /**
     * A breakdown without a field name.
     *
     * @param dimension the dimension; not {@link Dimension#FIELD} nor {@link Dimension#CUSTOMER_FIELD}
     * @param granularity the period length
     * @param zone the time zone periods are cut in
     */
    public Breakdown(Dimension dimension, Granularity granularity, ZoneId zone) {
        this(dimension, granularity, zone, Optional.empty());
    }

    /**
     * A breakdown by the value of a custom field of the case.
     *
     * @param field the field's name
     * @return the breakdown
     * @throws ValidationException naming {@code field} if it is no code
     */
    public static Breakdown byField(String field) {
        return new Breakdown(Dimension.FIELD, Granularity.DAY, ZoneOffset.UTC, Optional.ofNullable(field));
    }

    /**
     * A breakdown by the value of a custom field of the customer the records are about.
     *
     * @param field the field's name, as declared for customers
     * @return the breakdown
     * @throws ValidationException naming {@code field} if it is no code
     */
    public static Breakdown byCustomerField(String field) {
        return new Breakdown(Dimension.CUSTOMER_FIELD, Granularity.DAY, ZoneOffset.UTC, Optional.ofNullable(field));
    }

    /**
     * Whether this breakdown groups by a custom field, of the case ({@link Dimension#FIELD}) or of the customer
     * ({@link Dimension#CUSTOMER_FIELD}); {@link #field()} then names it.
     *
     * @return whether it groups by a custom field
     */
    public boolean isByField() {
        return dimension == Dimension.FIELD || dimension == Dimension.CUSTOMER_FIELD;
    }

    /**
     * A breakdown by a dimension other than the period (for the period, use {@link #byPeriod}).
     *
     * @param dimension the dimension to group by; not {@link Dimension#FIELD} nor {@link Dimension#CUSTOMER_FIELD},
     *        which need a field name
     * @return the breakdown by that dimension, with the unused granularity and zone set to day and UTC
     */
    public static Breakdown by(Dimension dimension) {
        return new Breakdown(dimension, Granularity.DAY, ZoneOffset.UTC);
    }

    /**
     * A breakdown by days, weeks or months in a time zone.
     *
     * @param granularity the period length: days, ISO weeks or calendar months
     * @param zone the time zone whose local midnights cut the periods
     * @return the breakdown by {@link Dimension#PERIOD}
     */
    public static Breakdown byPeriod(Granularity granularity, ZoneId zone) {
        return new Breakdown(Dimension.PERIOD, granularity, zone);
    }

    /**
     * Whether this is a breakdown by period.
     *
     * @return true if {@link #dimension()} is {@link Dimension#PERIOD}, false otherwise
     */
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
     * @return the group of dimension {@link Dimension#PERIOD}, labelled with {@code firstDay} in ISO form, whose range
     *        is the period cut to {@code within} (empty if they do not overlap)
     */
    public GroupKey period(LocalDate firstDay, TimeRange within) {
        Instant from = firstDay.atStartOfDay(zone).toInstant();
        Instant to = granularity.next(firstDay).atStartOfDay(zone).toInstant();
        Instant cutFrom = from.isBefore(within.from()) ? within.from() : from;
        Instant cutTo = to.isAfter(within.to()) ? within.to() : to;
        return GroupKey.period(firstDay.toString(), TimeRange.of(cutFrom, cutTo.isBefore(cutFrom) ? cutFrom : cutTo));
    }
}
