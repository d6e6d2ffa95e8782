package dev.rapport.followup;

import dev.rapport.spi.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in {@link SendWindow}: quiet hours per day of the week, allowed days of the week and holidays, all in
 * the recipient's local time. Correct across daylight-saving changes: a local time that does not exist on the day
 * the clocks go forward is reached at the first instant after the gap, and a local time that happens twice on the
 * day they go back counts from its first occurrence.
 *
 * <p>Quiet hours are clock times on one local day: {@code quietHours(21:00, 08:00)} makes every day quiet before
 * 08:00 and from 21:00 on. Equal start and end mean no quiet hours. A day that is not allowed, or a holiday, is quiet
 * all day. Immutable and thread-safe.
 */
public final class WeeklySendWindow implements SendWindow {

    /** Default start of quiet hours, every day: 21:00 local time. */
    public static final LocalTime DEFAULT_QUIET_FROM = LocalTime.of(21, 0);
    /** Default end of quiet hours, every day: 08:00 local time. */
    public static final LocalTime DEFAULT_QUIET_UNTIL = LocalTime.of(8, 0);
    /** How far ahead, in days, {@link #nextAllowed(Instant, ZoneId)} looks before giving up. */
    public static final int SEARCH_DAYS = 800;

    /** An allowed stretch of one local day, from {@code start} inclusive to {@code end} exclusive; end null = midnight. */
    private record Span(LocalTime start, LocalTime end) {
        boolean endsAfter(LocalTime time) {
            return end == null || end.isAfter(time);
        }
    }

    private final Map<DayOfWeek, List<Span>> spans;
    private final Map<DayOfWeek, LocalTime[]> quietHours;
    private final Set<DayOfWeek> allowedDays;
    private final Set<LocalDate> holidays;
    private final Set<MonthDay> annualHolidays;

