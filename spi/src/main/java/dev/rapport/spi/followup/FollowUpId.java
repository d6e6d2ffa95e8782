package dev.rapport.spi.followup;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a follow-up.
 *
 * @param value the UUID
 */
public record FollowUpId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public FollowUpId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id holding a random (version 4) UUID
     */
    public static FollowUpId random() {
        return new FollowUpId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form, as {@link #toString()} writes it
     * @return the id holding that UUID
     */
    public static FollowUpId of(String text) {
        return new FollowUpId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
