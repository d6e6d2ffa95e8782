package dev.rapport.spi.kpi;

/** Which resolution a resolution time runs to. */
public enum ResolutionMilestone {
    /** The first resolution; a reopen does not restart it. */
    FIRST,
    /** The last resolution; a case reopened and not resolved again has none. */
    FULL
}
