package dev.rapport.spi.kpi;

/**
 * Who counts as a customer at a moment, for churn, retention and lifetime value. The contract records no "churned
 * at" time, so the customer base is derived from what the records hold. In every rule, prospects (status
 * {@code PROSPECT}) are not customers, and a customer is only counted from their creation on.
 */
public enum CustomerBaseRule {
    /**
     * A customer counts at {@code t} if they were created, or made a purchase, within the activity window before
     * {@code t}: {@code [t - window, t)}. The default.
     */
    ACTIVITY,
    /**
     * As {@link #ACTIVITY}, but a customer with status {@code CHURNED} no longer counts from their last update
     * ({@code updatedAt}) on, the closest the records come to a churn time.
     */
    ACTIVITY_UNLESS_CHURNED
}
