package dev.rapport.spi.complaint;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an improvement item.
 *
 * @param value the UUID
 */
public record ImprovementId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public ImprovementId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id from a random (version 4) UUID
     */
    public static ImprovementId random() {
        return new ImprovementId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form
     * @return the id holding that UUID
     */
    public static ImprovementId of(String text) {
        return new ImprovementId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
