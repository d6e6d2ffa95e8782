package dev.rapport.spi.followup;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a follow-up.
 *
 * @param value the UUID
 */
public record FollowUpId(UUID value) {

    /** Checks the value is present. */
    public FollowUpId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static FollowUpId random() {
        return new FollowUpId(UUID.randomUUID());
    }

    /** The id written as {@link #toString()} writes it. */
    public static FollowUpId of(String text) {
        return new FollowUpId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
