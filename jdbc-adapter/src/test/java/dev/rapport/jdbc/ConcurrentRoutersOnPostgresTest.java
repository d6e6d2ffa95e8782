package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.tck.TestData;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Routers on two application nodes, each with its own connection pool to one PostgreSQL database, race to assign
 * the same cases: the optimistic versions on case and agent must keep every case with one agent and every agent
 * within its capacity.
 */
@DisplayName("Routers on two nodes sharing PostgreSQL")
class ConcurrentRoutersOnPostgresTest {

    private static final int AGENTS = 10;
    private static final int CHAT_CAPACITY = 3;
    private static final int CASES = 60;
    private static final int ROUTERS_PER_NODE = 2;
    private static final int THREADS_PER_ROUTER = 2;

    @Test
    @DisplayName("never give one case to two agents nor any agent more than its capacity, and use all capacity")
    void noDoubleAssignmentNoOverbooking() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (TestDatabases.Pool first = TestDatabases.postgresNode();
             TestDatabases.Pool second = TestDatabases.postgresNode();
             ValidatorFactory validation = Validation.byDefaultProvider().configure()
                     .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            // given ten agents with three chat slots each and sixty chats, stored through the first node
            JdbcStorage nodeA = JdbcStorage.builder().dataSource(first).tablePrefix(prefix).build();
            JdbcStorage nodeB = JdbcStorage.builder().dataSource(second).tablePrefix(prefix).build();
            for (int n = 1; n <= AGENTS; n++) {
                nodeA.agents().insert(Agent.builder().id(new AgentId(new UUID(0, n))).name("Agent " + n)
                        .presence(Presence.AVAILABLE).capacity(Map.of(Channel.CHAT, CHAT_CAPACITY))
                        .createdAt(now).updatedAt(now).build());
            }
            Customer customer = nodeA.customers().insert(TestData.customer().build());
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                cases.add(nodeA.cases().insert(Case.builder().id(CaseId.random()).customerId(customer.id())
                        .subject("Where is my order").originChannel(Channel.CHAT).createdAt(now).updatedAt(now)
                        .build()));
            }
            CommandValidator validator = new CommandValidator(validation.getValidator());
            List<Router> routers = new ArrayList<>();
            for (JdbcStorage node : List.of(nodeA, nodeB)) {
                for (int r = 0; r < ROUTERS_PER_NODE; r++) {
                    // as the facade does: assignments append their events to the outbox in their transactions
                    EngineRuntime runtime = new EngineRuntime(node, clock, validator.validator(),
                            UnitOfWork.over(node, event -> { }, () -> { }));
                    routers.add(new Router(runtime, RoutingPolicy.defaults()));
                }
            }

            // when every thread submits every case, in its own order, all starting together
            int threads = routers.size() * THREADS_PER_ROUTER;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Router router = routers.get(t % routers.size());
                List<Case> order = new ArrayList<>(cases);
                Collections.shuffle(order, new Random(t));
                done.add(pool.submit(() -> {
                    start.await();
                    for (Case supportCase : order) {
                        router.submit(RoutingRequest.forCase(supportCase).build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            routers.forEach(Router::dispatch);
            // the assignments' events went to the outbox in their transactions; relay them all
            try (OutboxRelay relay = OutboxRelay.builder().outbox(nodeB.outbox().orElseThrow()).publisher(events::add)
                    .build()) {
                while (nodeB.outbox().orElseThrow().pendingCount() > 0) {
                    relay.relayOnce();
                }
            }

            // then
            List<Case> stored = nodeB.cases().findByStatus(EnumSet.allOf(CaseStatus.class),
                    PageRequest.first(PageRequest.MAX_LIMIT)).items();
            Map<AgentId, Long> casesPerAgent = stored.stream().filter(c -> c.assignee().isPresent())
                    .collect(Collectors.groupingBy(c -> c.assignee().get(), Collectors.counting()));
            Map<CaseId, Long> assignmentsPerCase = events.stream().filter(CaseAssigned.class::isInstance)
                    .map(CaseAssigned.class::cast)
                    .collect(Collectors.groupingBy(CaseAssigned::caseId, Collectors.counting()));
            List<Agent> agents = nodeB.agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

            assertThat(assignmentsPerCase.values()).allMatch(count -> count == 1);
            assertThat(assignmentsPerCase).hasSize(AGENTS * CHAT_CAPACITY);
            assertThat(casesPerAgent.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(AGENTS * CHAT_CAPACITY);
            assertThat(agents).allSatisfy(agent -> {
                int load = agent.load().getOrDefault(Channel.CHAT, 0);
                assertThat(load).isEqualTo(casesPerAgent.getOrDefault(agent.id(), 0L).intValue());
                assertThat(load).isLessThanOrEqualTo(CHAT_CAPACITY);
            });
        }
    }
}
