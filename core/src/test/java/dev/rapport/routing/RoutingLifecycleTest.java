package dev.rapport.routing;

import dev.rapport.customer.SetOwnAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.Rapport;
import dev.rapport.agent.RegisterAgent;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The case lifecycle driving routing")
class RoutingLifecycleTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2025-03-03T09:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private Rapport rapport;

    private Rapport rapport(RoutingPolicy config) {
        rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(events::add).routing(config).build();
        return rapport;
    }

    @AfterEach
    void close() {
        if (rapport != null) {
            rapport.close();
        }
    }

    private Agent agent(String name, int chats) {
        return rapport.agents().register(RegisterAgent.builder().name(name).capacity(Map.of(Channel.CHAT, chats))
                .presence(Presence.AVAILABLE).build());
    }

    private Customer customer(String email) {
        return rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, email)).build());
    }

    private Case chat(Customer customer) {
        return rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject("Where is my parcel")
                .originChannel(Channel.CHAT).build());
    }

    private int chatLoad(Agent agent) {
        return storage.agents().get(agent.id()).load().getOrDefault(Channel.CHAT, 0);
    }

    @Test
    @DisplayName("assigns a new case when it is opened, without any call to the router")
    void openRoutes() {
        // given
        rapport(RoutingPolicy.defaults());
        Agent ann = agent("Ann", 2);

        // when
        Case opened = chat(customer("a@example.com"));

        // then
        assertThat(storage.cases().get(opened.id()).assignee()).contains(ann.id());
        assertThat(chatLoad(ann)).isEqualTo(1);
        assertThat(events).filteredOn(CaseAssigned.class::isInstance).hasSize(1);
    }

    @Test
    @DisplayName("frees the agent when the case is resolved, and gives the freed capacity to waiting work at once")
    void resolveReleasesAndDispatches() {
        // given one agent with one chat slot, a case assigned to her and a second case waiting
        rapport(RoutingPolicy.defaults());
        Agent ann = agent("Ann", 1);
        Customer customer = customer("b@example.com");
        Case first = chat(customer);
        Case second = chat(customer);
        assertThat(storage.cases().get(second.id()).assignee()).isEmpty();

        // when
        rapport.cases().resolve(first.id());

        // then
        assertThat(storage.cases().get(second.id()).assignee()).contains(ann.id());
        assertThat(chatLoad(ann)).isEqualTo(1);
        assertThat(storage.routing().findHolding(first.id())).isEmpty();
        assertThat(storage.routing().countWork()).isZero();
    }

    @Test
    @DisplayName("offers a new case to the customer's own agent first, though another agent would win on load")
    void openRoutesToOwnAgent() {
        // given Bob already carries a chat and Ann none, and Bob is the customer's own agent
        rapport(RoutingPolicy.defaults());
        Agent bob = agent("Bob", 3);
        chat(customer("e@example.com"));
        Agent ann = agent("Ann", 3);
        Customer customer = rapport.customers().setOwnAgent(SetOwnAgent.of(customer("f@example.com").id(), bob.id()));

        // when
        Case opened = chat(customer);

        // then
        assertThat(customer.ownAgent()).contains(bob.id());
        assertThat(storage.cases().get(opened.id()).assignee()).contains(bob.id());
        assertThat(chatLoad(ann)).isZero();
    }

    @Test
    @DisplayName("routes a reopened case again, to its previous agent first")
    void reopenRoutesToPreviousAgent() {
        // given a case resolved by Bob, while Ann (who would win on load) is free too
        rapport(RoutingPolicy.defaults());
        Agent bob = agent("Bob", 3);
        Customer customer = customer("c@example.com");
        Case supportCase = chat(customer);
        assertThat(storage.cases().get(supportCase.id()).assignee()).contains(bob.id());
        rapport.cases().resolve(supportCase.id());
        agent("Ann", 3);
        chat(customer("d@example.com")); // Ann or Bob: either way Bob is no less loaded than Ann afterwards

        // when
        rapport.cases().reopen(supportCase.id());

        // then
        assertThat(storage.cases().get(supportCase.id()).assignee()).contains(bob.id());
        assertThat(storage.routing().findHolding(supportCase.id())).hasValueSatisfying(
                h -> assertThat(h.agentId()).isEqualTo(bob.id()));
    }

    @Test
    @DisplayName("keeps the agent's capacity while the case waits on the customer, unless told to give it back")
    void pendingReleasesOnlyWhenConfigured() {
        // given two engines' worth of agents: the default keeps capacity, the other releases it
        rapport(RoutingPolicy.builder().releaseWhenPending(true).build());
        Agent ann = agent("Ann", 1);
        Case supportCase = chat(customer("e@example.com"));
        rapport.cases().startWork(supportCase.id());

        // when the case waits on the customer, then the customer answers
        rapport.cases().waitOnCustomer(supportCase.id());
        int whilePending = chatLoad(ann);
        rapport.cases().startWork(supportCase.id());

        // then the capacity came back while pending and the case was routed again to its agent
        assertThat(whilePending).isZero();
        assertThat(chatLoad(ann)).isEqualTo(1);
        assertThat(storage.routing().findHolding(supportCase.id())).isPresent();
    }

    @Test
    @DisplayName("keeps the capacity while pending by default")
    void pendingKeepsCapacityByDefault() {
        // given
        rapport(RoutingPolicy.defaults());
        Agent ann = agent("Ann", 1);
        Case supportCase = chat(customer("f@example.com"));
        rapport.cases().startWork(supportCase.id());

        // when
        rapport.cases().waitOnCustomer(supportCase.id());

        // then
        assertThat(chatLoad(ann)).isEqualTo(1);
    }

    @Test
    @DisplayName("lets each lifecycle switch be turned off")
    void switchesOff() {
        // given
        rapport(RoutingPolicy.builder().routeNewCases(false).releaseOnResolve(false).build());
        Agent ann = agent("Ann", 1);

        // when a case opens, is routed by hand, and is resolved
        Case supportCase = chat(customer("g@example.com"));
        boolean routedOnOpen = storage.cases().get(supportCase.id()).assignee().isPresent();
        rapport.routing().submit(RoutingRequest.forCase(storage.cases().get(supportCase.id())).build());
        rapport.cases().resolve(supportCase.id());

        // then
        assertThat(routedOnOpen).isFalse();
        assertThat(chatLoad(ann)).as("not released on resolve").isEqualTo(1);
    }

    @Test
    @DisplayName("routes nothing on its own when routing is not configured")
    void notConfigured() {
        // given
        rapport = Rapport.builder().storage(storage).clock(clock).build();
        agent("Ann", 1);

        // when
        Case supportCase = chat(customer("h@example.com"));

        // then
        assertThat(storage.cases().get(supportCase.id()).assignee()).isEmpty();
        assertThat(storage.routing().countWork()).isZero();
    }

    @Test
    @DisplayName("gives work to an agent registered through the service at once, and never to a retired one")
    void agentsServiceReachesTheRouter() {
        // given a case waiting with nobody to take it
        rapport(RoutingPolicy.defaults());
        Case waiting = chat(customer("i@example.com"));
        assertThat(storage.cases().get(waiting.id()).assignee()).isEmpty();

        // when an agent registers; then another case comes after she retires
        Agent ann = agent("Ann", 5);
        boolean tookWaiting = storage.cases().get(waiting.id()).assignee().filter(ann.id()::equals).isPresent();
        rapport.agents().retire(ann.id());
        Case later = chat(customer("j@example.com"));

        // then
        assertThat(tookWaiting).isTrue();
        assertThat(storage.cases().get(later.id()).assignee()).isEmpty();
        assertThatThrownBy(() -> rapport.routing().setPresence(ann.id(), Presence.AVAILABLE))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
