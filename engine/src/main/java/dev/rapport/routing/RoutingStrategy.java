package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import java.time.Duration;
import java.util.Optional;

/**
 * How a router ranks the agents who could take a piece of work. The router keeps every available agent sorted by
 * {@link #rank(Agent, Channel)} in an index, so the rank must depend on the agent record alone (its load, capacity,
 * last assignment...), not on the work; ties are broken by the earlier last assignment on the channel, then by
 * agent id, so decisions are deterministic. Hosts implement this interface to add their own strategies; the
 * built-in ones are in {@link RoutingStrategies}. Implementations must be immutable and thread-safe.
 */
public interface RoutingStrategy {

    /**
     * A short name for explanations, for example {@code "least-active"}.
     *
     * @return the name shown in {@link RoutingExplanation#strategy()}
     */
    String name();

    /**
     * The agent's rank on a channel; the lowest rank is offered work first. The agent's load includes work offered
     * to it and not yet accepted.
     *
     * @param agent the agent, available with spare capacity on the channel
     * @param channel the channel of the work
     * @return the rank; the lower, the sooner the agent is offered work
     */
    long rank(Agent agent, Channel channel);

    /**
     * How long work waits for its preferred agents (the customer's own or previous agent) before any other agent
     * may take it; empty when the strategy ignores preferred agents. Default empty.
     *
     * @return how long work waits for a preferred agent; empty when preferred agents are not waited for
     */
    default Optional<Duration> preferredAgentWait() {
        return Optional.empty();
    }

    /**
     * Why an agent ranks where it does, for explanations; by default the strategy's name and the rank.
     *
     * @param agent the agent
     * @param channel the channel of the work
     * @return a short human-readable sentence, for example {@code "fewest units in use on chat (2)"}
     */
    default String describe(Agent agent, Channel channel) {
        return name() + " rank " + rank(agent, channel);
    }
}
