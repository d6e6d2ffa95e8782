package dev.rapport.spi.kpi;

/**
 * Why a record was left out of a KPI. Records are never dropped silently: each one left out is counted under its
 * reason in the figure's {@link Exclusions}. Some reasons are data-quality problems (the record contradicts
 * itself); the others say the record is not (yet) measurable, which is normal.
 */
public enum ExclusionReason {

    /** A human public reply is dated before the case was created. */
    REPLIED_BEFORE_CREATED(true, "a human reply is dated before the case was created"),
    /** A resolution of the case is dated before the case was created. */
    RESOLVED_BEFORE_CREATED(true, "a resolution is dated before the case was created"),
    /**
     * The case's first reply (its first human public reply, else its first-reply stamp) is dated after its first
     * resolution, though the case was never reopened: it was resolved before anyone answered it.
     */
    REPLIED_AFTER_RESOLVED(true, "the first reply is dated after the resolution of a case never reopened"),
    /** The case's last resolution is dated before its first. */
    RESOLUTIONS_OUT_OF_ORDER(true, "the last resolution is dated before the first"),
    /** The case is resolved or closed but has no resolution time. */
    MISSING_RESOLUTION_TIME(true, "resolved or closed without a resolution time"),
    /** The case counts reopens but was never resolved. */
    REOPENED_WITHOUT_RESOLUTION(true, "reopened but never resolved"),
    /**
     * The case's status history does not add up: a move dated before creation or before the move it follows, a
     * move that does not start where the previous one ended, or a last move that does not end in the current status.
     */
    INCONSISTENT_HISTORY(true, "the status history contradicts itself or the current status"),
    /** The score is not on its scale, the scale is not ordered, or an NPS answer is not on 0 to 10. */
    SCORE_OFF_SCALE(true, "the score is not on its scale"),
    /** A part of the handle time is negative. */
    NEGATIVE_HANDLE_TIME(true, "a part of the handle time is negative"),
    /** A purchase has no amount. */
    MISSING_AMOUNT(true, "a purchase without an amount"),
    /**
     * The case's creation time is only estimated (imported history that gave a date, or a later moment, in its
     * place; {@link dev.rapport.spi.cases.CreationTimeQuality#ESTIMATED}): no time is measured from it.
     */
    CREATION_TIME_ESTIMATED(true, "the creation time is only estimated"),
    /**
     * The case's creation time is not known (imported history with no time at all;
     * {@link dev.rapport.spi.cases.CreationTimeQuality#UNKNOWN}): no time is measured from it.
     */
    CREATION_TIME_UNKNOWN(true, "the creation time is not known"),

    /** The case has no human public reply yet. */
    NOT_YET_REPLIED(false, "no human public reply yet"),
    /** A customer message still waits for its reply. */
    AWAITING_REPLY(false, "a customer message still waits for a reply"),
    /** The case is not resolved (or not resolved again after a reopen). */
    UNRESOLVED(false, "not resolved"),
    /** The contact has no category or contact reason, so repeats cannot be matched. */
    UNCATEGORISED(false, "no category or contact reason"),
    /** The handle time belongs to a bot or automatic process, not to an agent. */
    AUTOMATED_HANDLING(false, "handled by a bot or automatic process"),
    /** An amount is in another currency than the one reported in. */
    OTHER_CURRENCY(false, "an amount in another currency"),
    /** The outcome depends on a window that has not ended yet. */
    WINDOW_OPEN(false, "the observation window has not ended yet"),
    /** The customer is a prospect, who has never bought: not (yet) a customer. */
    PROSPECT(false, "a prospect, not a customer yet"),
    /** An answered call records no wait time, so its speed of answer is not known. */
    MISSING_WAIT_TIME(false, "an answered call without a wait time");

    private final boolean dataQuality;
    private final String description;

    ExclusionReason(boolean dataQuality, String description) {
        this.dataQuality = dataQuality;
        this.description = description;
    }

    /**
     * Whether the record contradicts itself (as opposed to not being measurable yet).
     *
     * @return true for a data-quality problem, false for a record that is merely not measurable (yet)
     */
    public boolean isDataQuality() {
        return dataQuality;
    }

    /**
     * A sentence saying what the reason means.
     *
     * @return a short lower-case phrase for reports, for example {@code "not resolved"}
     */
    public String description() {
        return description;
    }
}
