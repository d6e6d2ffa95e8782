package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The built-in routing strategies. Every strategy returned is immutable and thread-safe. */
public final class RoutingStrategies {

    private RoutingStrategies() {
    }

    /**
     * The agent with the fewest capacity units in use on the work's channel first.
     *
     * @return a strategy named {@code "least-active"} ranking agents by the units they use on the channel, lowest first
     */
    public static RoutingStrategy leastActive() {
        return new RoutingStrategy() {
            @Override
            public String name() {
                return "least-active";
            }

            @Override
            public long rank(Agent agent, Channel channel) {
                return agent.load().getOrDefault(channel, 0);
            }

            @Override
            public String describe(Agent agent, Channel channel) {
                return "fewest units in use on " + channel + " (" + rank(agent, channel) + ")";
            }
        };
    }

    /**
     * The agent with the most spare capacity units on the work's channel first.
     *
     * @return a strategy named {@code "most-available"} ranking agents by their spare units on the channel, most first
     */
    public static RoutingStrategy mostAvailable() {
        return new RoutingStrategy() {
            @Override
            public String name() {
                return "most-available";
            }

            @Override
            public long rank(Agent agent, Channel channel) {
                return -agent.spareCapacity(channel);
            }

            @Override
            public String describe(Agent agent, Channel channel) {
                return "most spare units on " + channel + " (" + agent.spareCapacity(channel) + ")";
            }
        };
    }

    /**
     * The agent who has waited longest since their last assignment on the work's channel first; never first of all.
     *
     * @return a strategy named {@code "round-robin"} ranking agents by their last assignment on the channel,
     *         never-assigned agents before all others
     */
    public static RoutingStrategy roundRobin() {
        return new RoutingStrategy() {
            @Override
            public String name() {
                return "round-robin";
            }

            @Override
            public long rank(Agent agent, Channel channel) {
                Instant last = agent.lastAssignedAt().get(channel);
                return last == null ? Long.MIN_VALUE : micros(last);
            }

            @Override
            public String describe(Agent agent, Channel channel) {
                Instant last = agent.lastAssignedAt().get(channel);
                return "longest since last assignment on " + channel + " (" + (last == null ? "never" : last) + ")";
            }
        };
    }

    /**
     * The work's preferred agents first (the customer's own agent, or the agent who had the case before); if none of
     * them can take it within {@code wait}, any agent as ranked by {@code fallback}.
     *
     * @param fallback the strategy whose ranking and description the sticky strategy uses
     * @param wait how long work waits for a preferred agent before any agent may take it; zero or more
     * @return a strategy named {@code "sticky(<fallback's name>)"}
     * @throws ValidationException if the wait is negative
     */
    public static RoutingStrategy sticky(RoutingStrategy fallback, Duration wait) {
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw ValidationException.of("RoutingStrategy", "wait", "PositiveOrZero", "must not be negative");
        }
        return new RoutingStrategy() {
            @Override
            public String name() {
                return "sticky(" + fallback.name() + ")";
            }

            @Override
            public long rank(Agent agent, Channel channel) {
                return fallback.rank(agent, channel);
            }

            @Override
            public Optional<Duration> preferredAgentWait() {
                return Optional.of(wait);
            }

            @Override
            public String describe(Agent agent, Channel channel) {
                return fallback.describe(agent, channel);
            }
        };
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
