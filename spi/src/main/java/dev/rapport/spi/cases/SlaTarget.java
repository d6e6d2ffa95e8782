package dev.rapport.spi.cases;

/** The service promises an SLA policy can make about a case. */
public enum SlaTarget {
    /** From creation to the first public reply by a human agent. */
    FIRST_REPLY,
    /** From the oldest unanswered customer message to the next human agent reply. */
    NEXT_REPLY,
    /** From creation to the first resolution; a reopen does not restart it. */
    FIRST_RESOLUTION,
    /** From creation to the last resolution. */
    FULL_RESOLUTION
}
