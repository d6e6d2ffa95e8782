package dev.rapport.spi.kpi;

/**
 * Resolved cases and those resolved at first contact.
 *
 * @param resolved cases resolved at least once whose outcome is decided
 * @param firstContactResolved of those, cases that meet the first-contact-resolution definition
 */
public record FcrCounts(long resolved, long firstContactResolved) {
    /** No case. */
    public static final FcrCounts EMPTY = new FcrCounts(0, 0);
}
