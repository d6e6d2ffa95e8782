package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.outbox.OutboxRelay;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventOutbox.Entry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay over the JDBC outbox when the database fails in the middle of a claimed batch (issue 15): a
 * failure text the database refuses still counts as an attempt, and a failed call gives the rest of the batch back
 * at once instead of leaving it to the lease. Subclassed per database.
 */
abstract class OutboxRelayMidBatchTest {

    abstract DataSource dataSource();

    private EventOutbox outbox;
    private String prefix;
    private final List<DomainEvent> appended = new ArrayList<>();
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    private OutboxRelay relay;

    @BeforeEach
    void freshStore() {
        prefix = TestDatabases.freshPrefix();
        outbox = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build().outbox().orElseThrow();
        for (int a = 0; a < 5; a++) {
            appended.add(SampleEvents.ofCustomer(CustomerId.random(), 1));
        }
        outbox.append(appended);
    }

    @AfterEach
    void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private OutboxRelay relay(EventOutbox over, DomainEvent refused) {
        relay = OutboxRelay.builder().outbox(over).publisher(event -> {
            if (event.equals(refused)) {
                throw new IllegalStateException("poison pill for the broker");
            }
            published.add(event);
        }).batchSize(10).lease(Duration.ofMinutes(5)).maxAttempts(3).initialBackoff(Duration.ZERO)
                .maxBackoff(Duration.ZERO).build();
        return relay;
    }

    @Test
    @DisplayName("a failure text the database refuses is recorded without it: counted, retried and parked, the rest delivered in the same round")
    void refusedFailureTextStillCounts() throws SQLException {
        // given a check the database enforces on the error text, and a publisher refusing the second event
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + prefix + "outbox ADD CONSTRAINT " + prefix + "no_poison CHECK (last_error IS NULL"
                    + " OR last_error NOT LIKE '%poison%')");
        }
        OutboxRelay relay = relay(outbox, appended.get(1));

        // when
        OutboxRelay.Round first = relay.relayOnce();
        OutboxRelay.Round second = relay.relayOnce();
        OutboxRelay.Round third = relay.relayOnce();

        // then
        assertThat(first.delivered()).isEqualTo(4);
        assertThat(first.retried()).isEqualTo(1);
        assertThat(second.retried()).isEqualTo(1);
        assertThat(third.deadLettered()).isEqualTo(1);
        List<Entry> dead = outbox.deadLetters(PageRequest.first()).items();
        assertThat(dead).extracting(Entry::eventId).containsExactly(appended.get(1).eventId());
        assertThat(dead.get(0).attempts()).isEqualTo(3);
        assertThat(dead.get(0).lastError()).contains("java.lang.IllegalStateException (its message could not be stored)");
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    @DisplayName("when marking one event delivered fails, the rest of the batch is claimable at once; only that event waits for its lease")
    void failedMarkGivesTheRestBack() {
        // given an outbox whose second mark as delivered fails before it reaches the database
        EventOutbox faulty = new FailingSecondMark(outbox);
        OutboxRelay relay = relay(faulty, null);

        // when
        Throwable thrown = catchThrowable(relay::relayOnce);
        OutboxRelay.Round next = relay.relayOnce();

        // then
        assertThat(thrown).isInstanceOf(StorageException.class);
        assertThat(next.claimed()).isEqualTo(3);
        assertThat(next.delivered()).isEqualTo(3);
        assertThat(published).containsExactlyInAnyOrderElementsOf(appended);
        assertThat(outbox.pendingCount()).as("the event whose mark failed, under its lease").isEqualTo(1);
        assertThat(relay.relayOnce().claimed()).isZero();
    }

    /** Delegates to the outbox; the second {@code markDelivered} fails as a lost connection would. */
    private static final class FailingSecondMark implements EventOutbox {
        private final EventOutbox delegate;
        private int marks;

        FailingSecondMark(EventOutbox delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(List<? extends DomainEvent> events) {
            delegate.append(events);
        }

        @Override
        public List<Entry> claim(String owner, Duration lease, int limit) {
            return delegate.claim(owner, lease, limit);
        }

        @Override
        public boolean markDelivered(Entry entry) {
            if (++marks == 2) {
                throw new StorageException("the connection was lost", null, "08006", "OutboxEvent", null);
            }
            return delegate.markDelivered(entry);
        }

        @Override
        public FailureOutcome recordFailure(Entry entry, String error, Duration retryAfter, int maxAttempts) {
            return delegate.recordFailure(entry, error, retryAfter, maxAttempts);
        }

        @Override
        public boolean release(Entry entry) {
            return delegate.release(entry);
        }

        @Override
        public Page<Entry> deadLetters(PageRequest page) {
            return delegate.deadLetters(page);
        }

        @Override
        public boolean redrive(UUID eventId) {
            return delegate.redrive(eventId);
        }

        @Override
        public int redriveAll() {
            return delegate.redriveAll();
        }

        @Override
        public long pendingCount() {
            return delegate.pendingCount();
        }
    }
}
