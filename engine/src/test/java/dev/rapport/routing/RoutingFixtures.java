package dev.rapport.routing;

import dev.rapport.test.SettableClock;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.tck.memory.InMemoryStorage;
import jakarta.validation.Validation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store, a clock and helpers to put agents and cases in it. */
class RoutingFixtures {

    static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
    static final CommandValidator VALIDATOR =
            new CommandValidator(Validation.buildDefaultValidatorFactory().getValidator());

    final SettableClock clock = new SettableClock(START);
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    Router router(RoutingPolicy config) {
        return new Router(EngineRuntime.direct(storage, clock, VALIDATOR.validator(), events::add), config);
    }

    Router router() {
        return router(RoutingPolicy.defaults());
    }

    /** An agent id whose order among others is fixed by {@code n}, for deterministic tie tests. */
    static AgentId agentId(int n) {
        return new AgentId(new UUID(0, n));
    }

    AgentBuilder agent(int n) {
        return new AgentBuilder(agentId(n));
    }

    final class AgentBuilder {
        private final Agent.Builder builder;

        AgentBuilder(AgentId id) {
            builder = Agent.builder().id(id).name("Agent " + id.value().getLeastSignificantBits())
                    .presence(Presence.AVAILABLE).languages(Set.of(Locale.ENGLISH))
                    .capacity(Map.of(Channel.CHAT, 3, Channel.EMAIL, 5, Channel.PHONE, 1))
                    .createdAt(START).updatedAt(START);
        }

        AgentBuilder skills(Map<String, Integer> skills) {
            builder.skills(skills);
            return this;
        }

        AgentBuilder languages(Locale... languages) {
            builder.languages(Set.of(languages));
            return this;
        }

        AgentBuilder capacity(Map<Channel, Integer> capacity) {
            builder.capacity(capacity);
            return this;
        }

        AgentBuilder load(Map<Channel, Integer> load) {
            builder.load(load);
            return this;
        }

        AgentBuilder lastAssignedAt(Map<Channel, Instant> last) {
            builder.lastAssignedAt(last);
            return this;
        }

        AgentBuilder presence(Presence presence) {
            builder.presence(presence);
            return this;
        }

        AgentBuilder team(String team) {
            builder.team(TeamId.of(team));
            return this;
        }

        Agent store() {
            return storage.agents().insert(builder.build());
        }
    }

    Case storeCase(Channel channel, Priority priority) {
        return storage.cases().insert(Case.builder().id(CaseId.random()).customerId(CustomerId.random())
                .subject("Where is my order").originChannel(channel).priority(priority)
                .createdAt(clock.instant()).updatedAt(clock.instant()).build());
    }

    Case storeCase() {
        return storeCase(Channel.CHAT, Priority.NORMAL);
    }

    static RoutingRequest.Builder chat(Case supportCase) {
        return RoutingRequest.forCase(supportCase);
    }
}
