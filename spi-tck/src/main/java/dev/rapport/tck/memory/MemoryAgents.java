package dev.rapport.tck.memory;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.TeamId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

final class MemoryAgents implements AgentRepository {

    private static final Comparator<Agent> ORDER =
            Comparator.comparing(Agent::createdAt).thenComparing(a -> a.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<AgentId, Agent> byId = new HashMap<>();

    MemoryAgents(MemoryState state) {
        this.state = state;
    }

    @Override
    public Agent insert(Agent agent) {
        AgentRules.check(agent);
        return state.inTransaction(() -> {
            if (byId.containsKey(agent.id())) {
                throw DuplicateEntityException.ofId("agent", agent.id());
            }
            Agent stored = agent.withVersion(1);
            state.put(byId, stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Agent update(Agent agent) {
        AgentRules.check(agent);
        return state.inTransaction(() -> {
            Agent current = byId.get(agent.id());
            if (current == null) {
                throw new AgentNotFoundException(agent.id());
            }
            if (current.version() != agent.version()) {
                throw new StaleVersionException("agent", agent.id(), agent.version());
            }
            Agent stored = agent.withVersion(current.version() + 1);
            state.put(byId, stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Optional<Agent> findById(AgentId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Page<Agent> list(PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), a -> true, ORDER, page));
    }

    @Override
    public Page<Agent> findByTeam(TeamId team, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), a -> a.team().filter(team::equals).isPresent(),
                ORDER, page));
    }
}
