package dev.rapport.routing;

import static dev.rapport.routing.RoutingFixtures.agentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Routing strategies")
class RoutingStrategiesTest extends RoutingFixtures {

    @Test
    @DisplayName("least active gives chat work to the agent with the fewest chats")
    void leastActive() {
        // given
        agent(1).load(Map.of(Channel.CHAT, 2)).store();
        agent(2).load(Map.of(Channel.CHAT, 1)).store();
        Router router = router(RoutingPolicy.builder().strategy(RoutingStrategies.leastActive()).build());

        // when
        RoutingDecision decision = router.preview(chat(storeCase()).build());

        // then
        assertThat(decision.agentId()).contains(agentId(2));
        assertThat(decision.explanation().eligible()).containsExactly(agentId(2), agentId(1));
        assertThat(decision.explanation().reason()).contains("least-active");
    }

    @Test
    @DisplayName("most available gives work to the agent with the most spare capacity, whatever its load")
    void mostAvailable() {
        // given agent 1: 5 chats, 2 in use (3 spare); agent 2: 2 chats, none in use (2 spare)
        agent(1).capacity(Map.of(Channel.CHAT, 5)).load(Map.of(Channel.CHAT, 2)).store();
        agent(2).capacity(Map.of(Channel.CHAT, 2)).store();
        Case supportCase = storeCase();

        // when
        RoutingDecision mostAvailable = router(RoutingPolicy.builder()
                .strategy(RoutingStrategies.mostAvailable()).build()).preview(chat(supportCase).build());
        RoutingDecision leastActive = router().preview(chat(supportCase).build());

        // then
        assertThat(mostAvailable.agentId()).contains(agentId(1));
        assertThat(leastActive.agentId()).contains(agentId(2));
    }

    @Test
    @DisplayName("round robin gives work to whoever waited longest since their last assignment on the channel")
    void roundRobin() {
        // given
        agent(1).lastAssignedAt(Map.of(Channel.CHAT, START.minusSeconds(60))).store();
        agent(2).lastAssignedAt(Map.of(Channel.CHAT, START.minusSeconds(600), Channel.EMAIL, START)).store();
        agent(3).lastAssignedAt(Map.of(Channel.EMAIL, START.minusSeconds(6000))).store();
        Router router = router(RoutingPolicy.builder().strategy(RoutingStrategies.roundRobin()).build());

        // when
        List<Object> chosen = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            chosen.add(router.submit(chat(storeCase()).build()).agentId().orElseThrow());
        }

        // then agent 3 never had a chat; then 2, then 1; then agent 3 again, whose chat came first
        assertThat(chosen).containsExactly(agentId(3), agentId(2), agentId(1), agentId(3));
    }

    @Test
    @DisplayName("breaks ties deterministically by last assignment, then agent id")
    void ties() {
        // given three identical agents stored in scrambled order
        agent(7).store();
        agent(3).store();
        agent(5).store();

        // when
        RoutingDecision first = router().preview(chat(storeCase()).build());
        RoutingDecision again = router().preview(chat(storeCase()).build());

        // then
        assertThat(first.agentId()).contains(agentId(3));
        assertThat(first.explanation().eligible()).containsExactly(agentId(3), agentId(5), agentId(7));
        assertThat(again.explanation().eligible()).isEqualTo(first.explanation().eligible());
    }

    @Test
    @DisplayName("sticky tries the previous agent first, waits for them, then falls back")
    void sticky() {
        // given the previous agent is busy; another agent is free
        agent(1).presence(Presence.BUSY).store();
        agent(2).store();
        Router router = router(RoutingPolicy.builder()
                .strategy(RoutingStrategies.sticky(RoutingStrategies.leastActive(), Duration.ofMinutes(5))).build());
        Case supportCase = storeCase();
        var request = chat(supportCase).preferredAgents(List.of(agentId(1))).build();

        // when
        RoutingDecision waiting = router.submit(request);
        clock.advance(Duration.ofMinutes(5));
        RoutingDecision fallback = router.dispatch().get(0);

        // then
        assertThat(waiting.outcome()).isEqualTo(RoutingOutcome.WAITING);
        assertThat(waiting.explanation().exclusionOf(agentId(1)))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ExclusionReason.NOT_AVAILABLE));
        assertThat(waiting.explanation().reason()).contains("waiting for a preferred agent");
        assertThat(fallback.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(fallback.agentId()).contains(agentId(2));
    }

    @Test
    @DisplayName("sticky gives the work to the previous agent when they can take it, even if ranked lower")
    void stickyPrefers() {
        // given
        agent(1).load(Map.of(Channel.CHAT, 2)).store();
        agent(2).store();
        Router router = router(RoutingPolicy.builder()
                .strategy(RoutingStrategies.sticky(RoutingStrategies.leastActive(), Duration.ofMinutes(5))).build());

        // when
        RoutingDecision decision = router.submit(chat(storeCase()).preferredAgents(List.of(agentId(1))).build());

        // then
        assertThat(decision.agentId()).contains(agentId(1));
        assertThat(decision.explanation().reason()).contains("preferred agent");
    }

    @Test
    @DisplayName("accepts a host's own strategy, here the most expert agent first")
    void hostStrategy() {
        // given
        RoutingStrategy expertFirst = new RoutingStrategy() {
            @Override
            public String name() {
                return "expert-first";
            }

            @Override
            public long rank(Agent agent, Channel channel) {
                return -agent.skillLevel("billing");
            }
        };
        agent(1).skills(Map.of("billing", 4)).store();
        agent(2).skills(Map.of("billing", 9)).load(Map.of(Channel.CHAT, 2)).store();
        Router router = router(RoutingPolicy.builder().strategy(expertFirst).build());

        // when
        RoutingDecision decision = router.preview(chat(storeCase()).requiredSkills(Map.of("billing", 1)).build());

        // then
        assertThat(decision.agentId()).contains(agentId(2));
        assertThat(decision.explanation().strategy()).isEqualTo("expert-first");
    }

}
