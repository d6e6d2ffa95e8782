package dev.rapport.followup;

/**
 * Why Rapport cancelled a follow-up; {@link #code()} is what is stored in
 * {@link dev.rapport.spi.followup.FollowUp#cancelReason()} and sent in
 * {@link dev.rapport.spi.event.FollowUpCancelled#reason()}. A host cancelling by hand gives its own reason text.
 */
public enum CancellationReason {
    /** The customer got in touch; see {@link CancelCondition#CUSTOMER_REPLIED}. */
    CUSTOMER_REPLIED("customer_replied"),
    /** The case was reopened; see {@link CancelCondition#CASE_REOPENED}. */
    CASE_REOPENED("case_reopened"),
    /** The customer opted out of the follow-up's channel. */
    OPTED_OUT("opted_out"),
    /** The customer's personal data was erased. */
    CUSTOMER_ERASED("customer_erased"),
    /** The customer no longer exists in storage. */
    CUSTOMER_NOT_FOUND("customer_not_found"),
    /** The date the follow-up was planned for changed (a corrected birthday, a moved renewal). */
    DATE_CHANGED("date_changed"),
    /** The customer was merged into another who already had the same follow-up planned. */
    CUSTOMER_MERGED("customer_merged");

    private final String code;

    CancellationReason(String code) {
        this.code = code;
    }

    /**
     * The stored and published form.
     *
     * @return the lower-case code, for example {@code "customer_merged"}
     */
    public String code() {
        return code;
    }
}
