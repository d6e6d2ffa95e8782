package dev.rapport.routing;

import static dev.rapport.routing.RoutingFixtures.agentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A router that offers work")
class RouterOffersTest extends RoutingFixtures {

    Router offeringRouter() {
        return router(RoutingPolicy.builder().requireAcceptance(true).offerTimeout(Duration.ofSeconds(30)).build());
    }

    @Test
    @DisplayName("reserves the agent's capacity while the offer is open and stores the assignment on accept")
    void acceptStores() {
        // given
        agent(1).capacity(Map.of(Channel.CHAT, 1)).store();
        Router router = offeringRouter();
        Case supportCase = storeCase();

        // when
        RoutingDecision offered = router.submit(chat(supportCase).build());
        RoutingDecision second = router.submit(chat(storeCase()).build());
        RoutingDecision accepted = router.accept(offered.offer().orElseThrow().offerId());

        // then
        assertThat(offered.outcome()).isEqualTo(RoutingOutcome.OFFERED);
        assertThat(second.outcome()).isEqualTo(RoutingOutcome.WAITING);
        assertThat(accepted.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(storage.cases().get(supportCase.id()).assignee()).contains(agentId(1));
        assertThat(storage.agents().get(agentId(1)).load()).containsEntry(Channel.CHAT, 1);
    }

    @Test
    @DisplayName("sends declined work to the next agent at once, never back to the one who declined")
    void declineGoesToNext() {
        // given
        agent(1).store();
        agent(2).load(Map.of(Channel.CHAT, 1)).store();
        Router router = offeringRouter();
        Case supportCase = storeCase();
        RoutingDecision offered = router.submit(chat(supportCase).build());

        // when
        RoutingDecision next = router.decline(offered.offer().orElseThrow().offerId(), "on-break");

        // then
        assertThat(offered.agentId()).contains(agentId(1));
        assertThat(next.outcome()).isEqualTo(RoutingOutcome.OFFERED);
        assertThat(next.agentId()).contains(agentId(2));
        assertThat(next.explanation().exclusionOf(agentId(1))).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(ExclusionReason.DECLINED);
            assertThat(e.detail()).isEqualTo("on-break");
        });
        assertThat(router.agent(agentId(1)).orElseThrow().load()).doesNotContainKey(Channel.CHAT);
    }

    @Test
    @DisplayName("sends work whose offer timed out to the next agent")
    void timeoutGoesToNext() {
        // given
        agent(1).store();
        agent(2).load(Map.of(Channel.CHAT, 1)).store();
        Router router = offeringRouter();
        RoutingDecision offered = router.submit(chat(storeCase()).build());

        // when
        clock.advance(Duration.ofSeconds(30));
        RoutingDecision next = router.dispatch().get(0);

        // then
        assertThat(next.agentId()).contains(agentId(2));
        assertThat(next.explanation().exclusionOf(agentId(1)))
                .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(ExclusionReason.TIMED_OUT));
        assertThatThrownBy(() -> router.accept(offered.offer().orElseThrow().offerId()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("routes work onward when an offer is accepted after it expired")
    void lateAccept() {
        // given
        agent(1).store();
        agent(2).load(Map.of(Channel.CHAT, 1)).store();
        Router router = offeringRouter();
        Case supportCase = storeCase();
        RoutingDecision offered = router.submit(chat(supportCase).build());

        // when
        clock.advance(Duration.ofSeconds(31));
        RoutingDecision late = router.accept(offered.offer().orElseThrow().offerId());

        // then
        assertThat(late.outcome()).isEqualTo(RoutingOutcome.OFFERED);
        assertThat(late.agentId()).contains(agentId(2));
        assertThat(storage.cases().get(supportCase.id()).assignee()).isEmpty();
    }

    @Test
    @DisplayName("rejects a decline without a proper reason and an unknown offer")
    void rejectsBadDecline() {
        // given
        Router router = offeringRouter();

        // when / then
        assertThatThrownBy(() -> router.decline(UUID.randomUUID(), "no reason!"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("reason"));
        assertThatThrownBy(() -> router.decline(UUID.randomUUID(), "busy"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("offer"));
    }
}
