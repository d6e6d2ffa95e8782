package dev.rapport.spi.complaint;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a complaint or compliment.
 *
 * @param value the UUID
 */
public record ComplaintId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public ComplaintId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id from a random (version 4) UUID
     */
    public static ComplaintId random() {
        return new ComplaintId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form
     * @return the id holding that UUID
     */
    public static ComplaintId of(String text) {
        return new ComplaintId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
