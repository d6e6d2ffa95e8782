package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.ValidationException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One deadline of a complaint regime: when the response is due, whether and how far a holding response may move
 * it, when reminders are raised, and whether missing it is a breach. A deadline is met when the complaint is first
 * responded to or closed. Immutable and thread-safe.
 *
 * @param code the deadline's name, for example {@code "final_response"}; letters, digits, {@code _ . -}
 * @param term when it is due, from receipt
 * @param holding whether a holding response may extend it; see {@link Holding}
 * @param holdingLimit for {@link Holding#UP_TO_LIMIT}, the latest the extended deadline may be, from receipt
 * @param reminders when reminders are raised before the (possibly extended) due time; may be empty
 * @param mandatory whether missing it is a breach ({@code ComplaintDeadlineBreached}); false for a window that
 *        only opens a lighter procedure, such as the UK summary resolution
 */
public record DeadlineRule(String code, DeadlineTerm term, Holding holding, Optional<DeadlineTerm> holdingLimit,
        List<ReminderLead> reminders, boolean mandatory) {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");

    /** Whether a holding response may extend a deadline. */
    public enum Holding {
        /** No: the deadline stands. */
        NOT_ALLOWED,
        /** Yes, to whatever later time the business promises. */
        ALLOWED,
        /** Yes, to a promised time no later than the rule's holding limit. */
        UP_TO_LIMIT
    }

    /**
     * Checks the parts fit together.
     *
     * @param code the deadline's name, for example {@code "final_response"}; letters, digits, {@code _ . -}
     * @param term when it is due, from receipt
     * @param holding whether a holding response may extend it; see {@link Holding}
     * @param holdingLimit for {@link Holding#UP_TO_LIMIT}, the latest the extended deadline may be, from receipt
     * @param reminders when reminders are raised before the (possibly extended) due time; may be empty
     * @param mandatory whether missing it is a breach ({@code ComplaintDeadlineBreached}); false for a window that only
     *         opens a lighter procedure, such as the UK summary resolution
     */
    public DeadlineRule {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ValidationException.of("DeadlineRule", "code", "Code",
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(holding, "holding");
        holdingLimit = holdingLimit == null ? Optional.empty() : holdingLimit;
        if ((holding == Holding.UP_TO_LIMIT) != holdingLimit.isPresent()) {
            throw ValidationException.of("DeadlineRule", "holdingLimit", "HoldingLimit",
                    "must be given exactly when holding responses may extend up to a limit");
        }
        reminders = List.copyOf(reminders);
    }

    /**
     * A mandatory deadline without holding responses or reminders.
     *
     * @param code the deadline's name; letters, digits, {@code _ . -}
     * @param term when it is due, from receipt
     * @return the rule
     */
    public static DeadlineRule of(String code, DeadlineTerm term) {
        return new DeadlineRule(code, term, Holding.NOT_ALLOWED, Optional.empty(), List.of(), true);
    }

    /**
     * This rule letting a holding response extend it to any later promised time.
     *
     * @return a copy allowing holding responses without a limit
     */
    public DeadlineRule withHolding() {
        return new DeadlineRule(code, term, Holding.ALLOWED, Optional.empty(), reminders, mandatory);
    }

    /**
     * This rule letting a holding response extend it up to the limit, counted from receipt.
     *
     * @param limit the latest the extended deadline may be, from receipt
     * @return a copy allowing holding responses up to the limit
     */
    public DeadlineRule withHoldingUpTo(DeadlineTerm limit) {
        return new DeadlineRule(code, term, Holding.UP_TO_LIMIT, Optional.of(limit), reminders, mandatory);
    }

    /**
     * This rule with the given reminders, replacing any before.
     *
     * @param leads the reminders; none for no reminders
     * @return a copy with those reminders
     */
    public DeadlineRule withReminders(ReminderLead... leads) {
        return new DeadlineRule(code, term, holding, holdingLimit, List.of(leads), mandatory);
    }

    /**
     * This rule as a window, not a limit: missing it raises no breach.
     *
     * @return a copy that is not mandatory
     */
    public DeadlineRule asWindow() {
        return new DeadlineRule(code, term, holding, holdingLimit, reminders, false);
    }

    /**
     * When it is due for something received at {@code received}.
     *
     * @param received when the complaint was received
     * @param calendar the regime's business calendar
     * @return the due time, before any holding response
     */
    public Instant dueAt(Instant received, BusinessCalendar calendar) {
        return term.dueFrom(received, calendar);
    }

    /**
     * The latest a holding response may extend it to, for something received at {@code received}, if limited.
     *
     * @param received when the complaint was received
     * @param calendar the regime's business calendar
     * @return the latest extended due time; empty if holding responses are not allowed or not limited
     */
    public Optional<Instant> holdingLimitAt(Instant received, BusinessCalendar calendar) {
        return holdingLimit.map(limit -> limit.dueFrom(received, calendar));
    }

    /**
     * The reminder instants before a due time, earliest first.
     *
     * @param due the due time, extended if a holding response moved it
     * @param calendar the regime's business calendar
     * @return one instant per reminder, earliest first; empty without reminders
     */
    public List<Instant> reminderTimes(Instant due, BusinessCalendar calendar) {
        return reminders.stream().map(lead -> lead.remindAt(due, calendar)).sorted(Comparator.naturalOrder())
                .toList();
    }
}
