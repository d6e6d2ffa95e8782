package dev.rapport.outbox;

import dev.rapport.test.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox.Entry;
import dev.rapport.spi.event.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox relay")
class OutboxRelayTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);

    /** Records what was published, per aggregate, in order. */
    private static final class Recorder implements EventPublisher {
        final Map<String, List<UUID>> byAggregate = new ConcurrentHashMap<>();
        final List<UUID> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(DomainEvent event) {
            byAggregate.computeIfAbsent(event.aggregateId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(event.eventId());
            all.add(event.eventId());
        }
    }

    private static DomainEvent event(CustomerId customer) {
        return new CustomerUpdated(UUID.randomUUID(), Instant.EPOCH, customer);
    }

    /** Appends events for several customers, interleaved; returns the expected order per aggregate. */
    private Map<String, List<UUID>> appendInterleaved(int customers, int each) {
        List<CustomerId> ids = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ids.add(CustomerId.random());
        }
        Map<String, List<UUID>> expected = new LinkedHashMap<>();
        for (int n = 0; n < each; n++) {
            for (CustomerId id : ids) {
                DomainEvent e = event(id);
                outbox.append(List.of(e));
                expected.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e.eventId());
            }
        }
        return expected;
    }

    private OutboxRelay.Builder relay(EventPublisher publisher) {
        return OutboxRelay.builder().outbox(outbox).publisher(publisher).initialBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(8)).publishTimeout(Duration.ofSeconds(5)).lease(Duration.ofMinutes(1));
    }

    /** Runs rounds, moving the clock past any backoff, until the outbox has nothing pending. */
    private int drain(OutboxRelay relay) {
        int rounds = 0;
        while (outbox.pendingCount() > 0 && rounds < 10_000) {
            relay.relayOnce();
            clock.advance(Duration.ofSeconds(10));
            rounds++;
        }
        return rounds;
    }

    @Test
    @DisplayName("publishes every event once, in order per aggregate, and empties the outbox")
    void delivers() {
        Map<String, List<UUID>> expected = appendInterleaved(5, 8);
        Recorder recorder = new Recorder();

        try (OutboxRelay relay = relay(recorder).batchSize(3).build()) {
            drain(relay);
        }

        assertThat(recorder.byAggregate).isEqualTo(expected);
        assertThat(recorder.all).hasSize(40).doesNotHaveDuplicates();
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    @DisplayName("with a publisher failing at random, every event is still delivered, in order per aggregate")
    void randomFailures() {
        Map<String, List<UUID>> expected = appendInterleaved(6, 10);
        Random random = new Random(42);
        Recorder recorder = new Recorder();
        int[] failures = {0};
        EventPublisher flaky = e -> {
            if (random.nextInt(3) == 0) {
                failures[0]++;
                throw new IllegalStateException("broker unavailable");
            }
            recorder.publish(e);
        };

        try (OutboxRelay relay = relay(flaky).maxAttempts(100).build()) {
            drain(relay);
        }

        assertThat(failures[0]).isPositive();
        assertThat(recorder.byAggregate).isEqualTo(expected);
        assertThat(outbox.deadLetters(PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("a publisher that hangs is cut off by the timeout, and the event is delivered on a later attempt")
    void hangingPublisher() throws Exception {
        Map<String, List<UUID>> expected = appendInterleaved(2, 3);
        UUID stuck = expected.values().iterator().next().get(0);
        Recorder recorder = new Recorder();
        CountDownLatch interrupted = new CountDownLatch(1);
        boolean[] hungOnce = {false};
        EventPublisher hangsOnce = e -> {
            if (e.eventId().equals(stuck) && !hungOnce[0]) {
                hungOnce[0] = true;
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ie) {
                    interrupted.countDown();
                    throw new IllegalStateException("interrupted");
                }
            }
            recorder.publish(e);
        };

        try (OutboxRelay relay = relay(hangsOnce).publishTimeout(Duration.ofMillis(200)).build()) {
            OutboxRelay.Round first = relay.relayOnce();
            assertThat(first.retried()).isEqualTo(1);
            drain(relay);
        }

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.byAggregate).isEqualTo(expected);
    }

    @Test
    @DisplayName("backs off, doubling from the initial delay up to the maximum")
    void backoff() {
        OutboxRelay relay = relay(e -> { }).build();

        assertThat(List.of(relay.backoff(1), relay.backoff(2), relay.backoff(3), relay.backoff(4), relay.backoff(9)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8), Duration.ofSeconds(8));
        relay.close();
    }

    @Test
    @DisplayName("parks an event after its attempts without stalling its aggregate, and re-drives it on request")
    void deadLetters() {
        CustomerId customer = CustomerId.random();
        DomainEvent poison = event(customer);
        DomainEvent next = event(customer);
        outbox.append(List.of(poison, next));
        Recorder recorder = new Recorder();
        boolean[] healed = {false};
        EventPublisher rejectsPoison = e -> {
            if (e.equals(poison) && !healed[0]) {
                throw new IllegalArgumentException("cannot map");
            }
            recorder.publish(e);
        };

        try (OutboxRelay relay = relay(rejectsPoison).maxAttempts(3).build()) {
            drain(relay);
            List<Entry> dead = outbox.deadLetters(PageRequest.first()).items();
            assertThat(dead).extracting(Entry::event).containsExactly(poison);
            assertThat(dead.get(0).attempts()).isEqualTo(3);
            assertThat(dead.get(0).lastError().orElseThrow()).contains("IllegalArgumentException");
            assertThat(recorder.all).containsExactly(next.eventId());

            healed[0] = true;
            assertThat(relay.redriveDeadLetters()).isEqualTo(1);
            drain(relay);
        }

        assertThat(recorder.all).containsExactly(next.eventId(), poison.eventId());
        assertThat(outbox.deadLetters(PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("a relay that died after claiming loses nothing: another takes over once the lease lapses")
    void takeOver() {
        DomainEvent e = event(CustomerId.random());
        outbox.append(List.of(e));
        List<Entry> claimedByDeadRelay = outbox.claim("dead-node", Duration.ofMinutes(1), 10);
        Recorder recorder = new Recorder();

        try (OutboxRelay relay = relay(recorder).owner("live-node").build()) {
            assertThat(relay.relayOnce().claimed()).isZero();
            clock.advance(Duration.ofMinutes(2));
            assertThat(relay.relayOnce().delivered()).isEqualTo(1);
        }

        assertThat(claimedByDeadRelay).hasSize(1);
        assertThat(recorder.all).containsExactly(e.eventId());
        assertThat(outbox.markDelivered(claimedByDeadRelay.get(0))).isFalse();
    }

    @Nested
    @DisplayName("in the background")
    class Background {

        @Test
        @DisplayName("relays until closed")
        void startAndClose() throws Exception {
            InMemoryEventOutbox live = new InMemoryEventOutbox(java.time.Clock.systemUTC());
            CountDownLatch all = new CountDownLatch(20);
            Set<UUID> seen = ConcurrentHashMap.newKeySet();
            OutboxRelay relay = OutboxRelay.builder().outbox(live).publisher(e -> {
                seen.add(e.eventId());
                all.countDown();
            }).pollInterval(Duration.ofMillis(10)).build();

            relay.start();
            for (int i = 0; i < 20; i++) {
                live.append(List.of(event(CustomerId.random())));
            }
            boolean done = all.await(30, TimeUnit.SECONDS);
            relay.close();

            assertThat(done).isTrue();
            assertThat(seen).hasSize(20);
            assertThatThrownBy(relay::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("fails fast naming the option at fault")
    void validation() {
        assertThatThrownBy(() -> OutboxRelay.builder().publisher(e -> { }).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("outbox"));
        assertThatThrownBy(() -> relay(e -> { }).lease(Duration.ofSeconds(1)).publishTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("lease"));
        assertThatThrownBy(() -> relay(e -> { }).maxAttempts(0).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("maxAttempts"));
        assertThatThrownBy(() -> relay(e -> { }).batchSize(0).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("batchSize"));
    }
}