    private WeeklySendWindow(Builder b) {
        quietHours = new EnumMap<>(b.quietHours);
        allowedDays = Set.copyOf(b.allowedDays);
        holidays = Set.copyOf(b.holidays);
        annualHolidays = Set.copyOf(b.annualHolidays);
        Map<DayOfWeek, List<Span>> byDay = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            byDay.put(day, allowedSpans(quietHours.get(day)));
        }
        spans = byDay;
    }

    private static List<Span> allowedSpans(LocalTime[] quiet) {
        LocalTime from = quiet[0];
        LocalTime until = quiet[1];
        List<Span> result = new ArrayList<>();
        if (from.equals(until)) {
            result.add(new Span(LocalTime.MIDNIGHT, null));
        } else if (from.isAfter(until)) {
            // quiet before `until` and from `from` on: allowed in between
            result.add(new Span(until, from));
        } else {
            // quiet from `from` to `until` inside the day
            if (from.isAfter(LocalTime.MIDNIGHT)) {
                result.add(new Span(LocalTime.MIDNIGHT, from));
            }
            result.add(new Span(until, null));
        }
        return List.copyOf(result);
    }

    /**
     * A builder with the defaults: every day allowed, quiet 21:00 to 08:00, no holidays.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether sending is allowed at all on this local date: an allowed day of the week and not a holiday.
     *
     * @param date a date in the recipient's local calendar
     * @return {@code true} if the date falls on an allowed day of the week and is no holiday
     */
    public boolean isSendingDay(LocalDate date) {
        return allowedDays.contains(date.getDayOfWeek()) && !holidays.contains(date)
                && !annualHolidays.contains(MonthDay.from(date));
    }

    @Override
    public Instant nextAllowed(Instant earliest, ZoneId zone) {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(zone, "zone");
        LocalDate limit = earliest.atZone(zone).toLocalDate().plusDays(SEARCH_DAYS);
        Instant t = earliest;
        while (true) {
            ZonedDateTime local = t.atZone(zone);
            LocalDate date = local.toLocalDate();
            if (date.isAfter(limit)) {
                throw new IllegalStateException("no allowed send time within " + SEARCH_DAYS + " days");
            }
            LocalTime time = local.toLocalTime();
            Span span = isSendingDay(date) ? firstSpanEndingAfter(date.getDayOfWeek(), time) : null;
            if (span == null) {
                t = date.plusDays(1).atStartOfDay(zone).toInstant();
            } else if (!span.start().isAfter(time)) {
                return t;
            } else {
                Instant next = earliestAtOrAfter(date.atTime(span.start()), zone, t);
                if (!next.isAfter(t)) {
                    throw new IllegalStateException("send window search made no progress"); // cannot happen
                }
                t = next;
            }
        }
    }

    private Span firstSpanEndingAfter(DayOfWeek day, LocalTime time) {
        for (Span span : spans.get(day)) {
            if (span.endsAfter(time)) {
                return span;
            }
        }
        return null;
    }

    /**
     * The first instant at or after {@code notBefore} whose local time is {@code localStart}: in a gap, the end of
     * the gap; in an overlap, the first occurrence that is not before {@code notBefore}.
     */
    private static Instant earliestAtOrAfter(LocalDateTime localStart, ZoneId zone, Instant notBefore) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(localStart);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(localStart);
            return gap.getInstant();
        }
        Instant best = null;
        for (ZoneOffset offset : offsets) {
            Instant candidate = localStart.toInstant(offset);
            if (!candidate.isBefore(notBefore) && (best == null || candidate.isBefore(best))) {
                best = candidate;
            }
        }
        return best != null ? best : localStart.toInstant(offsets.get(offsets.size() - 1));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("WeeklySendWindow[");
        for (DayOfWeek day : DayOfWeek.values()) {
            LocalTime[] quiet = quietHours.get(day);
            text.append(day.name(), 0, 3).append(allowedDays.contains(day) ? " quiet " + quiet[0] + "-" + quiet[1] : " off")
                    .append(", ");
        }
        return text.append(holidays.size()).append(" holidays, ").append(annualHolidays.size())
                .append(" annual holidays]").toString();
    }

    /** Builds {@link WeeklySendWindow}s; not thread-safe. */
    public static final class Builder {
        private final Map<DayOfWeek, LocalTime[]> quietHours = new EnumMap<>(DayOfWeek.class);
        private Set<DayOfWeek> allowedDays = EnumSet.allOf(DayOfWeek.class);
        private Set<LocalDate> holidays = Set.of();
        private Set<MonthDay> annualHolidays = Set.of();

        private Builder() {
            quietHours(DEFAULT_QUIET_FROM, DEFAULT_QUIET_UNTIL);
        }

        /**
         * Sets the quiet hours of every day; default {@link #DEFAULT_QUIET_FROM} to {@link #DEFAULT_QUIET_UNTIL}.
         * Replaces earlier per-day settings.
         *
         * @param from local time quiet hours start, inclusive
         * @param until local time they end, exclusive; before {@code from} means they run over midnight
         * @return this builder
         */
        public Builder quietHours(LocalTime from, LocalTime until) {
            requireTimes(from, until);
            for (DayOfWeek day : DayOfWeek.values()) {
                quietHours.put(day, new LocalTime[] {from, until});
            }
            return this;
        }

        /**
         * Sets the quiet hours of one day of the week; default as for {@link #quietHours(LocalTime, LocalTime)}.
         *
         * @param day the day of the week
         * @param from local time quiet hours start, inclusive
         * @param until local time they end, exclusive; before {@code from} means they run over midnight into the next
         *         day
         * @return this builder
         */
        public Builder quietHours(DayOfWeek day, LocalTime from, LocalTime until) {
            if (day == null) {
                throw ValidationException.of("WeeklySendWindow", "day", "NotNull", "must not be null");
            }
            requireTimes(from, until);
            quietHours.put(day, new LocalTime[] {from, until});
            return this;
        }

        /**
         * Removes quiet hours on every day; the default has them.
         *
         * @return this builder
         */
        public Builder noQuietHours() {
            return quietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }

        /**
         * Sets the days of the week on which sending is allowed at all; default every day.
         *
         * @param days the allowed days; at least one
         * @return this builder
         */
        public Builder allowedDays(Set<DayOfWeek> days) {
            if (days == null || days.isEmpty() || hasNull(days)) {
                throw ValidationException.of("WeeklySendWindow", "allowedDays", "NotEmpty",
                        "must name at least one day of the week");
            }
            allowedDays = EnumSet.copyOf(days);
            return this;
        }

        /**
         * Sets the dates, in the recipient's local calendar, on which nothing is sent; default none.
         *
         * @param dates the dates; replaces any given before
         * @return this builder
         */
        public Builder holidays(Collection<LocalDate> dates) {
            if (dates == null || hasNull(dates)) {
                throw ValidationException.of("WeeklySendWindow", "holidays", "NotNull", "must not be or hold null");
            }
            holidays = Set.copyOf(dates);
            return this;
        }

        /**
         * Sets the days of every year on which nothing is sent, for example 25 December; default none.
         *
         * @param days the days of the year; replaces any given before
         * @return this builder
         */
        public Builder annualHolidays(Collection<MonthDay> days) {
            if (days == null || hasNull(days)) {
                throw ValidationException.of("WeeklySendWindow", "annualHolidays", "NotNull",
                        "must not be or hold null");
            }
            annualHolidays = Set.copyOf(days);
            return this;
        }

        /**
         * The window.
         *
         * @return the immutable window
         */
        public WeeklySendWindow build() {
            return new WeeklySendWindow(this);
        }

        private static boolean hasNull(Collection<?> values) {
            return values.stream().anyMatch(Objects::isNull);
        }

        private static void requireTimes(LocalTime from, LocalTime until) {
            List<ValidationException.Violation> violations = new ArrayList<>();
            if (from == null) {
                violations.add(new ValidationException.Violation("quietFrom", "NotNull", "must not be null"));
            }
            if (until == null) {
                violations.add(new ValidationException.Violation("quietUntil", "NotNull", "must not be null"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("WeeklySendWindow", violations);
            }
            if (!from.truncatedTo(ChronoUnit.MINUTES).equals(from) || !until.truncatedTo(ChronoUnit.MINUTES).equals(until)) {
                throw ValidationException.of("WeeklySendWindow", "quietHours", "WholeMinutes",
                        "must be whole minutes");
            }
        }
    }
}
