package dev.rapport.spi.kpi;

/**
 * Calls from customers, answered or not.
 *
 * @param answered calls answered (kind {@code CALL})
 * @param missed calls nobody answered (kind {@code MISSED_CALL}), abandoned ones included
 * @param abandoned of the missed calls, those the caller hung up on while waiting
 */
public record CallCounts(long answered, long missed, long abandoned) {
    /** No call. */
    public static final CallCounts EMPTY = new CallCounts(0, 0, 0);

    /**
     * Every call offered: answered + missed.
     *
     * @return the calls offered
     */
    public long offered() {
        return answered + missed;
    }
}
