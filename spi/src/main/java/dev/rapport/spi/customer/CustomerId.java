package dev.rapport.spi.customer;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a customer.
 *
 * @param value the UUID
 */
public record CustomerId(UUID value) {

    /** Checks the value is present. */
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }

    /** The id written as {@link #toString()} writes it. */
    public static CustomerId of(String text) {
        return new CustomerId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
