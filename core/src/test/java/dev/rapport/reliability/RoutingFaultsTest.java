package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.FaultInjectingStorage;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.test.SettableClock;
import dev.rapport.testing.StoreSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routing driven by the case lifecycle ({@code Rapport.builder().routing(...)}) and by the router's own commands
 * (submit, release, accept, decline, tick), run once cleanly and then once for every call the store sees with that
 * call failing, before or after it reached the store, in two set-ups: direct assignment, and offers that must be
 * accepted (with a decline and an offer that times out). After each step the routing worker's tick runs, as it would
 * within its interval; a step that failed is retried once by the host first.
 *
 * <p>Checked for every run and step: a failed step that is one transaction (registering, opening, resolving,
 * reopening) leaves the store and routing's state exactly as before; any failed step leaves routing consistent (each
 * agent's stored load is exactly what its holdings and open offers account for and within its capacity, each holding
 * belongs to an unresolved case assigned to its agent, no waiting work for a resolved case, no case both held and
 * waiting); after the retry and the tick the store and routing's state are the clean run's (ids aside), and at the
 * end the events published are too, none for work that was rolled back.
 */
@DisplayName("Routing with the store failing at any call")
class RoutingFaultsTest {

    private static final Ledger LEDGER = new Ledger("routing-faults");
    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(45);

    /** The two set-ups: the agents each has, and how work reaches them. */
    enum Setup {
        /** Two agents with one chat each; cases are assigned at once. */
        DIRECT(2, false),
        /** Three agents with one chat each; each case is offered and must be accepted. */
        OFFERS(3, true);

        final int agents;
        final boolean requireAcceptance;

        Setup(int agents, boolean requireAcceptance) {
            this.agents = agents;
            this.requireAcceptance = requireAcceptance;
        }
    }

    /**
     * One step, at its time after {@link #T0}; an atomic step is one transaction. An answer to an offer that was
     * already taken in by the failed attempt is told so by a {@link NotFoundException} naming the offer, which the
     * host's retry takes as done.
     */
    private record Step(String name, Duration at, boolean atomic, Function<Stack, Object> action) {
    }

    private static Step atomic(String name, int second, Function<Stack, Object> action) {
        return new Step(name, Duration.ofSeconds(second), true, action);
    }

    private static Step step(String name, int second, Function<Stack, Object> action) {
        return new Step(name, Duration.ofSeconds(second), false, action);
    }

