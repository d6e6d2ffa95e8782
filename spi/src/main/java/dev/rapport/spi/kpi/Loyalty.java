package dev.rapport.spi.kpi;

/**
 * Buyers and loyal buyers.
 *
 * @param buyers customers with at least one purchase in the window
 * @param loyal of those, customers with at least the minimum number of purchases in it
 */
public record Loyalty(long buyers, long loyal) {
    /** No buyer. */
    public static final Loyalty EMPTY = new Loyalty(0, 0);
}
