package dev.rapport.spi.complaint;

/** How much investigation a complaint needs, judged at the initial assessment. */
public enum Complexity {
    /** One fact to check; can often be resolved at once. */
    SIMPLE,
    /** Needs records or another team. */
    MODERATE,
    /** Needs several teams, third parties or expert review. */
    COMPLEX
}
