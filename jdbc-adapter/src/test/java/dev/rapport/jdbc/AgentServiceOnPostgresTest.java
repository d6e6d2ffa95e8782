package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.agent.AgentService;
import dev.rapport.agent.ChangeCapacity;
import dev.rapport.agent.ChangeSkills;
import dev.rapport.agent.ChangeTeam;
import dev.rapport.agent.RegisterAgent;
import dev.rapport.agent.SetPresence;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent service on one application node changes an agent while routing on another node raises the same agent's
 * load, both on one PostgreSQL database: every change meets stale versions, and none may lose a load increment.
 */
@DisplayName("Agent changes beside routing on two nodes sharing PostgreSQL")
class AgentServiceOnPostgresTest {

    private static final int ROUTING_THREADS = 2;
    private static final int INCREMENTS_PER_THREAD = 150;
    private static final int SERVICE_THREADS = 2;
    private static final int COMMANDS_PER_THREAD = 40;

    @Test
    @DisplayName("keeps every load increment routing stored while skills, capacity, team and presence change, and stores the agent valid")
    void changesNeverLoseRoutingLoad() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        Clock clock = Clock.systemUTC();
        try (TestDatabases.Pool first = TestDatabases.postgresNode();
             TestDatabases.Pool second = TestDatabases.postgresNode();
             ValidatorFactory validation = Validation.byDefaultProvider().configure()
                     .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            // given an agent registered through the service on node B, and routing on node A
            JdbcStorage routingNode = JdbcStorage.builder().dataSource(first).tablePrefix(prefix).build();
            JdbcStorage serviceNode = JdbcStorage.builder().dataSource(second).tablePrefix(prefix).build();
            List<Agent> hooked = java.util.Collections.synchronizedList(new ArrayList<>());
            AgentService agents = new AgentService(new EngineRuntime(serviceNode, clock, validation.getValidator(),
                    UnitOfWork.over(serviceNode, event -> { }, () -> { })), hooked::add);
            Agent agent = agents.register(RegisterAgent.builder().name("Maya Patel").skill("billing", 5)
                    .capacity(Channel.CHAT, 1000).presence(Presence.AVAILABLE).build());
            AtomicInteger staleCommands = new AtomicInteger();

            // when routing threads raise the load one by one while service threads change everything else
            ExecutorService pool = Executors.newFixedThreadPool(ROUTING_THREADS + SERVICE_THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < ROUTING_THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                        incrementLoad(routingNode, agent, clock);
                    }
                    return null;
                }));
            }
            for (int t = 0; t < SERVICE_THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
                        int n = thread * COMMANDS_PER_THREAD + i;
                        untilNotStale(staleCommands, () -> switch (n % 4) {
                            case 0 -> agents.changeSkills(ChangeSkills.builder(agent.id())
                                    .skill("billing", 1 + n % 10).skill("refunds", 10 - n % 10).build());
                            case 1 -> agents.changeCapacity(ChangeCapacity.builder(agent.id())
                                    .capacity(Channel.CHAT, 1000).capacity(Channel.EMAIL, n).build());
                            case 2 -> agents.changeTeam(ChangeTeam.of(agent.id(), TeamId.of("team-" + n)));
                            default -> agents.setPresence(new SetPresence(agent.id(),
                                    n % 8 == 3 ? Presence.BUSY : Presence.AVAILABLE));
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(300, TimeUnit.SECONDS);
            }
            pool.shutdown();

            // then
            Agent stored = routingNode.agents().get(agent.id());
            int increments = ROUTING_THREADS * INCREMENTS_PER_THREAD;
            assertThat(stored.load()).isEqualTo(Map.of(Channel.CHAT, increments));
            assertThat(AgentRules.violations(stored)).isEmpty();
            assertThat(stored.capacity()).containsEntry(Channel.CHAT, 1000);
            assertThat(hooked).as("one hook call per committed change, registration included").isNotEmpty();
            assertThat(stored.version()).as("every increment and every committed change, each once")
                    .isEqualTo(increments + hooked.size());
            assertThat(serviceNode.outbox().orElseThrow().pendingCount()).as("one event per committed change")
                    .isEqualTo(hooked.size());
        }
    }

    /** Raises the agent's chat load by one as routing does: read, change, write under the version, retry if stale. */
    private static void incrementLoad(JdbcStorage storage, Agent agent, Clock clock) {
        while (true) {
            Agent current = storage.agents().get(agent.id());
            Map<Channel, Integer> load = new HashMap<>(current.load());
            load.merge(Channel.CHAT, 1, Integer::sum);
            Map<Channel, Instant> last = new HashMap<>(current.lastAssignedAt());
            last.put(Channel.CHAT, clock.instant().truncatedTo(ChronoUnit.MICROS));
            try {
                storage.transactions().inTransaction(() -> storage.agents().update(current.toBuilder().load(load)
                        .lastAssignedAt(last).build()));
                return;
            } catch (StaleVersionException e) {
                // another writer came first: read again
            }
        }
    }

    /** Runs a command again, as a host would, when other writers kept winning on all of the service's attempts. */
    private static void untilNotStale(AtomicInteger staleCommands, Supplier<Agent> command) {
        while (true) {
            try {
                command.get();
                return;
            } catch (StaleVersionException e) {
                staleCommands.incrementAndGet();
            } catch (ValidationException e) {
                throw new AssertionError("a valid command was refused: " + e.getMessage(), e);
            }
        }
    }
}
