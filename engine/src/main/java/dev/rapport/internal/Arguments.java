package dev.rapport.internal;

import dev.rapport.spi.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Checks of service arguments and the services' notion of "now": one copy for every service. Internal to Rapport;
 * not an API. Thread-safe: stateless.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Refuses a missing argument with a {@link ValidationException} naming the operation and the field.
     *
     * @param operation the operation, as the exception names it
     * @param field the argument's name
     * @param value the argument
     * @throws ValidationException ({@code NotNull}) when the value is null
     */
    public static void requireArgument(String operation, String field, Object value) {
        if (value == null) {
            throw ValidationException.of(operation, field, "NotNull", "must not be null");
        }
    }

    /**
     * The clock's current instant at the precision every store keeps: microseconds.
     *
     * @param clock where time comes from
     * @return now, truncated to microseconds
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
