package dev.rapport.spi.kpi;

/**
 * A plain count.
 *
 * @param count how many records
 */
public record Count(long count) {
    /** Nothing. */
    public static final Count EMPTY = new Count(0);
}
