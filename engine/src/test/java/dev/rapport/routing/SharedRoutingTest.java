package dev.rapport.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.routing.RoutingWork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Routers on several nodes sharing one store")
class SharedRoutingTest extends RoutingFixtures {

    @Test
    @DisplayName("route work queued on another node once capacity frees, without any call naming the work")
    void workQueuedElsewhereIsRouted() {
        // given node A queued a chat while its only agent was full, and node B holds that agent's case
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        Router nodeA = router();
        Router nodeB = router();
        Case held = storeCase();
        assertThat(nodeB.submit(chat(held).build()).outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        Case waiting = storeCase();
        assertThat(nodeA.submit(chat(waiting).build()).outcome()).isEqualTo(RoutingOutcome.WAITING);

        // when node B releases its case; node A has not been told anything
        nodeB.release(held.id());

        // then node B's dispatch after the release took node A's work from the shared queue
        assertThat(storage.cases().get(waiting.id()).assignee()).contains(agentId(1));
        assertThat(nodeA.waiting()).isEmpty();
        assertThat(storage.routing().findHolding(waiting.id())).hasValueSatisfying(
                h -> assertThat(h.agentId()).isEqualTo(agentId(1)));
    }

    @Test
    @DisplayName("see capacity freed on another node after one tick, and give it to the waiting work")
    void capacityFreedElsewhereIsSeenOnTick() {
        // given node A's index believes the agent full, and work waits that only node A will dispatch
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        Router nodeA = router();
        Case held = storeCase();
        nodeA.submit(chat(held).build());
        Case waiting = storeCase();
        nodeA.submit(chat(waiting).build());

        // when another node frees the capacity in storage without dispatching, and node A ticks
        Router nodeB = router();
        storage.transactions().inTransaction(() -> nodeB.releaseIn(held.id(), clock.instant()));
        assertThat(nodeA.agent(agentId(1)).orElseThrow().spareCapacity(Channel.CHAT)).isZero();
        clock.advance(Duration.ofMillis(500));
        List<RoutingDecision> decisions = nodeA.tick();

        // then
        assertThat(decisions).extracting(RoutingDecision::caseId, RoutingDecision::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(waiting.id(), RoutingOutcome.ASSIGNED));
        assertThat(storage.agents().get(agentId(1)).load()).containsEntry(Channel.CHAT, 1);
    }

    @Test
    @DisplayName("give work to an agent registered after the router started, once it ticks")
    void agentAddedLaterGetsWork() {
        // given a router that started with nobody, and work waiting
        Router router = router();
        Case supportCase = storeCase();
        assertThat(router.submit(chat(supportCase).build()).outcome()).isEqualTo(RoutingOutcome.WAITING);

        // when an agent is stored by another node and the router ticks
        agent(7).store();
        List<RoutingDecision> decisions = router.tick();

        // then
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
            assertThat(d.agentId()).contains(agentId(7));
        });
    }

    @Test
    @DisplayName("keep waiting work and open offers in storage, so a new router picks them up after a restart")
    void stateSurvivesTheRouter() {
        // given a router that offered one case and queued another, then is gone
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        RoutingPolicy offering = RoutingPolicy.builder().requireAcceptance(true).build();
        Router gone = router(offering);
        Case offered = storeCase();
        RoutingDecision offer = gone.submit(chat(offered).build());
        Case queued = storeCase();
        gone.submit(chat(queued).build());

        // when a new router starts on the same store
        Router restarted = router(offering);

        // then it sees the same queue and the same offer, and the offer can be answered there
        assertThat(restarted.waiting()).extracting(WorkItem::caseId)
                .containsExactlyInAnyOrder(offered.id(), queued.id());
        assertThat(restarted.offerFor(offered.id())).hasValueSatisfying(
                o -> assertThat(o.offerId()).isEqualTo(offer.offer().orElseThrow().offerId()));
        RoutingDecision accepted = restarted.accept(offer.offer().orElseThrow().offerId());
        assertThat(accepted.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(storage.cases().get(offered.id()).assignee()).contains(agentId(1));
    }

    @Test
    @DisplayName("count an open offer in the agent's stored load, so no other node gives the units away")
    void offersReserveInStorage() {
        // given
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        Router offering = router(RoutingPolicy.builder().requireAcceptance(true).build());
        Router other = router();

        // when node one offers a chat, and node two routes another chat
        RoutingDecision offer = offering.submit(chat(storeCase()).build());
        RoutingDecision second = other.submit(chat(storeCase()).build());

        // then
        assertThat(offer.outcome()).isEqualTo(RoutingOutcome.OFFERED);
        assertThat(storage.agents().get(agentId(1)).load()).containsEntry(Channel.CHAT, 1);
        assertThat(second.outcome()).isEqualTo(RoutingOutcome.WAITING);
    }

    @Test
    @DisplayName("answer a submit with the other node's assignment when that node stored it first")
    void submitReportsTheWinner() {
        // given work that node A queued, and node B that assigned it meanwhile
        agent(1).presence(Presence.OFFLINE).store();
        Router nodeA = router();
        Case supportCase = storeCase();
        nodeA.submit(chat(supportCase).build());
        Router nodeB = router();
        nodeB.setPresence(agentId(1), Presence.AVAILABLE);

        // when node A submits the same case again
        RoutingDecision again = nodeA.submit(chat(storage.cases().get(supportCase.id())).build());

        // then the decision names the assignment node B stored, never nothing
        assertThat(again).isNotNull();
        assertThat(again.outcome()).isEqualTo(RoutingOutcome.DROPPED);
        assertThat(again.explanation().reason()).contains("already assigned");
        Optional<RoutingWork> left = storage.routing().findWork(supportCase.id());
        assertThat(left).isEmpty();
        CaseId id = supportCase.id();
        assertThat(storage.cases().get(id).assignee()).contains(agentId(1));
    }

    @Test
    @DisplayName("give capacity freed by resolving a case to the waiting work at the commit, without waiting for a tick")
    void resolvingDispatchesAtCommit() {
        // given a router whose only agent is full with one chat while another chat waits
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        Router router = router();
        Case held = storeCase();
        assertThat(router.submit(chat(held).build()).outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        Case waiting = storeCase();
        assertThat(router.submit(chat(waiting).build()).outcome()).isEqualTo(RoutingOutcome.WAITING);

        // when the case lifecycle resolves the held case in a transaction and reports the commit; no tick runs
        dev.rapport.internal.CaseHooks hooks = router.lifecycle();
        Case resolved = held.toBuilder().status(dev.rapport.spi.cases.CaseStatus.RESOLVED).build();
        storage.transactions().inTransaction(() -> {
            hooks.statusChanged(held, resolved, new java.util.ArrayList<>());
            return null;
        });
        hooks.committed();

        // then the waiting chat went to the agent whose capacity the resolution freed
        assertThat(storage.cases().get(waiting.id()).assignee()).contains(agentId(1));
        assertThat(storage.routing().findWork(waiting.id())).isEmpty();
        assertThat(storage.agents().get(agentId(1)).load()).containsEntry(Channel.CHAT, 1);
    }
}
