package dev.rapport.spi.complaint;

/** What recurring complaints share. */
public enum IssueDimension {
    /** A root cause from the host's taxonomy. */
    ROOT_CAUSE,
    /** A product code. */
    PRODUCT
}
