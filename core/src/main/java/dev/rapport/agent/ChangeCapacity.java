package dev.rapport.agent;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command to replace the channels an agent works on and how much work the agent can hold on each. A channel
 * left out is one the agent no longer gets work on; work the agent already holds there stays with them.
 *
 * @param agentId the agent
 * @param capacity per channel, the capacity units the agent can hold at once, 0 to 1000; empty for no channels
 */
public record ChangeCapacity(
        @NotNull AgentId agentId,
        @NotNull Map<@NotNull Channel, @NotNull @Min(0) @Max(AgentRules.MAX_CAPACITY) Integer> capacity) {

    /**
     * Copies the capacity, keeping nulls for the validator.
     *
     * @param agentId the agent whose capacity to replace
     * @param capacity per channel, the capacity units the agent can hold at once, 0 to 1000; empty for no channels
     */
    public ChangeCapacity {
        capacity = Copies.map(capacity);
    }

    /**
     * A builder for the agent's new capacity; default no channels.
     *
     * @param agentId the agent whose capacity to replace
     * @return a new builder with no channels
     */
    public static Builder builder(AgentId agentId) {
        return new Builder(agentId);
    }

    /** Builds {@link ChangeCapacity} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private final AgentId agentId;
        private final Map<Channel, Integer> capacity = new LinkedHashMap<>();

        private Builder(AgentId agentId) {
            this.agentId = agentId;
        }

        /**
         * Sets the capacity units on one channel; default no channels.
         *
         * @param channel a channel the agent works on
         * @param units the capacity units the agent can hold at once on that channel, 0 to 1000
         * @return this builder
         */
        public Builder capacity(Channel channel, Integer units) { capacity.put(channel, units); return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's capacity; it is checked when it is run
         */
        public ChangeCapacity build() {
            return new ChangeCapacity(agentId, capacity);
        }
    }
}
