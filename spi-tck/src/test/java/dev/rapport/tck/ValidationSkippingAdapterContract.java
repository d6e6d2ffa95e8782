package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRules;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import dev.rapport.tck.memory.InMemoryStorage;

/**
 * The kit run against an adapter that skips the agent check: it stores whatever agent it is given, a blank name,
 * skill level 42 or a missing id included, as an adapter that forgot {@link AgentRules} would. Valid agents go to the
 * reference adapter; invalid ones are kept beside it and found by id. It must fail; run only through
 * {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class ValidationSkippingAdapterContract extends RapportStorageContract {

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        Map<AgentId, Agent> unchecked = Collections.synchronizedMap(new HashMap<>());
        return new ForwardingStorage(store, new ForwardingStorage.Customers(store.customers()),
                new ForwardingStorage.Cases(store.cases()), new ForwardingStorage.FollowUps(store.followUps()),
                new ForwardingStorage.Agents(store.agents()) {
                    @Override
                    public Agent insert(Agent agent) {
                        if (AgentRules.violations(agent).isEmpty()) {
                            return delegate.insert(agent);
                        }
                        Agent stored = agent.withVersion(1); // the broken part: stored without the check
                        unchecked.put(agent.id(), stored);
                        return stored;
                    }

                    @Override
                    public Agent update(Agent agent) {
                        if (AgentRules.violations(agent).isEmpty()) {
                            return delegate.update(agent);
                        }
                        Agent stored = agent.withVersion(agent.version() + 1); // stored without the check
                        unchecked.put(agent.id(), stored);
                        return stored;
                    }

                    @Override
                    public Optional<Agent> findById(AgentId id) {
                        Agent found = unchecked.get(id);
                        return found != null ? Optional.of(found) : delegate.findById(id);
                    }
                },
                store.transactions());
    }
}
