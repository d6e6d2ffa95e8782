package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one piece of work costs an agent, in capacity units of its channel: a chat may cost one unit of an agent's
 * chat capacity of three, while a call takes the whole phone capacity. Immutable and thread-safe.
 */
public final class ChannelCosts {

    /** The units a piece of work costs on a channel without its own cost. */
    public static final int DEFAULT_UNITS = 1;

    private static final ChannelCosts DEFAULTS = builder().wholeCapacity(Channel.PHONE).build();

    private final Map<Channel, Integer> units;
    private final Set<Channel> whole;

    private ChannelCosts(Map<Channel, Integer> units, Set<Channel> whole) {
        this.units = Map.copyOf(units);
        this.whole = Set.copyOf(whole);
    }

    /**
     * The default costs: {@value #DEFAULT_UNITS} unit per piece of work, and a phone call takes the whole capacity.
     *
     * @return the shared default costs
     */
    public static ChannelCosts defaults() {
        return DEFAULTS;
    }

    /**
     * A builder where every channel costs {@value #DEFAULT_UNITS} unit.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether work on the channel takes an agent's whole capacity on it.
     *
     * @param channel the channel of the work
     * @return {@code true} if one piece of work takes the agent's whole capacity on the channel
     */
    public boolean takesWholeCapacity(Channel channel) {
        return whole.contains(channel);
    }

    /**
     * The fixed units a piece of work costs on a channel that does not take the whole capacity.
     *
     * @param channel the channel of the work
     * @return the units, at least 1; {@value #DEFAULT_UNITS} unless set
     */
    public int units(Channel channel) {
        return units.getOrDefault(channel, DEFAULT_UNITS);
    }

    /**
     * The units a piece of work on the channel costs the agent: its whole capacity there, or the channel's cost.
     *
     * @param channel the channel of the work
     * @param agent the agent who would take it
     * @return the agent's capacity on the channel (at least 1) for whole-capacity channels, else the channel's fixed
     *         units
     */
    public int unitsFor(Channel channel, Agent agent) {
        if (whole.contains(channel)) {
            return Math.max(1, agent.capacity().getOrDefault(channel, 0));
        }
        return units.getOrDefault(channel, DEFAULT_UNITS);
    }

    /** Builds {@link ChannelCosts}; not thread-safe. */
    public static final class Builder {
        private final Map<Channel, Integer> units = new HashMap<>();
        private final Set<Channel> whole = new HashSet<>();

        private Builder() {
        }

        /**
         * Sets the units one piece of work costs on a channel; default {@value ChannelCosts#DEFAULT_UNITS}.
         *
         * @param channel the channel; it stops taking the whole capacity
         * @param cost the units one piece of work costs, at least 1
         * @return this builder
         * @throws ValidationException if the cost is below 1
         */
        public Builder units(Channel channel, int cost) {
            Objects.requireNonNull(channel, "channel");
            if (cost < 1) {
                throw ValidationException.of("ChannelCosts", "units[" + channel + "]", "Min", "must be at least 1");
            }
            units.put(channel, cost);
            whole.remove(channel);
            return this;
        }

        /**
         * Makes work on a channel take the agent's whole capacity there; default only for none.
         *
         * @param channel the channel; its fixed cost is forgotten
         * @return this builder
         */
        public Builder wholeCapacity(Channel channel) {
            whole.add(Objects.requireNonNull(channel, "channel"));
            units.remove(channel);
            return this;
        }

        /**
         * The costs.
         *
         * @return the immutable costs
         */
        public ChannelCosts build() {
            return new ChannelCosts(units, whole);
        }
    }
}
