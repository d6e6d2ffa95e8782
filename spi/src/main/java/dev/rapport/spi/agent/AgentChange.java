package dev.rapport.spi.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent as stored, with when it was last written by the store's own clock: one entry of the change feed that
 * keeps every node's routing index current.
 *
 * @param agent the agent as stored
 * @param writtenAt when the store wrote this version, by the store's clock (not the writer's)
 */
public record AgentChange(Agent agent, Instant writtenAt) {

    /**
     * Checks that both parts are present.
     *
     * @param agent the agent as stored
     * @param writtenAt when the store wrote this version, by the store's clock (not the writer's)
     */
    public AgentChange {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }
}
