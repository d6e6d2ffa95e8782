package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How long a complaint regime gives for something, counted from receipt on the regime's business calendar. Three
 * kinds, each exact:
 *
 * <ul>
 *   <li>{@link #businessDays(int)}: by the close of business on the n-th business day after the day of receipt;
 *       something received after the close of business, or on a day without business hours, counts as received on
 *       the next business day ({@link BusinessCalendar#endOfNthBusinessDayAfter(Instant, int)}).</li>
 *   <li>{@link #calendarDays(int)} and {@link #calendarWeeks(int)}: by the end of the local day (midnight in the
 *       calendar's zone) that lies n days after the local date of receipt, whatever the business hours; local dates
 *       make it exact across daylight-saving changes.</li>
 *   <li>{@link #businessTime(Duration)}: after that much open business time from the moment of receipt
 *       ({@link BusinessCalendar#plus(Instant, Duration)}).</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public sealed interface DeadlineTerm permits DeadlineTerm.BusinessDays, DeadlineTerm.CalendarDays,
        DeadlineTerm.BusinessTime {

    /**
     * The instant this term ends for something received at {@code received}.
     *
     * @param received when the complaint was received
     * @param calendar the regime's business calendar
     * @return the instant the term ends
     */
    Instant dueFrom(Instant received, BusinessCalendar calendar);

    /**
     * By the close of business on the n-th business day after the day of receipt.
     *
     * @param days how many business days after the day of receipt; zero or more
     * @return the term
     * @throws ValidationException if {@code days} is negative
     */
    static DeadlineTerm businessDays(int days) {
        return new BusinessDays(days);
    }

    /**
     * By the end of the local day n days after the local date of receipt.
     *
     * @param days how many days after the local date of receipt; zero or more
     * @return the term
     * @throws ValidationException if {@code days} is negative
     */
    static DeadlineTerm calendarDays(int days) {
        return new CalendarDays(days);
    }

    /**
     * By the end of the local day n weeks after the local date of receipt; {@code calendarDays(7 * weeks)}.
     *
     * @param weeks how many weeks after the local date of receipt; zero or more
     * @return the term
     */
    static DeadlineTerm calendarWeeks(int weeks) {
        return new CalendarDays(Math.multiplyExact(7, weeks));
    }

    /**
     * After that much open business time from receipt.
     *
     * @param duration how much open business time; zero or more
     * @return the term
     * @throws ValidationException if the duration is negative
     */
    static DeadlineTerm businessTime(Duration duration) {
        return new BusinessTime(duration);
    }

    /**
     * Close of business on the n-th business day after the day of receipt.
     *
     * @param days how many business days; zero means the close of business on the day of receipt
     */
    record BusinessDays(int days) implements DeadlineTerm {

        /**
         * Checks the count.
         *
         * @param days how many business days; zero means the close of business on the day of receipt
         */
        public BusinessDays {
            if (days < 0) {
                throw ValidationException.of("DeadlineTerm", "days", "PositiveOrZero", "must be zero or more");
            }
        }

        @Override
        public Instant dueFrom(Instant received, BusinessCalendar calendar) {
            return calendar.endOfNthBusinessDayAfter(received, days);
        }

        @Override
        public String toString() {
            return "close of business on business day " + days + " after receipt";
        }
    }

    /**
     * End of the local day n days after the local date of receipt.
     *
     * @param days how many days; zero means the end of the day of receipt
     */
    record CalendarDays(int days) implements DeadlineTerm {

        /**
         * Checks the count.
         *
         * @param days how many days; zero means the end of the day of receipt
         */
        public CalendarDays {
            if (days < 0) {
                throw ValidationException.of("DeadlineTerm", "days", "PositiveOrZero", "must be zero or more");
            }
        }

        @Override
        public Instant dueFrom(Instant received, BusinessCalendar calendar) {
            LocalDate day = LocalDate.ofInstant(received, calendar.zone()).plusDays(days);
            return day.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        }

        @Override
        public String toString() {
            return "end of calendar day " + days + " after receipt";
        }
    }

    /**
     * An amount of open business time after receipt.
     *
     * @param duration how much; zero or more
     */
    record BusinessTime(Duration duration) implements DeadlineTerm {

        /**
         * Checks the duration.
         *
         * @param duration how much; zero or more
         */
        public BusinessTime {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw ValidationException.of("DeadlineTerm", "duration", "PositiveOrZero", "must be zero or more");
            }
        }

        @Override
        public Instant dueFrom(Instant received, BusinessCalendar calendar) {
            return calendar.plus(received, duration);
        }

        @Override
        public String toString() {
            return duration + " of business time after receipt";
        }
    }
}
