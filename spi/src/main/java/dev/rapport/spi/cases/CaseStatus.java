package dev.rapport.spi.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands in its lifecycle. The allowed moves are:
 *
 * <pre>
 * NEW              -&gt; OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED
 * OPEN             -&gt; PENDING_CUSTOMER, ON_HOLD, RESOLVED
 * PENDING_CUSTOMER -&gt; OPEN, ON_HOLD, RESOLVED
 * ON_HOLD          -&gt; OPEN, PENDING_CUSTOMER, RESOLVED
 * RESOLVED         -&gt; OPEN (a reopen), CLOSED
 * CLOSED           -&gt; nothing; a new contact opens a new case
 * </pre>
 */
public enum CaseStatus {
    /** Created, nobody has worked on it yet. */
    NEW,
    /** Being worked on by the business. */
    OPEN,
    /** Waiting for the customer to answer; SLA clocks can pause. */
    PENDING_CUSTOMER,
    /** Waiting for a third party or an internal team; SLA clocks can pause. */
    ON_HOLD,
    /** The business considers it solved; the customer can still reopen it. */
    RESOLVED,
    /** Finished for good. */
    CLOSED;

    /**
     * The states this state may move to.
     *
     * @return the statuses allowed after this one, as in the table above; empty for {@link #CLOSED}
     */
    public Set<CaseStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED);
            case OPEN -> EnumSet.of(PENDING_CUSTOMER, ON_HOLD, RESOLVED);
            case PENDING_CUSTOMER -> EnumSet.of(OPEN, ON_HOLD, RESOLVED);
            case ON_HOLD -> EnumSet.of(OPEN, PENDING_CUSTOMER, RESOLVED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    /**
     * Whether the move to {@code to} is allowed.
     *
     * @param to the status a case would move to
     * @return true if {@code to} is among {@link #next()}, false otherwise (also for this status itself)
     */
    public boolean canMoveTo(CaseStatus to) {
        return next().contains(to);
    }

    /**
     * Whether the case still needs work (not resolved and not closed): what counts in the backlog.
     *
     * @return false for {@link #RESOLVED} and {@link #CLOSED}, true for every other status
     */
    public boolean isUnresolved() {
        return this != RESOLVED && this != CLOSED;
    }
}
