package dev.rapport.spi.interaction;

/** Who started an interaction. */
public enum Direction {
    /** From the customer to the business. */
    INBOUND,
    /** From the business to the customer. */
    OUTBOUND
}
