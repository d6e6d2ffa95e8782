package dev.rapport.spi.agent;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an agent.
 *
 * @param value the UUID
 */
public record AgentId(UUID value) {

    /** Checks the value is present. */
    public AgentId {
        Objects.requireNonNull(value, "value");
    }

    /** A new random id. */
    public static AgentId random() {
        return new AgentId(UUID.randomUUID());
    }

    /** The id written as {@link #toString()} writes it. */
    public static AgentId of(String text) {
        return new AgentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
