package dev.rapport.spi.interaction;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one interaction (a message, call, visit, purchase...).
 *
 * @param value the UUID
 */
public record InteractionId(UUID value) {

    /** Checks the value is present. */
    public InteractionId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static InteractionId random() {
        return new InteractionId(UUID.randomUUID());
    }

    /** The id written as {@link #toString()} writes it. */
    public static InteractionId of(String text) {
        return new InteractionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
