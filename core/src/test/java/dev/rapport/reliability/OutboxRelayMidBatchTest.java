package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.outbox.InMemoryEventOutbox;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay when the outbox fails in the middle of a claimed batch (issue 15): a failed attempt the outbox
 * refuses to record because of its text is still counted, so the event is parked after its attempts; and whatever
 * outbox call fails, the rest of the batch is given back at once instead of waiting for the claim's lease.
 */
@DisplayName("The outbox relay with the outbox failing in the middle of a batch")
class OutboxRelayMidBatchTest {

    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    private final List<DomainEvent> appended = new ArrayList<>();
    private OutboxRelay relay;

    /** An outbox that fails the calls a test names, before they reach the store. */
    private final class Faulty implements EventOutbox {
        Predicate<String> failMarkDelivered = error -> false;
        Predicate<String> failRecordFailure = error -> false;
        boolean failRelease;
        int markDeliveredCalls;

        @Override
        public void append(List<? extends DomainEvent> events) {
            outbox.append(events);
        }

        @Override
        public List<Entry> claim(String owner, Duration lease, int limit) {
            return outbox.claim(owner, lease, limit);
        }

        @Override
        public boolean markDelivered(Entry entry) {
            markDeliveredCalls++;
            if (failMarkDelivered.test(String.valueOf(markDeliveredCalls))) {
                throw new StorageException("the store failed marking an event delivered", null, "08006",
                        "OutboxEvent", null);
            }
            return outbox.markDelivered(entry);
        }

        @Override
        public FailureOutcome recordFailure(Entry entry, String error, Duration retryAfter, int maxAttempts) {
            if (failRecordFailure.test(error)) {
                throw new StorageException("the store refused the failure text", null, "22021", "OutboxEvent",
                        "lastError");
            }
            return outbox.recordFailure(entry, error, retryAfter, maxAttempts);
        }

        @Override
        public boolean release(Entry entry) {
            if (failRelease) {
                throw new StorageException("the store failed giving an event back", null, "08006", "OutboxEvent",
                        null);
            }
            return outbox.release(entry);
        }

        @Override
        public Page<Entry> deadLetters(PageRequest page) {
            return outbox.deadLetters(page);
        }

        @Override
        public boolean redrive(UUID eventId) {
            return outbox.redrive(eventId);
        }

        @Override
        public int redriveAll() {
            return outbox.redriveAll();
        }

        @Override
        public long pendingCount() {
            return outbox.pendingCount();
        }
    }

    private final Faulty faulty = new Faulty();

    private void appendOnePerAggregate(int aggregates) {
        for (int a = 0; a < aggregates; a++) {
            appended.add(new CustomerUpdated(new UUID(1, a), T0, new CustomerId(new UUID(0, a + 1))));
        }
        outbox.append(appended);
    }

    private OutboxRelay relay(DomainEvent refused) {
        relay = OutboxRelay.builder().outbox(faulty).publisher(event -> {
            if (event.equals(refused)) {
                throw new IllegalStateException("poison pill for the broker");
            }
            published.add(event);
        }).owner("node-1").batchSize(10).lease(LEASE).publishTimeout(Duration.ofSeconds(10))
                .initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).maxAttempts(3).build();
        return relay;
    }

    @AfterEach
    void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    @DisplayName("a failure the outbox refuses to record is recorded without its text: counted, retried and parked, and the batch goes out in the same round")
    void refusedFailureTextStillCounts() {
        // given five events, the second refused by the publisher, its error text refused by the store
        appendOnePerAggregate(5);
        faulty.failRecordFailure = error -> error.contains("poison");
        OutboxRelay relay = relay(appended.get(1));

        // when
        OutboxRelay.Round first = relay.relayOnce();
        OutboxRelay.Round second = relay.relayOnce();
        OutboxRelay.Round third = relay.relayOnce();

        // then
        assertThat(first.delivered()).isEqualTo(4);
        assertThat(first.retried()).isEqualTo(1);
        assertThat(second.retried()).isEqualTo(1);
        assertThat(third.deadLettered()).isEqualTo(1);
        assertThat(published).containsExactlyInAnyOrder(appended.get(0), appended.get(2), appended.get(3),
                appended.get(4));
        List<EventOutbox.Entry> dead = outbox.deadLetters(PageRequest.first()).items();
        assertThat(dead).extracting(EventOutbox.Entry::eventId).containsExactly(appended.get(1).eventId());
        assertThat(dead.get(0).attempts()).isEqualTo(3);
        assertThat(dead.get(0).lastError()).contains(
                "java.lang.IllegalStateException (its message could not be stored)");
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    @DisplayName("when marking one event delivered fails, the round throws and the rest of the batch is claimable at once; only that event waits for its lease")
    void failedMarkGivesTheRestBack() {
        // given five events; marking the second delivered fails
        appendOnePerAggregate(5);
        faulty.failMarkDelivered = call -> call.equals("2");
        OutboxRelay relay = relay(null);

        // when
        Throwable thrown = catchThrowable(relay::relayOnce);
        OutboxRelay.Round next = relay.relayOnce();

        // then: the next round, with no time passed, published the three given back
        assertThat(thrown).isInstanceOf(StorageException.class);
        assertThat(next.claimed()).isEqualTo(3);
        assertThat(next.delivered()).isEqualTo(3);
        assertThat(published).containsExactlyElementsOf(appended);
        assertThat(outbox.pendingCount()).as("the event whose mark failed, under its lease").isEqualTo(1);
        assertThat(relay.relayOnce().claimed()).isZero();

        // and after the lease it goes out again (the relay's documented bound of one repeat)
        clock.advance(LEASE.plusSeconds(1));
        assertThat(relay.relayOnce().delivered()).isEqualTo(1);
        assertThat(published).hasSize(6).last().isEqualTo(appended.get(1));
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    @DisplayName("when recording a failure fails even without its text, the round throws, the rest goes back, and the event is retried after its lease")
    void failedRecordGivesTheRestBack() {
        // given five events, the second refused by the publisher, every failure record refused by the store
        appendOnePerAggregate(5);
        faulty.failRecordFailure = error -> true;
        OutboxRelay relay = relay(appended.get(1));

        // when
        Throwable thrown = catchThrowable(relay::relayOnce);
        OutboxRelay.Round next = relay.relayOnce();

        // then
        assertThat(thrown).isInstanceOf(StorageException.class);
        assertThat(thrown.getSuppressed()).hasSize(1);
        assertThat(next.claimed()).isEqualTo(3);
        assertThat(next.delivered()).isEqualTo(3);
        assertThat(outbox.pendingCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("when the outbox fails for every call, the round throws and what it could not give back waits for the lease, then goes out")
    void outboxDown() {
        // given five events; marking the second delivered and every release fail
        appendOnePerAggregate(5);
        faulty.failMarkDelivered = call -> call.equals("2");
        faulty.failRelease = true;
        OutboxRelay relay = relay(null);

        // when
        Throwable thrown = catchThrowable(relay::relayOnce);

        // then
        assertThat(thrown).isInstanceOf(StorageException.class);
        assertThat(thrown.getSuppressed()).as("the first refused release").hasSize(1);
        assertThat(relay.relayOnce().claimed()).as("everything left is still leased").isZero();
        faulty.failRelease = false;
        clock.advance(LEASE.plusSeconds(1));
        assertThat(relay.relayOnce().delivered()).isEqualTo(4);
        assertThat(published).hasSize(6);
        assertThat(outbox.pendingCount()).isZero();
    }
}
