package dev.rapport.spi.feedback;

/** Which end of a rating scale is the good one. */
public enum ScaleDirection {
    /** A higher score is better (CSAT, NPS, "it was easy" agreement). */
    HIGHER_IS_BETTER,
    /** A lower score is better (effort asked as "how much effort did it take"). */
    LOWER_IS_BETTER
}
