package dev.rapport.spi;

import java.time.Instant;

/**
 * A half-open interval of instants, {@code [from, to)}: the start is included, the end is not, so adjacent ranges
 * never count an instant twice.
 *
 * @param from the first instant included
 * @param to the first instant no longer included; not before {@code from}
 */
public record TimeRange(Instant from, Instant to) {

    /** Everything from the epoch's earliest representable instant to the latest. */
    public static final TimeRange ALL = new TimeRange(Instant.MIN, Instant.MAX);

    /**
     * Checks the range is ordered.
     *
     * @param from the first instant included
     * @param to the first instant no longer included; not before {@code from}
     */
    public TimeRange {
        if (from == null) {
            throw ValidationException.of("TimeRange", "from", "NotNull", "must not be null");
        }
        if (to == null) {
            throw ValidationException.of("TimeRange", "to", "NotNull", "must not be null");
        }
        if (to.isBefore(from)) {
            throw ValidationException.of("TimeRange", "to", "NotBeforeFrom", "must not be before from");
        }
    }

    /**
     * The range {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant no longer included; not before {@code from}
     * @return the range; empty when {@code from} equals {@code to}
     */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }

    /**
     * Whether the instant lies in the range.
     *
     * @param instant the instant to test
     * @return true if {@code from <= instant < to}, false otherwise
     */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
