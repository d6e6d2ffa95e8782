package dev.rapport.spi.customer;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a customer.
 *
 * @param value the UUID
 */
public record CustomerId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id holding a random (version 4) UUID
     */
    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form, as {@link #toString()} writes it
     * @return the id holding that UUID
     */
    public static CustomerId of(String text) {
        return new CustomerId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
