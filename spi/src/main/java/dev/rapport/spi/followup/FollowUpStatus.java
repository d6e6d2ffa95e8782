package dev.rapport.spi.followup;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a follow-up stands. The allowed moves are:
 *
 * <pre>
 * SCHEDULED -&gt; CLAIMED, CANCELLED, EXPIRED
 * CLAIMED   -&gt; SENT, SCHEDULED (retry later or released), FAILED, CANCELLED, EXPIRED, CLAIMED (lease expired, claimed again)
 * SENT, FAILED, CANCELLED, EXPIRED -&gt; nothing
 * </pre>
 */
public enum FollowUpStatus {
    /** Waiting for its due time. */
    SCHEDULED,
    /** Taken by a dispatcher under a lease. */
    CLAIMED,
    /** Delivered to the messenger. */
    SENT,
    /** Given up after the attempt limit; the last error is kept. */
    FAILED,
    /** Called off, with a reason. */
    CANCELLED,
    /** Not sent before its expiry. */
    EXPIRED;

    /**
     * The states this state may move to.
     *
     * @return the statuses allowed after this one, as in the table above; empty for the final statuses
     */
    public Set<FollowUpStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(CLAIMED, CANCELLED, EXPIRED);
            case CLAIMED -> EnumSet.of(SENT, SCHEDULED, FAILED, CANCELLED, EXPIRED, CLAIMED);
            case SENT, FAILED, CANCELLED, EXPIRED -> EnumSet.noneOf(FollowUpStatus.class);
        };
    }

    /**
     * Whether the move to {@code to} is allowed.
     *
     * @param to the status a follow-up would move to
     * @return true if {@code to} is among {@link #next()}, false otherwise
     */
    public boolean canMoveTo(FollowUpStatus to) {
        return next().contains(to);
    }

    /**
     * Whether nothing more will happen to the follow-up.
     *
     * @return true for {@link #SENT}, {@link #FAILED}, {@link #CANCELLED} and {@link #EXPIRED}, false otherwise
     */
    public boolean isFinal() {
        return next().isEmpty();
    }
}
