package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long before a deadline a reminder is raised: a plain amount of elapsed time ({@link #before(Duration)}), or
 * an amount of open business time counted back from the due time across closed hours, weekends and holidays
 * ({@link #businessTimeBefore(Duration)}). Immutable and thread-safe.
 */
public sealed interface ReminderLead permits ReminderLead.Elapsed, ReminderLead.Business {

    /**
     * When the reminder for a deadline due at {@code due} is raised.
     *
     * @param due the deadline's due time, extended if a holding response moved it
     * @param calendar the regime's business calendar, for leads in business time
     * @return the instant the reminder is raised
     */
    Instant remindAt(Instant due, BusinessCalendar calendar);

    /**
     * A reminder that long before the due time, in elapsed time.
     *
     * @param lead how long before the due time; positive
     * @return the lead
     * @throws ValidationException if the lead is not positive
     */
    static ReminderLead before(Duration lead) {
        return new Elapsed(lead);
    }

    /**
     * A reminder that much open business time before the due time.
     *
     * @param lead how much open business time before the due time; positive
     * @return the lead
     * @throws ValidationException if the lead is not positive
     */
    static ReminderLead businessTimeBefore(Duration lead) {
        return new Business(lead);
    }

    /**
     * A lead in elapsed time.
     *
     * @param lead how long before; positive
     */
    record Elapsed(Duration lead) implements ReminderLead {

        /**
         * Checks the lead.
         *
         * @param lead how long before; positive
         */
        public Elapsed {
            checkPositive(lead);
        }

        @Override
        public Instant remindAt(Instant due, BusinessCalendar calendar) {
            return due.minus(lead);
        }
    }

    /**
     * A lead in business time.
     *
     * @param lead how much open business time before; positive
     */
    record Business(Duration lead) implements ReminderLead {

        /**
         * Checks the lead.
         *
         * @param lead how much open business time before; positive
         */
        public Business {
            checkPositive(lead);
        }

        @Override
        public Instant remindAt(Instant due, BusinessCalendar calendar) {
            return BusinessTimeMath.minus(calendar, due, lead);
        }
    }

    private static void checkPositive(Duration lead) {
        Objects.requireNonNull(lead, "lead");
        if (lead.isNegative() || lead.isZero()) {
            throw ValidationException.of("ReminderLead", "lead", "Positive", "must be positive");
        }
    }
}
