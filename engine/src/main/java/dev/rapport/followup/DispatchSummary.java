package dev.rapport.followup;

/**
 * What one call of {@link FollowUpDispatcher#dispatchDue()} did, in counts of follow-ups.
 *
 * @param claimed taken under a lease
 * @param sent handed to the messenger and marked sent
 * @param retried failed with a retryable error and scheduled again later
 * @param failed given up: a non-retryable error, no address, or the attempt limit reached
 * @param expired past their expiry, not sent
 * @param cancelled cancelled at send time: the customer opted out of the channel, was erased or is gone
 * @param deferred due in quiet hours and moved to the next allowed time without an attempt
 * @param released handed back unsent because the dispatcher was closing
 * @param abandoned left alone because the lease lapsed or another dispatcher or a cancellation took them over
 */
public record DispatchSummary(int claimed, int sent, int retried, int failed, int expired, int cancelled,
        int deferred, int released, int abandoned) {

    /** A summary of nothing. */
    public static final DispatchSummary EMPTY = new DispatchSummary(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The counts of both summaries added up.
     *
     * @param other another summary, for example of a later round
     * @return a new summary whose every count is the sum of both
     */
    public DispatchSummary plus(DispatchSummary other) {
        return new DispatchSummary(claimed + other.claimed, sent + other.sent, retried + other.retried,
                failed + other.failed, expired + other.expired, cancelled + other.cancelled,
                deferred + other.deferred, released + other.released, abandoned + other.abandoned);
    }
}
