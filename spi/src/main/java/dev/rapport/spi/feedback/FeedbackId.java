package dev.rapport.spi.feedback;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one feedback response.
 *
 * @param value the UUID
 */
public record FeedbackId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public FeedbackId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id holding a random (version 4) UUID
     */
    public static FeedbackId random() {
        return new FeedbackId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form, as {@link #toString()} writes it
     * @return the id holding that UUID
     */
    public static FeedbackId of(String text) {
        return new FeedbackId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
