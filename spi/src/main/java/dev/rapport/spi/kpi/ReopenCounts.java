package dev.rapport.spi.kpi;

/**
 * Resolved and reopened cases.
 *
 * @param resolved cases resolved at least once
 * @param reopened of those, cases reopened at least once
 */
public record ReopenCounts(long resolved, long reopened) {
    /** No case. */
    public static final ReopenCounts EMPTY = new ReopenCounts(0, 0);
}
