package dev.rapport.routing;

import static dev.rapport.routing.RoutingFixtures.agentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A router's backlog")
class RouterBacklogTest extends RoutingFixtures {

    @Test
    @DisplayName("orders waiting work by priority, then time to SLA breach, then original request time")
    void ordersBacklog() {
        // given nobody is available
        agent(1).presence(Presence.OFFLINE).store();
        Router router = router();
        Case oldNormal = storeCase(Channel.CHAT, Priority.NORMAL);
        router.submit(chat(oldNormal).build());
        clock.advance(Duration.ofMinutes(1));
        Case laterNormal = storeCase(Channel.CHAT, Priority.NORMAL);
        router.submit(chat(laterNormal).build());
        Case dueSoon = storeCase(Channel.CHAT, Priority.NORMAL);
        router.submit(chat(dueSoon).slaDueAt(START.plusSeconds(600)).build());
        Case urgent = storeCase(Channel.CHAT, Priority.URGENT);
        router.submit(chat(urgent).build());

        // when
        var order = router.waiting().stream().map(WorkItem::caseId).toList();

        // then
        assertThat(order).containsExactly(urgent.id(), dueSoon.id(), oldNormal.id(), laterNormal.id());
    }

    @Test
    @DisplayName("gives a freed agent the most urgent work that fits, and work nobody can take does not block the rest")
    void freedAgentTakesMostUrgentFittingWork() {
        // given an agent with one chat slot, taken
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        Router router = router();
        Case first = storeCase();
        router.submit(chat(first).build());
        Case low = storeCase(Channel.CHAT, Priority.LOW);
        Case needsSkill = storeCase(Channel.CHAT, Priority.URGENT);
        Case high = storeCase(Channel.CHAT, Priority.HIGH);
        router.submit(chat(low).build());
        router.submit(chat(needsSkill).requiredSkills(Map.of("legal", 1)).build());
        router.submit(chat(high).build());

        // when the first chat is resolved, then the next
        var afterFirst = router.release(first.id());
        var afterHigh = router.release(high.id());

        // then
        assertThat(afterFirst).filteredOn(d -> d.outcome() == RoutingOutcome.ASSIGNED)
                .extracting(RoutingDecision::caseId).containsExactly(high.id());
        assertThat(afterHigh).filteredOn(d -> d.outcome() == RoutingOutcome.ASSIGNED)
                .extracting(RoutingDecision::caseId).containsExactly(low.id());
        assertThat(router.waiting()).extracting(WorkItem::caseId).containsExactly(needsSkill.id());
    }

    @Test
    @DisplayName("raises the priority of waiting work over time so that low-priority work never starves")
    void aging() {
        // given low-priority work that has waited 45 minutes and fresh high-priority work; aging step 15 minutes
        agent(1).capacity(Map.of(Channel.CHAT, 1)).presence(Presence.OFFLINE).store();
        Router router = router(RoutingPolicy.builder().agingStep(Duration.ofMinutes(15)).build());
        Case low = storeCase(Channel.CHAT, Priority.LOW);
        router.submit(chat(low).build());
        clock.advance(Duration.ofMinutes(45));
        Case high = storeCase(Channel.CHAT, Priority.HIGH);
        router.submit(chat(high).build());

        // when
        var decisions = router.setPresence(agentId(1), Presence.AVAILABLE);

        // then
        assertThat(decisions).filteredOn(d -> d.outcome() == RoutingOutcome.ASSIGNED)
                .extracting(RoutingDecision::caseId).containsExactly(low.id());
    }

    @Test
    @DisplayName("keeps the original request time when work is routed again")
    void keepsRequestTime() {
        // given
        agent(1).presence(Presence.OFFLINE).store();
        Router router = router();
        Case supportCase = storeCase();
        router.submit(chat(supportCase).build());
        clock.advance(Duration.ofMinutes(10));

        // when the work is submitted again with other needs
        router.submit(chat(supportCase).requiredSkills(Map.of("billing", 2)).build());

        // then
        assertThat(router.waiting()).singleElement().satisfies(item -> {
            assertThat(item.requestedAt()).isEqualTo(START);
            assertThat(item.request().requiredSkills()).containsKey("billing");
        });
    }

    @Test
    @DisplayName("drops work from the backlog when it is withdrawn")
    void withdraw() {
        // given
        agent(1).presence(Presence.OFFLINE).store();
        Router router = router();
        CaseId caseId = storeCase().id();
        router.submit(chat(storage.cases().get(caseId)).build());

        // when
        router.withdraw(caseId);

        // then
        assertThat(router.waiting()).isEmpty();
    }
}
