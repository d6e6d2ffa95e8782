package dev.rapport.benchmarks;

import dev.rapport.internal.CommandValidator;
import dev.rapport.routing.ChannelCosts;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.routing.RoutingStrategy;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline the router's index is measured against: the same rules and the same order (strategy rank, then
 * earlier last assignment, then agent id), found by looking at every agent. It validates the request like
 * {@link dev.rapport.routing.Router#preview}, and builds no explanation, which only flatters it. Thread-safe if the
 * agent list is not changed.
 */
public final class NaiveRouter {

    private final List<Agent> agents;
    private final RoutingStrategy strategy;
    private final ChannelCosts costs;
    private final CommandValidator validator;

    /** A baseline over a fixed list of agents. */
    public NaiveRouter(List<Agent> agents, RoutingStrategy strategy, ChannelCosts costs, CommandValidator validator) {
        this.agents = List.copyOf(agents);
        this.strategy = strategy;
        this.costs = costs;
        this.validator = validator;
    }

    /** The agent the rules and order choose for the request, by a linear scan. */
    public Optional<AgentId> decide(RoutingRequest request) {
        validator.check(request);
        Channel channel = request.channel();
        String language = request.language().map(Locale::getLanguage).orElse(null);
        Optional<TeamId> team = request.team();
        Agent best = null;
        long bestRank = 0;
        long bestTie = 0;
        for (Agent agent : agents) {
            if (!fits(agent, channel, request.requiredSkills(), language, team)) {
                continue;
            }
            long rank = strategy.rank(agent, channel);
            Instant last = agent.lastAssignedAt().get(channel);
            long tie = last == null ? Long.MIN_VALUE : last.getEpochSecond() * 1_000_000L + last.getNano() / 1_000;
            if (best == null || rank < bestRank || (rank == bestRank && (tie < bestTie
                    || (tie == bestTie && agent.id().value().compareTo(best.id().value()) < 0)))) {
                best = agent;
                bestRank = rank;
                bestTie = tie;
            }
        }
        return Optional.ofNullable(best).map(Agent::id);
    }

    private boolean fits(Agent agent, Channel channel, Map<String, Integer> skills, String language,
            Optional<TeamId> team) {
        if (agent.presence() != Presence.AVAILABLE) {
            return false;
        }
        int spare = agent.spareCapacity(channel);
        if (spare <= 0 || spare < costs.unitsFor(channel, agent)) {
            return false;
        }
        for (Map.Entry<String, Integer> skill : skills.entrySet()) {
            if (agent.skillLevel(skill.getKey()) < skill.getValue()) {
                return false;
            }
        }
        if (language != null && agent.languages().stream().noneMatch(l -> l.getLanguage().equals(language))) {
            return false;
        }
        return team.isEmpty() || agent.team().equals(team);
    }
}
