package dev.rapport.routing;

import static dev.rapport.routing.RoutingFixtures.agentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.event.CaseAssigned;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A router storing assignments")
class RouterStorageTest extends RoutingFixtures {

    @Test
    @DisplayName("stores the case's assignee and team with the agent's load and last assignment, and raises CaseAssigned")
    void storesAssignment() {
        // given
        agent(1).team("tier-1").store();
        Router router = router();
        Case supportCase = storeCase();

        // when
        RoutingDecision decision = router.submit(chat(supportCase).build());

        // then
        Case stored = storage.cases().get(supportCase.id());
        Agent agent = storage.agents().get(agentId(1));
        assertThat(decision.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(stored.assignee()).contains(agentId(1));
        assertThat(stored.team()).contains(TeamId.of("tier-1"));
        assertThat(stored.version()).isEqualTo(2);
        assertThat(agent.load()).containsEntry(Channel.CHAT, 1);
        assertThat(agent.lastAssignedAt()).containsEntry(Channel.CHAT, START);
        assertThat(events).singleElement().isInstanceOfSatisfying(CaseAssigned.class, e -> {
            assertThat(e.caseId()).isEqualTo(supportCase.id());
            assertThat(e.assignee()).isEqualTo(agentId(1));
            assertThat(e.previous()).isEmpty();
            assertThat(e.team()).contains(TeamId.of("tier-1"));
        });
    }

    @Test
    @DisplayName("gives the load back when the case is released, once")
    void releaseGivesLoadBack() {
        // given
        agent(1).store();
        Router router = router();
        Case supportCase = storeCase();
        router.submit(chat(supportCase).build());

        // when
        router.release(supportCase.id());
        router.release(supportCase.id());

        // then
        assertThat(storage.agents().get(agentId(1)).load().getOrDefault(Channel.CHAT, 0)).isZero();
        assertThat(router.agent(agentId(1)).orElseThrow().spareCapacity(Channel.CHAT)).isEqualTo(3);
    }

    @Test
    @DisplayName("releases a case assigned by another router from what storage says")
    void releaseFromStorage() {
        // given
        agent(1).store();
        Case supportCase = storeCase();
        router().submit(chat(supportCase).build());
        Router other = router();

        // when
        other.release(supportCase.id());

        // then
        assertThat(storage.agents().get(agentId(1)).load().getOrDefault(Channel.CHAT, 0)).isZero();
    }

    @Test
    @DisplayName("moves a reassigned case's load from the old agent to the new one in one transaction")
    void reassignMovesLoad() {
        // given
        agent(1).store();
        agent(2).load(Map.of(Channel.CHAT, 1)).store();
        Router router = router();
        Case supportCase = storeCase();
        router.submit(chat(supportCase).build());

        // when
        RoutingDecision moved = router.reassign(chat(storage.cases().get(supportCase.id())).build());

        // then
        assertThat(moved.agentId()).contains(agentId(2));
        assertThat(moved.explanation().exclusionOf(agentId(1)))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ExclusionReason.CURRENT_ASSIGNEE));
        assertThat(storage.agents().get(agentId(1)).load().getOrDefault(Channel.CHAT, 0)).isZero();
        assertThat(storage.agents().get(agentId(2)).load()).containsEntry(Channel.CHAT, 2);
        assertThat(storage.cases().get(supportCase.id()).assignee()).contains(agentId(2));
        assertThat(events).last().isInstanceOfSatisfying(CaseAssigned.class,
                e -> assertThat(e.previous()).isEqualTo(Optional.of(agentId(1))));
    }

    @Test
    @DisplayName("drops work that another router assigned while it was offered, instead of assigning it twice")
    void dropsWorkAssignedElsewhere() {
        // given two routers that both read the same agents and case; the second offers it first
        agent(1).store();
        agent(2).store();
        Case supportCase = storeCase();
        Router first = router();
        Router second = router(RoutingPolicy.builder().requireAcceptance(true).build());
        RoutingDecision offered = second.submit(chat(supportCase).build());

        // when the first router assigns the case, and then the second router's offer is accepted
        RoutingDecision won = first.submit(chat(supportCase).build());
        RoutingDecision lost = second.accept(offered.offer().orElseThrow().offerId());

        // then
        assertThat(won.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(lost.outcome()).isEqualTo(RoutingOutcome.DROPPED);
        assertThat(events).filteredOn(CaseAssigned.class::isInstance).hasSize(1);
        int totalLoad = storage.agents().get(agentId(1)).load().getOrDefault(Channel.CHAT, 0)
                + storage.agents().get(agentId(2)).load().getOrDefault(Channel.CHAT, 0);
        assertThat(totalLoad).isEqualTo(1);
        assertThat(second.waiting()).isEmpty();
    }

    @Test
    @DisplayName("refuses to route an already assigned case again, and routes it again once released and reopened")
    void assignedCaseIsNotRoutedTwice() {
        // given
        agent(1).store();
        Router router = router();
        Case supportCase = storeCase();
        router.submit(chat(supportCase).build());

        // when
        RoutingDecision again = router().submit(chat(storage.cases().get(supportCase.id())).build());
        router.release(supportCase.id());
        RoutingDecision reopened = router.submit(chat(storage.cases().get(supportCase.id())).build());

        // then
        assertThat(again.outcome()).isEqualTo(RoutingOutcome.DROPPED);
        assertThat(again.explanation().reason()).contains("already assigned");
        assertThat(reopened.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(storage.agents().get(agentId(1)).load()).containsEntry(Channel.CHAT, 1);
    }
}
