package dev.rapport.spi.cases;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a case.
 *
 * @param value the UUID
 */
public record CaseId(UUID value) {

    /** Checks the value is present. */
    public CaseId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static CaseId random() {
        return new CaseId(UUID.randomUUID());
    }

    /** The id written as {@link #toString()} writes it. */
    public static CaseId of(String text) {
        return new CaseId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
