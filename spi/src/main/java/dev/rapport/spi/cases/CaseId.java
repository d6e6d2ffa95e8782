package dev.rapport.spi.cases;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a case.
 *
 * @param value the UUID
 */
public record CaseId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public CaseId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id holding a random (version 4) UUID
     */
    public static CaseId random() {
        return new CaseId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form, as {@link #toString()} writes it
     * @return the id holding that UUID
     */
    public static CaseId of(String text) {
        return new CaseId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
