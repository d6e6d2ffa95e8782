package dev.rapport.sla;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.CaseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How long one SLA target allows and how that time is counted: in the business time of a named calendar or in
 * calendar time, and paused while the case is in any of the given states.
 *
 * @param within the time the target allows; positive
 * @param calendarId the id of the business calendar in {@link dev.rapport.calendar.BusinessCalendars}; empty for
 *        calendar time (every hour counts)
 * @param pausedWhile the states in which the clock stops; a subset of {@link CaseStatus#PENDING_CUSTOMER} and
 *        {@link CaseStatus#ON_HOLD}. Resolved and closed cases never count time
 */
public record SlaTargetSpec(Duration within, Optional<String> calendarId, Set<CaseStatus> pausedWhile) {

    /** The states that pause a clock unless configured otherwise: waiting on the customer and on hold. */
    public static final Set<CaseStatus> DEFAULT_PAUSED_WHILE =
            Set.copyOf(EnumSet.of(CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD));

    private static final Set<CaseStatus> PAUSABLE = EnumSet.of(CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD);

    /**
     * Checks the values and copies the states.
     *
     * @param within the time the target allows; positive
     * @param calendarId the id of the business calendar; empty, or {@code null} taken as empty, for calendar time
     * @param pausedWhile the states in which the clock stops; only {@link CaseStatus#PENDING_CUSTOMER} and
     *         {@link CaseStatus#ON_HOLD}; {@code null} taken as none
     */
    public SlaTargetSpec {
        List<Violation> violations = new ArrayList<>();
        if (within == null || within.isNegative() || within.isZero()) {
            violations.add(new Violation("within", "Positive", "must be a positive duration"));
        }
        calendarId = calendarId == null ? Optional.empty() : calendarId;
        if (pausedWhile == null) {
            pausedWhile = Set.of();
        }
        if (pausedWhile.stream().anyMatch(s -> s == null || !PAUSABLE.contains(s))) {
            violations.add(new Violation("pausedWhile", "Pausable",
                    "may hold only PENDING_CUSTOMER and ON_HOLD, was " + pausedWhile));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("SlaTargetSpec", violations);
        }
        pausedWhile = pausedWhile.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(pausedWhile));
    }

    /**
     * A target counted in the business time of a calendar, paused while pending the customer or on hold.
     *
     * @param within the business time the target allows; positive
     * @param calendarId the id of the calendar in {@link dev.rapport.calendar.BusinessCalendars} to count in
     * @return the target
     */
    public static SlaTargetSpec businessTime(Duration within, String calendarId) {
        return new SlaTargetSpec(within, Optional.of(calendarId), DEFAULT_PAUSED_WHILE);
    }

    /**
     * A target counted in calendar time, paused while pending the customer or on hold.
     *
     * @param within the elapsed time the target allows; positive
     * @return the target
     */
    public static SlaTargetSpec calendarTime(Duration within) {
        return new SlaTargetSpec(within, Optional.empty(), DEFAULT_PAUSED_WHILE);
    }

    /**
     * The same target paused in the given states instead; none means it never pauses.
     *
     * @param states the states in which the clock stops; only {@link CaseStatus#PENDING_CUSTOMER} and
     *         {@link CaseStatus#ON_HOLD}
     * @return a copy with the same time and calendar
     */
    public SlaTargetSpec withPausedWhile(CaseStatus... states) {
        return new SlaTargetSpec(within, calendarId, states.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(states)));
    }

    /**
     * Whether time counts while the case is in the given state.
     *
     * @param status a case status
     * @return {@code true} if the status is unresolved and not one the target pauses in
     */
    public boolean counts(CaseStatus status) {
        return status.isUnresolved() && !pausedWhile.contains(status);
    }
}
