package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Business-time arithmetic the calendar does not offer: counting back from an instant. Stateless. */
final class BusinessTimeMath {

    /** How many days without open time a backward search crosses before it gives up; as the calendar's. */
    private static final int SEARCH_LIMIT_DAYS = 3_660;

    private BusinessTimeMath() {
    }

    /**
     * The latest instant from which {@code amount} of open business time runs until {@code end}: the instant at
     * which that much business time is left before {@code end}. Zero gives {@code end}.
     *
     * @throws IllegalStateException if the calendar has no open time within ten years before {@code end}
     */
    static Instant minus(BusinessCalendar calendar, Instant end, Duration amount) {
        if (amount.isZero() || calendar.isAlwaysOpen()) {
            return end.minus(amount);
        }
        Duration remaining = amount;
        LocalDate date = LocalDate.ofInstant(end, calendar.zone());
        int closedDays = 0;
        while (closedDays <= SEARCH_LIMIT_DAYS) {
            List<TimeRange> intervals = calendar.openIntervals(date);
            boolean open = false;
            for (int i = intervals.size() - 1; i >= 0; i--) {
                TimeRange interval = intervals.get(i);
                if (!interval.from().isBefore(end)) {
                    continue;
                }
                open = true;
                Instant until = interval.to().isAfter(end) ? end : interval.to();
                Duration length = Duration.between(interval.from(), until);
                if (remaining.compareTo(length) <= 0) {
                    return until.minus(remaining);
                }
                remaining = remaining.minus(length);
            }
            closedDays = open ? 0 : closedDays + 1;
            date = date.minusDays(1);
        }
        throw new IllegalStateException("business calendar in " + calendar.zone()
                + " has no open time within " + SEARCH_LIMIT_DAYS + " days before " + end);
    }
}
