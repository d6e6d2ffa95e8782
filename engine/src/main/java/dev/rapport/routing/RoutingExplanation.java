package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why a routing decision came out as it did. Agents come from an index of the agents available with spare capacity
 * on the channel, kept sorted by the strategy; {@code poolSizes} says how many of them have each required skill and
 * the language, which accounts for everyone never looked at; {@code excluded} names each agent looked at and passed
 * over, with the reason.
 *
 * @param strategy the strategy's name
 * @param channel the work's channel
 * @param units the capacity units the work costs (for whole-capacity channels, the chosen agent's capacity)
 * @param requiredSkills the skills and minimum levels applied, optional skills included while they still apply
 * @param droppedSkills optional skills no longer required because the work waited long enough
 * @param language the language required, if any
 * @param teams the teams the work may go to now; empty means any team
 * @param poolSizes per index bucket looked at (for example {@code "skill:billing"}, {@code "language:de"},
 *        {@code "all"}), how many available agents with spare capacity are in it
 * @param examined how many agents were looked at
 * @param eligible agents who could take the work, in the strategy's order: the chosen one first, then a few
 *        runners-up
 * @param excluded agents looked at and passed over, each with the reason
 * @param chosen the agent chosen, if any
 * @param reason why this agent, or why nobody
 */
public record RoutingExplanation(
        String strategy,
        Channel channel,
        int units,
        Map<String, Integer> requiredSkills,
        Map<String, Integer> droppedSkills,
        Optional<Locale> language,
        List<TeamId> teams,
        Map<String, Integer> poolSizes,
        int examined,
        List<AgentId> eligible,
        List<Exclusion> excluded,
        Optional<AgentId> chosen,
        String reason) {

    /**
     * Copies the collections.
     *
     * @param strategy the strategy's name
     * @param channel the work's channel
     * @param units the capacity units the work costs (for whole-capacity channels, the chosen agent's capacity)
     * @param requiredSkills the skills and minimum levels applied, optional skills included while they still apply
     * @param droppedSkills optional skills no longer required because the work waited long enough
     * @param language the language required, if any
     * @param teams the teams the work may go to now; empty means any team
     * @param poolSizes per index bucket looked at (for example {@code "skill:billing"}, {@code "language:de"},
     *         {@code "all"}), how many available agents with spare capacity are in it
     * @param examined how many agents were looked at
     * @param eligible agents who could take the work, in the strategy's order: the chosen one first, then a few
     *         runners-up
     * @param excluded agents looked at and passed over, each with the reason
     * @param chosen the agent chosen, if any
     * @param reason why this agent, or why nobody
     */
    public RoutingExplanation {
        requiredSkills = Map.copyOf(requiredSkills);
        droppedSkills = Map.copyOf(droppedSkills);
        teams = List.copyOf(teams);
        poolSizes = Map.copyOf(poolSizes);
        eligible = List.copyOf(eligible);
        excluded = List.copyOf(excluded);
    }

    /**
     * The exclusion recorded for an agent, if it was looked at and passed over.
     *
     * @param agentId the agent asked about
     * @return the agent's exclusion with its reason; empty if the agent was not looked at or was eligible
     */
    public Optional<Exclusion> exclusionOf(AgentId agentId) {
        return excluded.stream().filter(e -> e.agentId().equals(agentId)).findFirst();
    }
}
