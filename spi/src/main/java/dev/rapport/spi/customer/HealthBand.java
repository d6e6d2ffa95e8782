package dev.rapport.spi.customer;

/**
 * The band a customer's health score falls in, from the configured thresholds: what a support lead acts on. Ordered
 * from best to worst.
 */
public enum HealthBand {
    /** The score is at or above the watch threshold: nothing to do. */
    HEALTHY,
    /** The score is below the watch threshold but not below the at-risk threshold: keep an eye on the customer. */
    WATCH,
    /** The score is below the at-risk threshold: the customer may leave; reach out. */
    AT_RISK
}
