package dev.rapport.agent;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.agent.Agent;
import dev.rapport.testing.TestRapport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent service over a {@link TestRapport}'s in-memory store, clock, validator and recording publisher, with a hook
 * that remembers every agent it is called with. Not thread-safe; one per test.
 */
final class AgentFixtures {

    final TestRapport t = new TestRapport();
    final List<Agent> hooked = new CopyOnWriteArrayList<>();
    final EngineRuntime runtime = new EngineRuntime(t.storage(), t.clock(), t.rapport().validator(),
            new UnitOfWork(t.storage().transactions(), t.events()));
    final AgentService agents = new AgentService(runtime, hooked::add);

    /** Registers an agent by the service; the event and the hook call are forgotten. */
    Agent registered(RegisterAgent command) {
        Agent agent = agents.register(command);
        t.events().clear();
        hooked.clear();
        return agent;
    }

    /** Registers an available chat agent with one skill; the event and the hook call are forgotten. */
    Agent registered() {
        return registered(RegisterAgent.builder().name("Maya Patel").skill("billing", 5)
                .capacity(dev.rapport.spi.Channel.CHAT, 3).presence(dev.rapport.spi.agent.Presence.AVAILABLE)
                .build());
    }
}
