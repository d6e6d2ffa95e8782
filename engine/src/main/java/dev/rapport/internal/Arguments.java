package dev.rapport.internal;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;

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

    /**
     * Refuses a missing collection, or one holding null, with a {@link ValidationException} naming the operation and
     * the field.
     *
     * @param operation the operation, as the exception names it
     * @param field the argument's name
     * @param values the argument
     * @throws ValidationException ({@code NotNull}) when the collection or one of its elements is null
     */
    public static void requireElements(String operation, String field, Collection<?> values) {
        requireArgument(operation, field, values);
        if (values.stream().anyMatch(Objects::isNull)) {
            throw ValidationException.of(operation, field, "NotNull", "must not contain null");
        }
    }

    /**
     * Refuses a page size a store need not serve: below 1 or above {@link PageRequest#MAX_LIMIT}.
     *
     * @param operation the operation, as the exception names it
     * @param limit the page size asked for
     * @throws ValidationException ({@code Range}, naming {@code limit}) when it is out of range
     */
    public static void requireLimit(String operation, int limit) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw ValidationException.of(operation, "limit", "Range", "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
    }
}
