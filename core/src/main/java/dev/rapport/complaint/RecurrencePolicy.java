package dev.rapport.complaint;

import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * When complaints count as a recurring issue: at least {@code threshold} complaints sharing a root cause or a
 * product whose receipt times all lie within {@code window} of each other, that is, the latest was received less
 * than {@code window} after the earliest (a half-open window {@code [first, first + window)}).
 *
 * @param threshold how many complaints; at least 2
 * @param window how close together; positive
 */
public record RecurrencePolicy(int threshold, Duration window) {

    /** The default: three complaints within 30 days. */
    public static final RecurrencePolicy DEFAULT = new RecurrencePolicy(3, Duration.ofDays(30));

    /**
     * Checks the bounds.
     *
     * @param threshold how many complaints; at least 2
     * @param window how close together; positive
     */
    public RecurrencePolicy {
        if (threshold < 2) {
            throw ValidationException.of("RecurrencePolicy", "threshold", "Min", "must be at least 2");
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw ValidationException.of("RecurrencePolicy", "window", "Positive", "must be positive");
        }
    }
}
