package dev.rapport.spi.complaint;

/** What the business decided about a complaint. */
public enum OutcomeDecision {
    /** The complaint is justified in full. */
    UPHELD,
    /** The complaint is justified in part. */
    PARTLY_UPHELD,
    /** The complaint is not justified. */
    REJECTED
}
