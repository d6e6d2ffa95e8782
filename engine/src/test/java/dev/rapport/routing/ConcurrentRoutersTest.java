package dev.rapport.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.event.CaseAssigned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Routers racing on one store")
class ConcurrentRoutersTest extends RoutingFixtures {

    static final int AGENTS = 10;
    static final int CHAT_CAPACITY = 3;
    static final int CASES = 80;
    static final int ROUTERS = 4;
    static final int THREADS_PER_ROUTER = 2;

    @Test
    @DisplayName("never give one case to two agents nor any agent more than its capacity, and use all capacity")
    void noDoubleAssignmentNoOverbooking() throws Exception {
        // given ten agents with three chat slots each, eighty chats, and four routers that each loaded the agents
        for (int n = 1; n <= AGENTS; n++) {
            agent(n).capacity(Map.of(Channel.CHAT, CHAT_CAPACITY)).store();
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(storeCase());
        }
        List<Router> routers = new ArrayList<>();
        for (int r = 0; r < ROUTERS; r++) {
            routers.add(router());
        }

        // when every thread submits every case, in its own order, all starting together
        ExecutorService pool = Executors.newFixedThreadPool(ROUTERS * THREADS_PER_ROUTER);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < ROUTERS * THREADS_PER_ROUTER; t++) {
            Router router = routers.get(t % ROUTERS);
            List<Case> order = new ArrayList<>(cases);
            Collections.shuffle(order, new Random(t));
            done.add(pool.submit(() -> {
                start.await();
                for (Case supportCase : order) {
                    router.submit(chat(supportCase).build());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        routers.forEach(Router::dispatch); // settle work a router left waiting behind its own in-flight reservations

        // then
        List<Case> stored = storage.cases().findByStatus(EnumSet.allOf(CaseStatus.class),
                PageRequest.first(PageRequest.MAX_LIMIT)).items();
        Map<AgentId, Long> casesPerAgent = stored.stream().filter(c -> c.assignee().isPresent())
                .collect(Collectors.groupingBy(c -> c.assignee().get(), Collectors.counting()));
        Map<CaseId, Long> assignmentsPerCase = events.stream().filter(CaseAssigned.class::isInstance)
                .map(CaseAssigned.class::cast).collect(Collectors.groupingBy(CaseAssigned::caseId, Collectors.counting()));
        List<Agent> agents = storage.agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        assertThat(assignmentsPerCase.values()).allMatch(count -> count == 1);
        assertThat(assignmentsPerCase).hasSize(AGENTS * CHAT_CAPACITY);
        assertThat(casesPerAgent.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(AGENTS * CHAT_CAPACITY);
        assertThat(agents).allSatisfy(agent -> {
            int load = agent.load().getOrDefault(Channel.CHAT, 0);
            assertThat(load).isEqualTo(casesPerAgent.getOrDefault(agent.id(), 0L).intValue());
            assertThat(load).isLessThanOrEqualTo(CHAT_CAPACITY);
        });
        Map<CaseId, Case> byId = stored.stream().collect(Collectors.toMap(Case::id, Function.identity()));
        assertThat(assignmentsPerCase).allSatisfy((caseId, count) ->
                assertThat(byId.get(caseId).assignee()).isPresent());
    }
}
