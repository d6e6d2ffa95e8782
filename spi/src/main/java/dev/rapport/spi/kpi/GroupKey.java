package dev.rapport.spi.kpi;

import dev.rapport.spi.TimeRange;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One group of a breakdown: the dimension and the value records in it share. For a period the value is the
 * period's first local date ({@code 2024-03-04}) and the range is the period, cut to the requested one.
 *
 * @param dimension the dimension
 * @param value the shared value; empty for records without one (and for the total)
 * @param range for periods, the instants the group covers
 */
public record GroupKey(Dimension dimension, Optional<String> value, Optional<TimeRange> range)
        implements Comparable<GroupKey> {

    /** The single group of a breakdown by {@link Dimension#TOTAL}. */
    public static final GroupKey TOTAL = new GroupKey(Dimension.TOTAL, Optional.empty(), Optional.empty());

    /** What {@link #label()} says for a group without a value. */
    public static final String NONE_LABEL = "(none)";

    private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::dimension)
            .thenComparing((GroupKey k) -> k.range.map(TimeRange::from).orElse(null),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing((GroupKey k) -> k.value.orElse(null), Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Checks the parts are present.
     *
     * @param dimension the dimension
     * @param value the shared value; empty for records without one (and for the total)
     * @param range for periods, the instants the group covers
     */
    public GroupKey {
        Objects.requireNonNull(dimension, "dimension");
        value = value == null ? Optional.empty() : value;
        range = range == null ? Optional.empty() : range;
    }

    /**
     * The group of a dimension holding the value; null means the records without one.
     *
     * @param dimension the dimension the group belongs to
     * @param value the value the records in the group share; null for the group of records without one
     * @return the group, without a range
     */
    public static GroupKey of(Dimension dimension, String value) {
        return new GroupKey(dimension, Optional.ofNullable(value), Optional.empty());
    }

    /**
     * The group of a period starting on a local date and covering a range of instants.
     *
     * @param firstDay the period's first local date in ISO form, for example {@code 2024-03-04}
     * @param range the instants the period covers, cut to the requested period
     * @return the group of dimension {@link Dimension#PERIOD}
     */
    public static GroupKey period(String firstDay, TimeRange range) {
        return new GroupKey(Dimension.PERIOD, Optional.of(firstDay), Optional.of(range));
    }

    /**
     * The value, or {@value #NONE_LABEL}; {@code all} for the total.
     *
     * @return the group's name for reports: its value, {@value #NONE_LABEL} when it has none, or {@code all} for the
     *        total
     */
    public String label() {
        if (dimension == Dimension.TOTAL) {
            return "all";
        }
        return value.orElse(NONE_LABEL);
    }

    /** Periods by start, others by value with the group without value last. */
    @Override
    public int compareTo(GroupKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return dimension + "=" + label();
    }
}
