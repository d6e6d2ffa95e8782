package dev.rapport.calendar;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Opening hours for each day of the week, each day with any number of windows (split shifts, a lunch break).
 * Immutable and thread-safe; built with {@link #builder()}, which rejects overlapping windows.
 */
public final class WeeklyHours {

    private static final WeeklyHours CLOSED = new WeeklyHours(new EnumMap<>(DayOfWeek.class));

    private final Map<DayOfWeek, List<TimeWindow>> days;

    private WeeklyHours(Map<DayOfWeek, List<TimeWindow>> days) {
        EnumMap<DayOfWeek, List<TimeWindow>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, windows) -> copy.put(day, List.copyOf(windows)));
        this.days = copy;
    }

    /**
     * Hours with no open time on any day.
     *
     * @return the shared instance closed every day of the week
     */
    public static WeeklyHours closed() {
        return CLOSED;
    }

    /**
     * A builder with every day closed.
     *
     * @return a new builder; each day stays closed until windows are added to it
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The windows of a day, in order; empty when closed all day.
     *
     * @param day the day of the week
     * @return the day's open windows sorted by start time, never overlapping; empty if the day is closed
     */
    public List<TimeWindow> on(DayOfWeek day) {
        return days.getOrDefault(Objects.requireNonNull(day, "day"), List.of());
    }

    /**
     * Whether at least one day has open time.
     *
     * @return {@code true} if some day has a window; {@code false} for hours closed all week
     */
    public boolean hasOpenTime() {
        return days.values().stream().anyMatch(w -> !w.isEmpty());
    }

    /**
     * The nominal open time in a week without daylight-saving changes.
     *
     * @return the sum of the nominal lengths of all windows of the seven days; zero when closed all week
     */
    public Duration nominalWeeklyTotal() {
        return days.values().stream().flatMap(List::stream).map(TimeWindow::nominalLength)
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyHours other && days.equals(other.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return "WeeklyHours" + days;
    }

    /** Builds {@link WeeklyHours}; not thread-safe. Every day defaults to closed. */
    public static final class Builder {
        private final EnumMap<DayOfWeek, List<TimeWindow>> days = new EnumMap<>(DayOfWeek.class);

        private Builder() {
        }

        /**
         * Adds windows to a day; default none (closed).
         *
         * @param day the day of the week the windows belong to
         * @param windows local open windows of that day, in any order; checked for overlaps by {@link #build()}
         * @return this builder
         */
        public Builder on(DayOfWeek day, TimeWindow... windows) {
            Objects.requireNonNull(day, "day");
            days.computeIfAbsent(day, d -> new ArrayList<>()).addAll(Arrays.asList(windows));
            return this;
        }

        /**
         * Adds the same windows to Monday to Friday.
         *
         * @param windows local open windows given to each working day, in any order
         * @return this builder
         */
        public Builder weekdays(TimeWindow... windows) {
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                on(day, windows);
            }
            return this;
        }

        /**
         * Adds the same windows to every day of the week.
         *
         * @param windows local open windows given to each of the seven days, in any order
         * @return this builder
         */
        public Builder everyDay(TimeWindow... windows) {
            for (DayOfWeek day : DayOfWeek.values()) {
                on(day, windows);
            }
            return this;
        }

        /**
         * The hours.
         *
         * @return immutable weekly hours with each day's windows sorted by start time
         * @throws ValidationException naming each day whose windows are missing or overlap, for example
         *         {@code hours.MONDAY[1]} with rule {@code NoOverlap}
         */
        public WeeklyHours build() {
            List<Violation> violations = new ArrayList<>();
            EnumMap<DayOfWeek, List<TimeWindow>> sorted = new EnumMap<>(DayOfWeek.class);
            days.forEach((day, windows) -> {
                List<TimeWindow> list = sortedChecked(windows, "hours." + day, violations);
                if (!list.isEmpty()) {
                    sorted.put(day, list);
                }
            });
            if (!violations.isEmpty()) {
                throw new ValidationException("WeeklyHours", violations);
            }
            return new WeeklyHours(sorted);
        }
    }

    /** The windows sorted by start; adds a violation for each null window and each overlap. */
    static List<TimeWindow> sortedChecked(List<TimeWindow> windows, String field, List<Violation> violations) {
        List<TimeWindow> list = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i) == null) {
                violations.add(new Violation(field + "[" + i + "]", "NotNull", "must not be null"));
            } else {
                list.add(windows.get(i));
            }
        }
        list.sort(Comparator.comparing(TimeWindow::start));
        for (int i = 1; i < list.size(); i++) {
            TimeWindow before = list.get(i - 1);
            TimeWindow window = list.get(i);
            if (before.overlaps(window)) {
                violations.add(new Violation(field + "[" + i + "]", "NoOverlap",
                        "window " + window + " overlaps window " + before));
            }
        }
        return list;
    }
}
