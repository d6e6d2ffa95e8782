package dev.rapport.spi.agent;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an agent.
 *
 * @param value the UUID
 */
public record AgentId(UUID value) {

    /**
     * Checks the value is present.
     *
     * @param value the UUID
     */
    public AgentId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new random id.
     *
     * @return a fresh id holding a random (version 4) UUID
     */
    public static AgentId random() {
        return new AgentId(UUID.randomUUID());
    }

    /**
     * The id written as {@link #toString()} writes it.
     *
     * @param text the UUID in its canonical 36-character form, as {@link #toString()} writes it
     * @return the id holding that UUID
     */
    public static AgentId of(String text) {
        return new AgentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
