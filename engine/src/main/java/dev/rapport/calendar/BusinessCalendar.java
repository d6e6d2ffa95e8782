package dev.rapport.calendar;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When the business is open, in its own time zone: weekly hours with any number of windows a day, holidays,
 * special days with other hours, and seasons of the year with other weekly hours. Answers how much business time
 * lies between two instants and when a business duration runs out, correctly across daylight-saving changes:
 * windows are local times, so a day with a 02:00 to 03:00 gap is an hour shorter where a window spans the gap.
 *
 * <p>Which hours apply on a date, first match wins: a holiday (closed), a special day, the season containing the
 * date, the usual weekly hours. A local time that does not exist on a date (in a spring-forward gap) is moved later
 * by the length of the gap; a local time that exists twice (in an autumn overlap) means its earlier occurrence.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(ZoneId)}, which rejects overlapping windows, overlapping
 * seasons and a calendar that is never open. {@link #alwaysOpen()} is calendar time: open every instant.
 */
public final class BusinessCalendar {

    /** How many days without open time a search crosses before it gives up; ten years. */
    static final int SEARCH_LIMIT_DAYS = 3_660;

    private static final BusinessCalendar ALWAYS_OPEN = new BusinessCalendar(ZoneOffset.UTC,
            WeeklyHours.builder().everyDay(TimeWindow.WHOLE_DAY).build(), List.of(), Set.of(), Map.of(), true);

    private final ZoneId zone;
    private final WeeklyHours weeklyHours;
    private final List<Season> seasons;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, List<TimeWindow>> specialDays;
    private final boolean continuous;

    private BusinessCalendar(ZoneId zone, WeeklyHours weeklyHours, List<Season> seasons, Set<LocalDate> holidays,
            Map<LocalDate, List<TimeWindow>> specialDays, boolean continuous) {
        this.zone = zone;
        this.weeklyHours = weeklyHours;
        this.seasons = List.copyOf(seasons);
        this.holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
        this.specialDays = Collections.unmodifiableMap(new TreeMap<>(specialDays));
        this.continuous = continuous;
    }

    /**
     * Calendar time: open at every instant, so business time equals elapsed time. Its zone is UTC.
     *
     * @return the shared calendar open every instant, in UTC
     */
    public static BusinessCalendar alwaysOpen() {
        return ALWAYS_OPEN;
    }

    /**
     * A builder for a calendar in the given zone; every day starts closed.
     *
     * @param zone the time zone the local opening hours, holidays and special days are read in
     * @return a new builder
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /**
     * The zone the hours are in.
     *
     * @return the time zone in which windows, holidays and special days are local; UTC for {@link #alwaysOpen()}
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The usual weekly hours.
     *
     * @return the weekly hours that apply on a date that is no holiday, special day or in a season
     */
    public WeeklyHours weeklyHours() {
        return weeklyHours;
    }

    /**
     * The seasons, in the order they were added.
     *
     * @return the seasons in the order added; earlier seasons win when asked which hours apply; empty if none
     */
    public List<Season> seasons() {
        return seasons;
    }

    /**
     * The holidays, in date order.
     *
     * @return the local dates closed all day, sorted; empty if none
     */
    public Set<LocalDate> holidays() {
        return holidays;
    }

    /**
     * The special days and their hours, in date order.
     *
     * @return each special date with its own local windows, sorted by date; an empty list of windows means closed
     */
    public Map<LocalDate, List<TimeWindow>> specialDays() {
        return specialDays;
    }

    /**
     * Whether this is calendar time, open at every instant.
     *
     * @return {@code true} only for {@link #alwaysOpen()}, where business time equals elapsed time
     */
    public boolean isAlwaysOpen() {
        return continuous;
    }

    /**
     * The local windows that apply on a date, in order; empty when closed all day.
     *
     * @param date a local date in the calendar's zone
     * @return the windows of the holiday (none), special day, season or weekly hours that applies, sorted by start
     */
    public List<TimeWindow> windowsOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (holidays.contains(date)) {
            return List.of();
        }
        List<TimeWindow> special = specialDays.get(date);
        if (special != null) {
            return special;
        }
        for (Season season : seasons) {
            if (season.contains(date)) {
                return season.hours().on(date.getDayOfWeek());
            }
        }
        return weeklyHours.on(date.getDayOfWeek());
    }

    /**
     * The open intervals of a date as instants, in order; empty when closed all day.
     *
     * @param date a local date in the calendar's zone
     * @return the instants the business is open on the date, as half-open ranges sorted by start, adjusted for
     *         daylight-saving gaps
     */
    public List<TimeRange> openIntervals(LocalDate date) {
        return spans(date).stream().map(s -> TimeRange.of(s.start(), s.end())).toList();
    }

    /**
     * Whether the business has any open time on a date.
     *
     * @param date a local date in the calendar's zone
     * @return {@code true} if at least one window of the date has open time
     */
    public boolean isBusinessDay(LocalDate date) {
        return !spans(date).isEmpty();
    }

    /**
     * Whether the business is open at an instant.
     *
     * @param instant the instant to check
     * @return {@code true} if the instant falls within an open window of its local date; always {@code true} when
     *         always open
     */
    public boolean isOpen(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (continuous) {
            return true;
        }
        for (Span span : spans(localDate(instant))) {
            if (!instant.isBefore(span.start()) && instant.isBefore(span.end())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The earliest instant at or after the given one at which the business is open: the instant itself when open.
     *
     * @param instant the instant from which to look
     * @return the instant itself if the business is open then, otherwise the start of the next open window
     * @throws IllegalStateException if there is no open time within ten years
     */
    public Instant nextOpening(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (continuous) {
            return instant;
        }
        LocalDate date = localDate(instant);
        for (int i = 0; i <= SEARCH_LIMIT_DAYS; i++, date = date.plusDays(1)) {
            for (Span span : spans(date)) {
                if (span.end().isAfter(instant)) {
                    return span.start().isAfter(instant) ? span.start() : instant;
                }
            }
        }
        throw noOpenTime(instant);
    }

    /**
     * The instant at which a given amount of business time has passed since {@code start}. A zero duration gives
     * {@code start} itself; otherwise the result lies within an open window or at its end.
     *
     * @param start the instant business time starts counting from; need not be in open time
     * @param businessTime how much open time must pass; zero or more
     * @return the instant when that much open time has passed; {@code start} for a zero duration
     * @throws ValidationException if the duration is negative
     * @throws IllegalStateException if the calendar runs out of open time (no open time within ten years)
     */
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(businessTime, "businessTime");
        if (businessTime.isNegative()) {
            throw ValidationException.of("BusinessCalendar", "businessTime", "PositiveOrZero",
                    "must be zero or more, was " + businessTime);
        }
        if (businessTime.isZero() || continuous) {
            return start.plus(businessTime);
        }
        Duration remaining = businessTime;
        LocalDate date = localDate(start);
        int closedDays = 0;
        while (closedDays <= SEARCH_LIMIT_DAYS) {
            boolean open = false;
            for (Span span : spans(date)) {
                if (!span.end().isAfter(start)) {
                    continue;
                }
                open = true;
                Instant from = span.start().isAfter(start) ? span.start() : start;
                Duration length = Duration.between(from, span.end());
                if (remaining.compareTo(length) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(length);
            }
            closedDays = open ? 0 : closedDays + 1;
            date = date.plusDays(1);
        }
        throw noOpenTime(start);
    }

    /**
     * The business time between two instants: how long the business was open in {@code [from, to)}. Negative when
     * {@code to} is before {@code from}.
     *
     * @param from the start of the interval, included
     * @param to the end of the interval, excluded
     * @return the open time within the interval, negated when {@code to} is before {@code from}; zero when closed
     *         throughout
     */
    public Duration businessTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return businessTimeBetween(to, from).negated();
        }
        if (continuous) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = localDate(to);
        for (LocalDate date = localDate(from); !date.isAfter(last); date = date.plusDays(1)) {
            for (Span span : spans(date)) {
                Instant start = span.start().isAfter(from) ? span.start() : from;
                Instant end = span.end().isBefore(to) ? span.end() : to;
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The n-th business day after a date, counting only the days after it; {@code n = 0} gives the date itself.
     *
     * @param date the local date counted from; it does not count itself, and need not be a business day
     * @param n how many business days to move forward; zero or more
     * @return the n-th business day after the date, or the date itself when {@code n} is zero
     * @throws ValidationException if {@code n} is negative
     */
    public LocalDate plusBusinessDays(LocalDate date, int n) {
        Objects.requireNonNull(date, "date");
        if (n < 0) {
            throw ValidationException.of("BusinessCalendar", "n", "PositiveOrZero", "must be zero or more, was " + n);
        }
        LocalDate day = date;
        int closedDays = 0;
        for (int found = 0; found < n; ) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                found++;
                closedDays = 0;
            } else if (++closedDays > SEARCH_LIMIT_DAYS) {
                throw noOpenTime(day.atStartOfDay(zone).toInstant());
            }
        }
        return day;
    }

    /**
     * The business day an instant counts toward: its local date when that is a business day and the instant is
     * before that day's close of business; otherwise the next business day. This is how regulators count the day
     * of receipt of a complaint that arrives after hours or on a holiday.
     *
     * @param instant the instant something was received
     * @return the local business day the instant counts toward
     */
    public LocalDate businessDayOf(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        LocalDate date = localDate(instant);
        List<Span> spans = spans(date);
        if (!spans.isEmpty() && instant.isBefore(spans.get(spans.size() - 1).end())) {
            return date;
        }
        return plusBusinessDays(date, 1);
    }

    /**
     * The close of business on a date: the end of its last open window.
     *
     * @param date a business day, local to the calendar's zone
     * @return the instant the last open window of the date ends
     * @throws ValidationException if the date is not a business day
     */
    public Instant closeOfBusiness(LocalDate date) {
        List<Span> spans = spans(date);
        if (spans.isEmpty()) {
            throw ValidationException.of("BusinessCalendar", "date", "BusinessDay",
                    "must be a business day, " + date + " is not");
        }
        return spans.get(spans.size() - 1).end();
    }

    /**
     * The close of business on the n-th business day after the day of receipt, for deadlines such as "by the close
     * of the third business day after receipt". The day of receipt is {@link #businessDayOf(Instant)}: something
     * received after hours or on a closed day counts as received on the next business day. {@code n = 0} gives the
     * close of business on the day of receipt.
     *
     * @param received the instant something was received
     * @param n how many business days after the day of receipt; zero or more
     * @return the instant the business closes on that business day
     * @throws ValidationException if {@code n} is negative
     */
    public Instant endOfNthBusinessDayAfter(Instant received, int n) {
        return closeOfBusiness(plusBusinessDays(businessDayOf(received), n));
    }

    private LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private List<Span> spans(LocalDate date) {
        return Span.of(zone, date, windowsOn(date));
    }

    private IllegalStateException noOpenTime(Instant from) {
        return new IllegalStateException("business calendar in " + zone + " has no open time within "
                + SEARCH_LIMIT_DAYS + " days after " + from);
    }

    @Override
    public String toString() {
        return continuous ? "BusinessCalendar[always open]"
                : "BusinessCalendar[zone=" + zone + ", hours=" + weeklyHours + ", seasons=" + seasons.size()
                        + ", holidays=" + holidays.size() + ", specialDays=" + specialDays.size() + "]";
    }

    /**
     * Builds a {@link BusinessCalendar}; not thread-safe. Defaults: every day closed, no holidays, no special days,
     * no seasons; at least one day must get open hours.
     */
    public static final class Builder {
        private final ZoneId zone;
        private final WeeklyHours.Builder weekly = WeeklyHours.builder();
        private final Set<LocalDate> holidays = new TreeSet<>();
        private final Map<LocalDate, List<TimeWindow>> specialDays = new TreeMap<>();
        private final List<Season> seasons = new ArrayList<>();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        /**
         * Adds open windows to a day of the week; default none (closed).
         *
         * @param day the day of the week the windows belong to
         * @param windows local open windows of that day, in any order; checked for overlaps by {@link #build()}
         * @return this builder
         */
        public Builder on(DayOfWeek day, TimeWindow... windows) {
            weekly.on(day, windows);
            return this;
        }

        /**
         * Adds the same open windows to Monday to Friday.
         *
         * @param windows local open windows given to each working day, in any order
         * @return this builder
         */
        public Builder weekdays(TimeWindow... windows) {
            weekly.weekdays(windows);
            return this;
        }

        /**
         * Adds the same open windows to every day of the week.
         *
         * @param windows local open windows given to each of the seven days, in any order
         * @return this builder
         */
        public Builder everyDay(TimeWindow... windows) {
            weekly.everyDay(windows);
            return this;
        }

        /**
         * Adds every window of the given weekly hours to the usual hours.
         *
         * @param hours weekly hours whose windows are added to the days' usual windows
         * @return this builder
         */
        public Builder weeklyHours(WeeklyHours hours) {
            Objects.requireNonNull(hours, "hours");
            for (DayOfWeek day : DayOfWeek.values()) {
                on(day, hours.on(day).toArray(TimeWindow[]::new));
            }
            return this;
        }

        /**
         * Closes the business all day on a date; default no holidays.
         *
         * @param date the local date closed all day; must not also be a special day
         * @return this builder
         */
        public Builder holiday(LocalDate date) {
            holidays.add(Objects.requireNonNull(date, "date"));
            return this;
        }

        /**
         * Closes the business all day on each date.
         *
         * @param dates the local dates closed all day; none may also be a special day
         * @return this builder
         */
        public Builder holidays(Collection<LocalDate> dates) {
            dates.forEach(this::holiday);
            return this;
        }

        /**
         * Gives a date its own hours instead of the usual ones, for example a half day; no windows means closed.
         *
         * @param date the local date with its own hours; must not also be a holiday
         * @param windows the local open windows of that date, in any order; none means closed all day
         * @return this builder
         */
        public Builder specialDay(LocalDate date, TimeWindow... windows) {
            Objects.requireNonNull(date, "date");
            specialDays.computeIfAbsent(date, d -> new ArrayList<>()).addAll(Arrays.asList(windows));
            return this;
        }

        /**
         * Adds a season of the year with its own weekly hours; default no seasons.
         *
         * @param season the season; must not overlap a season already added
         * @return this builder
         */
        public Builder season(Season season) {
            seasons.add(Objects.requireNonNull(season, "season"));
            return this;
        }

        /**
         * Adds a season of the year, both days included, with its own weekly hours.
         *
         * @param name a label for explanations, for example {@code "christmas-peak"}
         * @param from the first day of the season
         * @param to the last day of the season; before {@code from} for a season that wraps the turn of the year
         * @param hours the weekly hours that apply during the season instead of the usual ones
         * @return this builder
         */
        public Builder season(String name, MonthDay from, MonthDay to, WeeklyHours hours) {
            return season(new Season(name, from, to, hours));
        }

        /**
         * The calendar.
         *
         * @return the immutable calendar
         * @throws ValidationException naming every fault: a missing zone ({@code zone}), overlapping windows
         *         ({@code hours.MONDAY[1]}, {@code specialDays[2025-12-24][1]}, rule {@code NoOverlap}), overlapping
         *         seasons ({@code seasons[1]}, {@code NoOverlap}), a date that is both a holiday and a special day
         *         ({@code specialDays[...]}, {@code NotAHoliday}) and a calendar never open ({@code hours},
         *         {@code HasOpenTime})
         */
        public BusinessCalendar build() {
            List<Violation> violations = new ArrayList<>();
            if (zone == null) {
                violations.add(new Violation("zone", "NotNull", "must not be null"));
            }
            WeeklyHours weeklyHours = WeeklyHours.closed();
            try {
                weeklyHours = weekly.build();
            } catch (ValidationException e) {
                violations.addAll(e.violations());
            }
            Map<LocalDate, List<TimeWindow>> special = new TreeMap<>();
            specialDays.forEach((date, windows) -> {
                String field = "specialDays[" + date + "]";
                special.put(date, WeeklyHours.sortedChecked(windows, field, violations));
                if (holidays.contains(date)) {
                    violations.add(new Violation(field, "NotAHoliday", "must not also be a holiday"));
                }
            });
            CalendarChecks.checkSeasons(seasons, violations);
            if (violations.isEmpty() && !CalendarChecks.hasOpenTime(seasons, weeklyHours)
                    && special.values().stream().allMatch(List::isEmpty)) {
                violations.add(new Violation("hours", "HasOpenTime",
                        "the calendar must be open at some time: give at least one day open windows"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("BusinessCalendar", violations);
            }
            return new BusinessCalendar(zone, weeklyHours, seasons, holidays, special, false);
        }
    }
}
