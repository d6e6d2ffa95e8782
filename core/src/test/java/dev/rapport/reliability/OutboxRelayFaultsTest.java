package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.outbox.InMemoryEventOutbox;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.FaultInjectingStorage;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay draining 24 events of 6 aggregates (batches of 5; the publisher refuses one event once, so a
 * failure is recorded too), run once cleanly and then once for every call it makes to the outbox with that call
 * failing, before or after it reached the outbox. A failed round is followed at once by the next, as the relay
 * gives the rest of its batch back; the lease lapses only when a round finds everything still claimed.
 *
 * <p>Checked for every run: nothing lost (every event published, none left pending, none dead-lettered), per
 * aggregate the first publications in the order the events were appended, and at most one event published twice:
 * the one whose publication went out but whose mark as delivered failed (the bound the relay documents, one
 * publication at a time marked right after), and at most one wait for a lease: only the event (or the claim) the
 * fault hit waits for it, never the rest of a batch. Crashes of a relaying process are covered by
 * {@code jdbc-adapter/src/test/java/dev/rapport/jdbc/nodes/OutboxRelayCrashTest}.
 */
@DisplayName("The outbox relay with the outbox failing at any call")
class OutboxRelayFaultsTest {

    private static final Ledger LEDGER = new Ledger("relay-faults");
    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final int AGGREGATES = 6;
    private static final int PER_AGGREGATE = 4;
    private static final int REFUSED = 9;
    private static final int MAX_ROUNDS = 100;

    /** A relay over an in-memory outbox whose calls fail at one. */
    private static final class Stack implements AutoCloseable {
        final SettableClock clock = new SettableClock(T0);
        final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
        final FaultInjectingStorage<InMemoryStorage> storage;
        final List<DomainEvent> appended = new ArrayList<>();
        final List<DomainEvent> published = new CopyOnWriteArrayList<>();
        final OutboxRelay relay;
        int faults;
        int leaseWaits;
        private boolean refused;

        Stack(int failAt, Timing mode) {
            storage = FaultStack.failing(new InMemoryStorage(clock), failAt, mode);
            for (int n = 0; n < PER_AGGREGATE; n++) {
                for (int a = 0; a < AGGREGATES; a++) {
                    appended.add(new CustomerUpdated(new UUID(1, appended.size()), T0,
                            new CustomerId(new UUID(0, a + 1))));
                }
            }
            outbox.append(appended);
            EventPublisher publisher = event -> {
                if (event.equals(appended.get(REFUSED)) && !refused) {
                    refused = true;
                    throw new IllegalStateException("the broker refused the event once");
                }
                published.add(event);
            };
            relay = OutboxRelay.builder().outbox(storage.intercept(EventOutbox.class, "outbox", outbox))
                    .publisher(publisher).owner("node-1")
                    .batchSize(5).lease(LEASE).publishTimeout(Duration.ofSeconds(10)).initialBackoff(Duration.ZERO)
                    .maxAttempts(3).build();
        }

        /**
         * Rounds until the outbox is empty. A failed round is followed at once by the next: the relay gave the rest
         * of its batch back. Only when a round finds everything still leased does the lease lapse.
         */
        void drain(String where) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                try {
                    if (relay.relayOnce().claimed() == 0) {
                        if (outbox.pendingCount() == 0) {
                            return;
                        }
                        leaseWaits++;
                        clock.advance(LEASE.plusSeconds(1));
                    }
                } catch (StorageException e) {
                    assertThat(e.getMessage()).as(where).startsWith("injected fault at call");
                    faults++;
                }
            }
            throw new AssertionError(where + ": the outbox was not drained in " + MAX_ROUNDS + " rounds");
        }

        @Override
        public void close() {
            relay.close();
        }
    }

    @AfterAll
    static void writeCounts() {
        LEDGER.write();
    }

    @Test
    @DisplayName("with any one outbox call failing, before or after it reached the outbox, nothing is lost, order holds"
            + " and at most one event is published twice")
    void everyCallFails() {
        // given the clean run: every event published once, one refusal recorded and retried
        int cleanCalls;
        try (Stack clean = new Stack(0, Timing.BEFORE)) {
            clean.drain("clean");
            assertThat(clean.published).containsExactlyInAnyOrderElementsOf(clean.appended);
            assertOrdered("clean", clean);
            cleanCalls = clean.storage.calls();
        }
        assertThat(cleanCalls).isGreaterThan(30);

        // when each call fails in turn / then
        for (Timing mode : Timing.values()) {
            for (int failAt = 1; failAt <= cleanCalls; failAt++) {
                String where = "fault " + mode + " call " + failAt;
                try (Stack s = new Stack(failAt, mode)) {
                    s.drain(where);
                    LEDGER.add("runs", 1);
                    LEDGER.add("faults injected", s.storage.faultInjected() ? 1 : 0);
                    LEDGER.add("rounds failed by the fault", s.faults);
                    LEDGER.add("waits for a lease", s.leaseWaits);
                    Map<UUID, Integer> times = new HashMap<>();
                    s.published.forEach(e -> times.merge(e.eventId(), 1, Integer::sum));
                    long lost = s.appended.stream().filter(e -> !times.containsKey(e.eventId())).count();
                    long repeats = times.values().stream().mapToInt(n -> n - 1).sum();
                    LEDGER.add("events lost", lost);
                    LEDGER.add("events published twice", repeats);
                    LEDGER.add("events left pending or dead", s.outbox.pendingCount()
                            + s.outbox.deadLetters(PageRequest.first(100)).items().size());
                    assertThat(s.storage.faultInjected()).as(where).isTrue();
                    assertThat(lost).as("%s: events lost", where).isZero();
                    assertThat(repeats).as("%s: events published twice", where).isLessThanOrEqualTo(1);
                    assertThat(s.leaseWaits).as("%s: waits for a lease (only the event or claim the fault hit)",
                            where).isLessThanOrEqualTo(1);
                    assertThat(s.outbox.pendingCount()).as("%s: events pending", where).isZero();
                    assertThat(s.outbox.deadLetters(PageRequest.first(100)).items()).as("%s: dead letters", where)
                            .isEmpty();
                    assertOrdered(where, s);
                }
            }
        }
        assertThat(LEDGER.get("faults injected")).isEqualTo(2L * cleanCalls);
        assertThat(LEDGER.get("events lost")).isZero();
    }

    /** Per aggregate, the first publication of each event in the order the events were appended. */
    private static void assertOrdered(String where, Stack s) {
        Map<Object, List<DomainEvent>> firsts = new LinkedHashMap<>();
        List<UUID> seen = new ArrayList<>();
        for (DomainEvent e : s.published) {
            if (!seen.contains(e.eventId())) {
                seen.add(e.eventId());
                firsts.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<DomainEvent> events : firsts.values()) {
            List<DomainEvent> expected = s.appended.stream()
                    .filter(e -> e.aggregateId().equals(events.get(0).aggregateId())).toList();
            assertThat(events).as("%s: order of aggregate %s", where, events.get(0).aggregateId())
                    .containsExactlyElementsOf(expected);
        }
    }
}
