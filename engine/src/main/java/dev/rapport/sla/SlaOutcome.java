package dev.rapport.sla;

/** Where one SLA clock stands. */
public enum SlaOutcome {
    /** Still counting or paused, and not past its due time. */
    IN_PROGRESS,
    /** Stopped (replied, resolved) no later than its due time. */
    ACHIEVED,
    /** Past its due time without being stopped in time. */
    BREACHED
}
