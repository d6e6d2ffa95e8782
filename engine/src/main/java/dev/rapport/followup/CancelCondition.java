package dev.rapport.followup;

/**
 * A happening after which pending follow-ups of a kind no longer make sense. Which kinds cancel on which
 * conditions is set on {@link FollowUpScheduler.Builder#cancelOn(dev.rapport.spi.followup.FollowUpKind, java.util.Set)}.
 * Opting out and erasure always cancel and need no condition.
 */
public enum CancelCondition {
    /**
     * The customer got in touch after the follow-up was scheduled: an inbound interaction other than a missed call,
     * a purchase or a note, on the follow-up's case or on no case.
     */
    CUSTOMER_REPLIED,
    /**
     * The follow-up's case was reopened. The follow-up's idempotency key is released, so the case can get a fresh
     * one when it is resolved again.
     */
    CASE_REOPENED
}
