package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventOutbox.Entry;
import dev.rapport.spi.event.EventOutbox.FailureOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transactional outbox on one database. Subclassed per database. */
abstract class OutboxBehaviourTest {

    abstract DataSource dataSource();

    JdbcStorage storage;
    EventOutbox outbox;
    String prefix;

    @BeforeEach
    void freshStore() {
        prefix = TestDatabases.freshPrefix();
        storage = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build();
        outbox = storage.outbox().orElseThrow();
    }

    private static List<UUID> ids(List<Entry> entries) {
        return entries.stream().map(Entry::eventId).toList();
    }

    @Test
    @DisplayName("events appended in a transaction exist only if it commits")
    void transactional() {
        CustomerId customer = CustomerId.random();
        DomainEvent kept = SampleEvents.ofCustomer(customer, 1);

        assertThatThrownBy(() -> storage.transactions().runInTransaction(() -> {
            storage.customers().insert(Samples.customer("Ann"));
            outbox.append(List.of(SampleEvents.ofCustomer(customer, 0)));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        storage.transactions().runInTransaction(() -> outbox.append(List.of(kept)));

        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(outbox.claim("relay", Duration.ofMinutes(1), 10)).extracting(Entry::event).containsExactly(kept);
    }

    @Test
    @DisplayName("a claim hands out only the oldest pending event of each aggregate, every event exactly")
    void headsOnly() {
        CustomerId a = CustomerId.random();
        CustomerId b = CustomerId.random();
        List<DomainEvent> events = List.of(SampleEvents.ofCustomer(a, 1), SampleEvents.ofCustomer(b, 1),
                SampleEvents.ofCustomer(a, 2), SampleEvents.ofCustomer(a, 3));
        outbox.append(events);

        List<Entry> first = outbox.claim("relay", Duration.ofMinutes(1), 10);

        assertThat(first).extracting(Entry::event).containsExactly(events.get(0), events.get(1));
        assertThat(first).extracting(Entry::sequence).containsExactly(1L, 1L);
        assertThat(first.get(0).leaseOwner()).contains("relay");
        assertThat(outbox.claim("other", Duration.ofMinutes(1), 10)).isEmpty();

        assertThat(outbox.markDelivered(first.get(0))).isTrue();
        List<Entry> second = outbox.claim("relay", Duration.ofMinutes(1), 10);
        assertThat(second).extracting(Entry::event).containsExactly(events.get(2));
        assertThat(second.get(0).sequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("every event type round-trips through the outbox")
    void everyType() {
        List<DomainEvent> events = SampleEvents.everyType(new Random(3), false);
        outbox.append(events);

        List<DomainEvent> claimed = new ArrayList<>();
        for (Entry entry : outbox.claim("relay", Duration.ofMinutes(1), 100)) {
            claimed.add(entry.event());
        }

        assertThat(claimed).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    @DisplayName("an event appended twice under one id is stored once")
    void idempotentAppend() {
        DomainEvent event = SampleEvents.ofCustomer(CustomerId.random(), 1);

        outbox.append(List.of(event, event));
        outbox.append(List.of(event));

        assertThat(outbox.pendingCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("inside a transaction, an append naming a stored event beside a new one stores only the new one,"
            + " numbered next, and the transaction's other writes are kept")
    void idempotentAppendInsideTransaction() {
        // given an event of a customer already stored
        CustomerId customer = CustomerId.random();
        DomainEvent stored = SampleEvents.ofCustomer(customer, 1);
        DomainEvent fresh = SampleEvents.ofCustomer(customer, 2);
        outbox.append(List.of(stored));
        Customer ann = Samples.customer("Ann");
        Customer bob = Samples.customer("Bob");

        // when one transaction writes a customer, appends the stored event with a new one, and writes another
        storage.transactions().runInTransaction(() -> {
            storage.customers().insert(ann);
            outbox.append(List.of(stored, fresh));
            storage.customers().insert(bob);
        });

        // then both customers are stored and the new event follows the stored one, each once
        assertThat(storage.customers().count()).isEqualTo(2);
        assertThat(outbox.pendingCount()).isEqualTo(2);
        Entry first = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);
        assertThat(first.event()).isEqualTo(stored);
        assertThat(outbox.markDelivered(first)).isTrue();
        List<Entry> second = outbox.claim("relay", Duration.ofMinutes(1), 10);
        assertThat(second).extracting(Entry::event).containsExactly(fresh);
        assertThat(second.get(0).sequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("a failure waits for its retry time and holds back its aggregate's later events")
    void retryLater() {
        CustomerId a = CustomerId.random();
        outbox.append(List.of(SampleEvents.ofCustomer(a, 1), SampleEvents.ofCustomer(a, 2)));
        Entry head = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);

        FailureOutcome outcome = outbox.recordFailure(head, "broker down", Duration.ofHours(1), 5);

        assertThat(outcome).isEqualTo(FailureOutcome.RETRY_SCHEDULED);
        assertThat(outbox.claim("relay", Duration.ofMinutes(1), 10)).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(2);
        assertThat(outbox.recordFailure(head, "late", Duration.ZERO, 5)).isEqualTo(FailureOutcome.CLAIM_LOST);
    }

    @Test
    @DisplayName("a publisher failing with NUL and unpaired surrogates in its message has each attempt counted and is dead-lettered, holding back no batch")
    void hostileFailureTextIsCountedAndDeadLettered() {
        // given
        CustomerId a = CustomerId.random();
        DomainEvent poison = SampleEvents.ofCustomer(a, 1);
        DomainEvent other = SampleEvents.ofCustomer(CustomerId.random(), 1);
        outbox.append(List.of(poison, other));
        List<UUID> published = new java.util.ArrayList<>();
        dev.rapport.outbox.OutboxRelay relay = dev.rapport.outbox.OutboxRelay.builder().outbox(outbox)
                .publisher(event -> {
                    if (event.eventId().equals(poison.eventId())) {
                        throw new IllegalStateException("broker said \u0000 no \uD800 " + "x".repeat(10_000));
                    }
                    published.add(event.eventId());
                })
                .maxAttempts(3).initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build();

        // when
        dev.rapport.outbox.OutboxRelay.Round first = relay.relayOnce();
        dev.rapport.outbox.OutboxRelay.Round second = relay.relayOnce();
        dev.rapport.outbox.OutboxRelay.Round third = relay.relayOnce();

        // then
        assertThat(first.retried()).isEqualTo(1);
        assertThat(first.delivered()).isEqualTo(1);
        assertThat(first.released()).isZero();
        assertThat(second.retried()).isEqualTo(1);
        assertThat(third.deadLettered()).isEqualTo(1);
        assertThat(published).containsExactly(other.eventId());
        List<Entry> dead = outbox.deadLetters(PageRequest.first()).items();
        assertThat(dead).extracting(Entry::eventId).containsExactly(poison.eventId());
        assertThat(dead.get(0).attempts()).isEqualTo(3);
        assertThat(dead.get(0).lastError().orElseThrow()).contains("broker said").doesNotContain("\u0000")
                .hasSizeLessThanOrEqualTo(dev.rapport.spi.validation.Limits.HOST_TEXT);
        relay.close();
    }

    @Test
    @DisplayName("after its attempts an event is parked, its aggregate moves on, and a re-drive delivers it")
    void deadLetter() {
        CustomerId a = CustomerId.random();
        DomainEvent poison = SampleEvents.ofCustomer(a, 1);
        DomainEvent next = SampleEvents.ofCustomer(a, 2);
        outbox.append(List.of(poison, next));

        FailureOutcome last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Entry entry = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);
            assertThat(entry.event()).isEqualTo(poison);
            assertThat(entry.attempts()).isEqualTo(attempt - 1);
            last = outbox.recordFailure(entry, "rejected " + attempt, Duration.ZERO, 3);
        }

        assertThat(last).isEqualTo(FailureOutcome.DEAD_LETTERED);
        List<Entry> dead = outbox.deadLetters(PageRequest.first()).items();
        assertThat(dead).extracting(Entry::event).containsExactly(poison);
        assertThat(dead.get(0).lastError()).contains("rejected 3");
        assertThat(dead.get(0).status()).isEqualTo(EventOutbox.Status.DEAD);
        Entry afterPoison = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);
        assertThat(afterPoison.event()).isEqualTo(next);
        outbox.markDelivered(afterPoison);

        assertThat(outbox.redrive(poison.eventId())).isTrue();
        assertThat(outbox.redrive(poison.eventId())).isFalse();
        Entry redriven = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);
        assertThat(redriven.event()).isEqualTo(poison);
        assertThat(redriven.attempts()).isZero();
        assertThat(outbox.deadLetters(PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("the dead letters are counted in storage: parked events only, as many as their pages hold")
    void deadLettersAreCounted() {
        // given three poison events parked after one attempt each, and two events still pending
        List<DomainEvent> poison = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            poison.add(SampleEvents.ofCustomer(CustomerId.random(), 1));
        }
        outbox.append(poison);
        for (Entry entry : outbox.claim("relay", Duration.ofMinutes(1), 10)) {
            outbox.recordFailure(entry, "rejected", Duration.ZERO, 1);
        }
        outbox.append(List.of(SampleEvents.ofCustomer(CustomerId.random(), 1),
                SampleEvents.ofCustomer(CustomerId.random(), 1)));

        // when they are counted, before and after one is re-driven
        long parked = outbox.deadLetterCount();
        outbox.redrive(poison.get(0).eventId());
        long afterRedrive = outbox.deadLetterCount();

        // then the count is the parked events', the pending ones left out, and it agrees with the pages
        assertThat(parked).isEqualTo(3);
        assertThat(afterRedrive).isEqualTo(2);
        assertThat(outbox.deadLetters(PageRequest.first()).items()).hasSize(2);
        assertThat(outbox.pendingCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("appending an event again while it is parked as a dead letter changes nothing")
    void appendWhileParked() {
        DomainEvent event = SampleEvents.ofCustomer(CustomerId.random(), 1);
        outbox.append(List.of(event));
        outbox.recordFailure(outbox.claim("relay", Duration.ofMinutes(1), 1).get(0), "rejected", Duration.ZERO, 1);

        outbox.append(List.of(event));

        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.deadLetters(PageRequest.first()).items()).extracting(Entry::event).containsExactly(event);
    }

    @Test
    @DisplayName("a crash between commit and publish loses nothing: the lease lapses and another relay delivers")
    void crashAfterCommit() throws Exception {
        DomainEvent event = SampleEvents.ofCase(dev.rapport.spi.cases.CaseId.random());
        storage.transactions().runInTransaction(() -> outbox.append(List.of(event)));
        Entry crashed = outbox.claim("relay-a", Duration.ofMillis(300), 10).get(0);

        List<Entry> takenOver = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (takenOver.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            takenOver = outbox.claim("relay-b", Duration.ofMinutes(1), 10);
        }

        assertThat(takenOver).extracting(Entry::event).containsExactly(event);
        assertThat(outbox.markDelivered(crashed)).isFalse();
        assertThat(outbox.markDelivered(takenOver.get(0))).isTrue();
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    @DisplayName("a release puts a claimed event back at once, without counting an attempt")
    void release() {
        outbox.append(List.of(SampleEvents.ofCustomer(CustomerId.random(), 1)));
        Entry claimed = outbox.claim("relay", Duration.ofMinutes(5), 1).get(0);

        assertThat(outbox.release(claimed)).isTrue();

        Entry again = outbox.claim("other", Duration.ofMinutes(5), 1).get(0);
        assertThat(again.attempts()).isZero();
        assertThat(again.claimVersion()).isGreaterThan(claimed.claimVersion());
        assertThat(outbox.release(claimed)).isFalse();
    }

    @Test
    @DisplayName("appenders racing on the same aggregates get distinct numbers, contiguous, in each append's order")
    void racingAppendersOnSharedAggregates() throws Exception {
        // given three aggregates shared by four appenders, some appends touching two aggregates in reverse order
        List<CustomerId> shared = List.of(CustomerId.random(), CustomerId.random(), CustomerId.random());
        Map<UUID, List<UUID>> appends = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> appenders = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int t = thread;
                appenders.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        List<DomainEvent> events = new ArrayList<>();
                        CustomerId first = shared.get((t + n) % 3);
                        CustomerId second = shared.get((t + n + 1) % 3);
                        for (int k = 0; k <= n % 3; k++) {
                            events.add(SampleEvents.ofCustomer(n % 2 == 0 ? first : second, k));
                            events.add(SampleEvents.ofCustomer(n % 2 == 0 ? second : first, k));
                        }
                        storage.transactions().runInTransaction(() -> outbox.append(events));
                        appends.put(UUID.randomUUID(), events.stream().map(DomainEvent::eventId).toList());
                    }
                    return null;
                }));
            }

            // when they all finish
            for (Future<?> f : appenders) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // then every event is stored once, each aggregate's numbers run 1..n without a gap or a repeat, and each
        // append's events of one aggregate are numbered in the order given
        Map<UUID, long[]> stored = new HashMap<>();
        try (var c = dataSource().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT event_id, aggregate_id, aggregate_seq FROM " + prefix + "outbox")) {
            List<String> aggregateIds = shared.stream().map(CustomerId::toString).toList();
            while (rs.next()) {
                stored.put(rs.getObject(1, UUID.class),
                        new long[] {aggregateIds.indexOf(rs.getString(2)), rs.getLong(3)});
            }
        }
        int total = appends.values().stream().mapToInt(List::size).sum();
        assertThat(stored).hasSize(total);
        for (int aggregate = 0; aggregate < 3; aggregate++) {
            int a = aggregate;
            List<Long> numbers = stored.values().stream().filter(v -> v[0] == a).map(v -> v[1]).sorted().toList();
            assertThat(numbers).isNotEmpty();
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).isEqualTo(i + 1L);
            }
        }
        for (List<UUID> append : appends.values()) {
            for (int aggregate = 0; aggregate < 3; aggregate++) {
                int a = aggregate;
                List<Long> numbers = append.stream().map(stored::get).filter(v -> v[0] == a).map(v -> v[1]).toList();
                for (int i = 1; i < numbers.size(); i++) {
                    assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
                }
            }
        }
    }

    @Test
    @DisplayName("appenders and two relays at once, the publisher failing at random: all delivered, in order")
    void concurrentWithFailures() throws Exception {
        int aggregates = 12;
        int perAggregate = 15;
        List<CustomerId> customers = new ArrayList<>();
        for (int i = 0; i < aggregates; i++) {
            customers.add(CustomerId.random());
        }
        Map<String, List<UUID>> appended = new ConcurrentHashMap<>();
        Map<String, List<UUID>> delivered = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // two appenders, each owning half of the aggregates, appending in their own transactions
            List<Future<?>> appenders = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                int h = half;
                appenders.add(pool.submit(() -> {
                    for (int n = 0; n < perAggregate; n++) {
                        for (int i = h; i < aggregates; i += 2) {
                            DomainEvent e = SampleEvents.ofCustomer(customers.get(i), n);
                            storage.transactions().runInTransaction(() -> outbox.append(List.of(e)));
                            appended.computeIfAbsent(e.aggregateId(), k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(e.eventId());
                        }
                    }
                }));
            }
            List<Future<?>> relays = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                String owner = "relay-" + r;
                Random random = new Random(r);
                relays.add(pool.submit(() -> {
                    int idle = 0;
                    while (idle < 20) {
                        List<Entry> batch = outbox.claim(owner, Duration.ofMinutes(1), 7);
                        if (batch.isEmpty()) {
                            idle++;
                            Thread.sleep(20);
                            continue;
                        }
                        idle = 0;
                        for (Entry entry : batch) {
                            if (random.nextInt(3) == 0) {
                                failures.incrementAndGet();
                                outbox.recordFailure(entry, "random failure", Duration.ZERO, 1_000);
                            } else {
                                delivered.computeIfAbsent(entry.aggregateId(),
                                        k -> Collections.synchronizedList(new ArrayList<>())).add(entry.eventId());
                                assertThat(outbox.markDelivered(entry)).isTrue();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : appenders) {
                f.get();
            }
            for (Future<?> f : relays) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures.get()).isPositive();
        assertThat(outbox.pendingCount()).isZero();
        Map<String, List<UUID>> expected = new HashMap<>(appended);
        assertThat(delivered).hasSize(aggregates);
        for (Map.Entry<String, List<UUID>> e : expected.entrySet()) {
            assertThat(delivered.get(e.getKey())).as("order of aggregate %s", e.getKey()).containsExactlyElementsOf(e.getValue());
        }
    }
}
