package dev.rapport.spi.interaction;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The time an agent spent on one contact, for average handle time: (talk + hold + after-contact work).
 *
 * @param talk time talking or writing with the customer
 * @param hold time the customer was kept waiting during the contact
 * @param afterContactWork wrap-up time after the contact ended
 */
@NonNegativeDurations
public record HandleTime(@NotNull Duration talk, @NotNull Duration hold, @NotNull Duration afterContactWork) {

    /**
     * Talk time only.
     *
     * @param talk time talking or writing with the customer; not negative
     * @return a handle time with that talk time and zero hold and after-contact work
     */
    public static HandleTime talk(Duration talk) {
        return new HandleTime(talk, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The sum of all three parts.
     *
     * @return talk plus hold plus after-contact work
     */
    public Duration total() {
        return talk.plus(hold).plus(afterContactWork);
    }
}
