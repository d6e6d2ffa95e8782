package dev.rapport.complaint;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compliments received in a period, counted in all and per agent credited, for the league table.
 *
 * @param period the receipt period, half-open
 * @param total how many compliments were received
 * @param byAgent how many credit each agent, most first, then by agent id; a compliment crediting two agents
 *        counts for both
 */
public record ComplimentTally(TimeRange period, long total, Map<AgentId, Long> byAgent) {

    /**
     * Copies the counts, keeping their order.
     *
     * @param period the receipt period, half-open
     * @param total how many compliments were received
     * @param byAgent how many credit each agent, most first, then by agent id; a compliment crediting two agents counts
     *         for both
     */
    public ComplimentTally {
        byAgent = Collections.unmodifiableMap(new LinkedHashMap<>(byAgent));
    }

    /**
     * How many compliments credit the agent.
     *
     * @param agentId the agent
     * @return the number of compliments received in the period that credit the agent; zero if none
     */
    public long of(AgentId agentId) {
        return byAgent.getOrDefault(agentId, 0L);
    }
}
