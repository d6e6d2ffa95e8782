package dev.rapport.spi.feedback;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one feedback response.
 *
 * @param value the UUID
 */
public record FeedbackId(UUID value) {

    /** Checks the value is present. */
    public FeedbackId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static FeedbackId random() {
        return new FeedbackId(UUID.randomUUID());
    }

    /** The id written as {@link #toString()} writes it. */
    public static FeedbackId of(String text) {
        return new FeedbackId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
