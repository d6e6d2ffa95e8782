package dev.rapport.spi.interaction;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one interaction (a message, call, visit, purchase...).
 *
 * @param value the UUID
 */
public record InteractionId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public InteractionId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id holding a random (version 4) UUID
     */
    public static InteractionId random() {
        return new InteractionId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form, as {@link #toString()} writes it
     * @return the id holding that UUID
     */
    public static InteractionId of(String text) {
        return new InteractionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
