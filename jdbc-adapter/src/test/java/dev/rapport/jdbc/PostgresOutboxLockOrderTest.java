package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The order of the outbox append's lock and read on PostgreSQL: the aggregates' advisory locks and the read of the
 * highest stored numbers go to the server in one message, and the read must take its snapshot only once the locks
 * are held. Here an appender is made to wait on another's lock for certain (seen waiting in {@code pg_locks}) before
 * the other commits; a read whose snapshot predated the wait would miss the committed event, number its own event
 * the same, and lose it to {@code ON CONFLICT DO NOTHING}.
 */
@DisplayName("The outbox's numbering on PostgreSQL when one appender waits for another's lock")
class PostgresOutboxLockOrderTest {

    private DataSource dataSource;
    private JdbcStorage storage;
    private EventOutbox outbox;
    private String prefix;

    @BeforeEach
    void freshStore() {
        dataSource = TestDatabases.postgres();
        prefix = TestDatabases.freshPrefix();
        storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(prefix).build();
        outbox = storage.outbox().orElseThrow();
    }

    @Test
    @DisplayName("an appender that waited for another's lock numbers its events after the ones the other committed")
    void waiterSeesTheCommittedEvents() throws Exception {
        // given an appender whose transaction has appended two events of a customer and holds the customer's lock
        CustomerId customer = CustomerId.random();
        List<DomainEvent> firstAppend = List.of(SampleEvents.ofCustomer(customer, 0),
                SampleEvents.ofCustomer(customer, 1));
        List<DomainEvent> secondAppend = List.of(SampleEvents.ofCustomer(customer, 2));
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        boolean waited = false;
        try {
            Future<?> holder = pool.submit(() -> {
                storage.transactions().runInTransaction(() -> {
                    outbox.append(firstAppend);
                    appended.countDown();
                    try {
                        mayCommit.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                return null;
            });
            appended.await();

            // when a second appender of the same customer starts, is seen waiting on the lock, and the first commits
            Future<?> waiter = pool.submit(() -> {
                storage.transactions().runInTransaction(() -> outbox.append(secondAppend));
                return null;
            });
            while (!waiter.isDone() && !waited) {
                waited = waitingForOutboxLock();
                Thread.onSpinWait();
            }
            mayCommit.countDown();
            holder.get();
            waiter.get();
        } finally {
            mayCommit.countDown();
            pool.shutdownNow();
        }

        // then the second appender had to wait, every event is stored, and the waiter's event is numbered third
        assertThat(waited).isTrue();
        Map<UUID, Long> numbers = storedNumbers();
        assertThat(numbers).containsOnlyKeys(firstAppend.get(0).eventId(), firstAppend.get(1).eventId(),
                secondAppend.get(0).eventId());
        assertThat(numbers.get(firstAppend.get(0).eventId())).isEqualTo(1L);
        assertThat(numbers.get(firstAppend.get(1).eventId())).isEqualTo(2L);
        assertThat(numbers.get(secondAppend.get(0).eventId())).isEqualTo(3L);
    }

    /** Whether a session waits for one of this prefix's outbox advisory locks (first key: the outbox's name). */
    private boolean waitingForOutboxLock() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND NOT granted AND objsubid = 2 AND classid::bigint = (hashtext(?)::bigint & 4294967295)")) {
            ps.setString(1, prefix + "outbox");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private Map<UUID, Long> storedNumbers() throws SQLException {
        Map<UUID, Long> numbers = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT event_id, aggregate_seq FROM " + prefix + "outbox");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                numbers.put(rs.getObject(1, UUID.class), rs.getLong(2));
            }
        }
        return numbers;
    }
}