    private static List<Step> steps(Setup setup) {
        List<Step> steps = new ArrayList<>();
        steps.add(step("router reads the agents", 0, s -> s.rapport.routing()));
        steps.add(atomic("register ann", 10, s -> s.rapport.customers().register(RegisterCustomer.builder()
                .name("Ann Lee").identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com")).build())));
        steps.add(atomic("open chat 1", 20, s -> s.open()));
        steps.add(atomic("open chat 2", 30, s -> s.open()));
        if (setup == Setup.DIRECT) {
            steps.add(atomic("open chat 3, which waits", 40, s -> s.open()));
            steps.add(step("submit chat 3 again", 50, s -> s.rapport.routing().submit(
                    RoutingRequest.forCase(s.chat("open chat 3, which waits")).build())));
            steps.add(atomic("resolve chat 1, freeing its agent for chat 3", 60,
                    s -> s.rapport.cases().resolve(s.chatId("open chat 1"))));
            steps.add(atomic("reopen chat 1, which waits", 70, s -> s.rapport.cases().reopen(s.chatId("open chat 1"))));
            steps.add(step("release chat 2, freeing its agent for chat 1", 80,
                    s -> s.rapport.routing().release(s.chatId("open chat 2"))));
            steps.add(atomic("resolve chat 3", 90, s -> s.rapport.cases().resolve(s.chatId("open chat 3, which waits"))));
            steps.add(atomic("resolve chat 1", 100, s -> s.rapport.cases().resolve(s.chatId("open chat 1"))));
        } else {
            steps.add(step("accept the offer of chat 1", 50, s -> s.answer("accept 1", "open chat 1", true)));
            steps.add(step("decline the offer of chat 2", 60, s -> s.answer("decline 2", "open chat 2", false)));
            steps.add(step("tick after the offer of chat 2 timed out", 130, s -> s.rapport.routing().tick()));
            steps.add(atomic("resolve chat 1, freeing its agent for chat 2", 140,
                    s -> s.rapport.cases().resolve(s.chatId("open chat 1"))));
            steps.add(step("accept the new offer of chat 2", 150, s -> s.answer("accept 2", "open chat 2", true)));
            steps.add(atomic("resolve chat 2", 160, s -> s.rapport.cases().resolve(s.chatId("open chat 2"))));
        }
        return steps;
    }

    /** A Rapport with routing over a store failing at one call, three agents stored beforehand. */
    private static final class Stack implements AutoCloseable {
        final SettableClock clock = new SettableClock(T0);
        final InMemoryStorage memory = new InMemoryStorage(clock);
        final FaultInjectingStorage<InMemoryStorage> storage;
        final CheckingPublisher events;
        final Rapport rapport;
        final Map<String, Object> results = new HashMap<>();
        final Map<String, UUID> offersAnswered = new HashMap<>();

        Stack(Setup setup, int failAt, Timing mode) {
            storage = FaultStack.failing(memory, failAt, mode);
            events = new CheckingPublisher(memory, storage::inTransaction);
            for (int i = 1; i <= setup.agents; i++) {
                memory.agents().insert(Agent.builder().id(new AgentId(new UUID(0, i))).name("Agent " + i)
                        .presence(Presence.AVAILABLE).capacity(Map.of(Channel.CHAT, 1)).createdAt(T0)
                        .updatedAt(T0).build());
            }
            rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(events)
                    .routing(RoutingPolicy.builder().requireAcceptance(setup.requireAcceptance)
                            .offerTimeout(OFFER_TIMEOUT).build())
                    .build();
        }

        Case open() {
            Customer ann = (Customer) results.get("register ann");
            return rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Where is my parcel")
                    .originChannel(Channel.CHAT).build());
        }

        Case chat(String step) {
            return memory.cases().get(chatId(step));
        }

        CaseId chatId(String step) {
            return ((Case) results.get(step)).id();
        }

        /**
         * Accepts or declines the open offer of the case opened by {@code caseStep}; a retry of the answering step
         * answers the same offer again, as a host retrying its call would.
         */
        Object answer(String answeringStep, String caseStep, boolean accept) {
            UUID offerId = offersAnswered.computeIfAbsent(answeringStep, k -> memory.routing()
                    .findWork(chatId(caseStep)).flatMap(RoutingWork::offer).map(RoutingOffer::offerId)
                    .orElseThrow(() -> new AssertionError("no open offer for the case of " + caseStep)));
            return accept ? rapport.routing().accept(offerId) : rapport.routing().decline(offerId, "on-break");
        }

        StoreSnapshot snapshot() {
            return StoreSnapshot.of(memory);
        }

        List<RoutingWork> work() {
            return memory.routing().listWork(Optional.empty(), 500);
        }

        List<RoutingHolding> holdings() {
            return snapshot().cases().stream().flatMap(c -> memory.routing().findHolding(c.id()).stream()).toList();
        }

        List<String> canonical() {
            return Canonical.of(snapshot(), work(), holdings());
        }

        @Override
        public void close() {
            rapport.close();
        }
    }

    /** What the clean run of a set-up left after each step, its events, and how many calls the store saw. */
    private record Clean(List<List<String>> after, List<String> events, int calls) {
    }

    private static Clean clean(Setup setup) {
        List<List<String>> after = new ArrayList<>();
        try (Stack s = new Stack(setup, 0, Timing.BEFORE)) {
            for (Step step : steps(setup)) {
                s.clock.set(T0.plus(step.at()));
                s.results.put(step.name(), step.action().apply(s));
                s.rapport.routing().tick();
                assertConsistent(setup + " clean, step " + step.name(), s);
                after.add(s.canonical());
            }
            assertThat(s.events.orphans()).isEmpty();
            return new Clean(after, Canonical.ofEvents(s.events.events()), s.storage.calls());
        }
    }

    @AfterAll
    static void writeCounts() {
        LEDGER.write();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setup.class)
    @DisplayName("with any one call failing, before or after it reached the store, nothing is half done, lost or doubled")
    void everyCallFails(Setup setup) {
        // given the clean run, which assigns every case once and ends with every agent's load given back
        Clean clean = clean(setup);
        assertThat(clean.calls()).isGreaterThan(100);
        assertThat(clean.after().get(clean.after().size() - 1)).noneMatch(line -> line.contains("load={CHAT="));

        // when every call fails in turn / then
        for (Timing mode : Timing.values()) {
            for (int failAt = 1; failAt <= clean.calls(); failAt++) {
                runWithFault(setup, clean, failAt, mode);
            }
        }
        assertThat(LEDGER.get(setup + ": faults injected")).isEqualTo(2L * clean.calls());
        assertThat(LEDGER.get(setup + ": partial writes")).isZero();
        assertThat(LEDGER.get(setup + ": items lost or doubled")).isZero();
    }

    private static void runWithFault(Setup setup, Clean clean, int failAt, Timing mode) {
        String run = setup + " fault " + mode + " call " + failAt;
        List<Step> steps = steps(setup);
        try (Stack s = new Stack(setup, failAt, mode)) {
            boolean failed = false;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                String where = run + ", step " + step.name();
                s.clock.set(T0.plus(step.at()));
                List<String> before = s.canonical();
                int eventsBefore = s.events.events().size();
                LEDGER.add(setup + ": operations", 1);
                try {
                    s.results.put(step.name(), step.action().apply(s));
                } catch (StorageException e) {
                    failed = true;
                    LEDGER.add(setup + ": operations failed by the fault", 1);
                    assertThat(e.getMessage()).as(where).startsWith("injected fault at call " + failAt);
                    if (step.atomic()) {
                        boolean unchanged = s.canonical().equals(before)
                                && s.events.events().size() == eventsBefore;
                        LEDGER.add(setup + ": partial writes", unchanged ? 0 : 1);
                        assertThat(s.canonical()).as("%s: the store after the failure", where).isEqualTo(before);
                        assertThat(s.events.events()).as("%s: events after the failure", where)
                                .hasSize(eventsBefore);
                    }
                    assertConsistent(where + ", after the failure", s);
                    LEDGER.add(setup + ": operations retried", 1);
                    try {
                        s.results.put(step.name(), step.action().apply(s));
                    } catch (NotFoundException answered) {
                        // the failed attempt had stored the answer to the offer; the retry is told it is gone
                        assertThat(answered.entity()).as(where).isEqualTo("offer");
                        LEDGER.add(setup + ": answers already stored by the failed attempt", 1);
                    }
                }
                try {
                    s.rapport.routing().tick();
                } catch (StorageException e) {
                    failed = true;
                    LEDGER.add(setup + ": ticks failed by the fault", 1);
                    assertThat(e.getMessage()).as(where).startsWith("injected fault at call " + failAt);
                    assertConsistent(where + ", after the failed tick", s);
                    s.rapport.routing().tick();
                }
                assertConsistent(where, s);
                assertThat(s.canonical()).as("%s: the store and routing after the step and a tick", where)
                        .isEqualTo(clean.after().get(i));
            }
            assertThat(s.storage.faultInjected()).as(run).isTrue();
            LEDGER.add(setup + ": faults injected", 1);
            if (!failed) {
                // the fault struck the routing that follows a commit, which logs it and leaves it to the next tick
                LEDGER.add(setup + ": faults absorbed (routing after a commit, finished by the tick)", 1);
            }
            List<String> events = Canonical.ofEvents(s.events.events());
            LEDGER.add(setup + ": items lost or doubled", events.equals(clean.events()) ? 0 : 1);
            LEDGER.add(setup + ": events for rolled-back work", s.events.orphans().size());
            assertThat(events).as("%s: events published", run).isEqualTo(clean.events());
            assertThat(s.events.orphans()).as("%s: events for work not committed", run).isEmpty();
        }
    }

    /**
     * Routing's invariants over the store as it is: each agent's load is exactly the units of its holdings and open
     * offers, within capacity; each holding belongs to an unresolved case assigned to its agent; no waiting work for a
     * resolved case; no case both held and waiting (but for a reassignment, which this scenario does not make).
     */
    private static void assertConsistent(String where, Stack s) {
        StoreSnapshot store = s.snapshot();
        Map<CaseId, Case> cases = new HashMap<>();
        store.cases().forEach(c -> cases.put(c.id(), c));
        Map<AgentId, Integer> accounted = new HashMap<>();
        List<RoutingHolding> holdings = s.holdings();
        for (RoutingHolding h : holdings) {
            Case held = cases.get(h.caseId());
            assertThat(held).as("%s: the case of holding %s", where, h).isNotNull();
            assertThat(held.status().isUnresolved()).as("%s: holding %s of an unresolved case", where, h).isTrue();
            assertThat(held.assignee()).as("%s: holding %s of a case assigned to its agent", where, h)
                    .contains(h.agentId());
            accounted.merge(h.agentId(), h.units(), Integer::sum);
        }
        for (RoutingWork w : s.work()) {
            Case waiting = cases.get(w.caseId());
            assertThat(waiting).as("%s: the case of waiting work %s", where, w.caseId()).isNotNull();
            assertThat(waiting.status().isUnresolved()).as("%s: waiting work of an unresolved case", where).isTrue();
            assertThat(holdings).as("%s: case %s both held and waiting", where, w.caseId())
                    .noneMatch(h -> h.caseId().equals(w.caseId()));
            w.offer().ifPresent(o -> accounted.merge(o.agentId(), o.units(), Integer::sum));
        }
        for (Agent agent : store.agents()) {
            int load = agent.load().getOrDefault(Channel.CHAT, 0);
            assertThat(load).as("%s: load of %s accounted for by holdings and offers", where, agent.name())
                    .isEqualTo(accounted.getOrDefault(agent.id(), 0));
            assertThat(load).as("%s: load of %s within capacity", where, agent.name())
                    .isLessThanOrEqualTo(agent.capacity().getOrDefault(Channel.CHAT, 0));
        }
    }
}
