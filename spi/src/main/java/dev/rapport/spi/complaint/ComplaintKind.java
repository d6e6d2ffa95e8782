package dev.rapport.spi.complaint;

/** What came through the complaints door: a complaint to resolve, or a compliment to count and credit. */
public enum ComplaintKind {
    /** An expression of dissatisfaction that needs a response. */
    COMPLAINT,
    /** Praise for the business or its agents; counted and credited to the agents named. */
    COMPLIMENT
}
