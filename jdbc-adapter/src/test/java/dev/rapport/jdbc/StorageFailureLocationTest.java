package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventOutbox.Entry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every storage failure of the JDBC adapter is a {@link StorageException} that names its SQL state, its entity and,
 * where the database lets the adapter tell, its field. The failures are forced past the value domain by changing
 * the schema under the adapter with raw SQL (a shorter column, a new check, a new not-null, a new unique index), as
 * a schema drifted from the migrations would. Subclassed per database.
 */
abstract class StorageFailureLocationTest {

    abstract DataSource dataSource();

    /** The dialect's statement changing a text column's length. */
    abstract String shortenColumn(String table, String column, int length);

    JdbcStorage storage;
    String prefix;

    @BeforeEach
    void freshStore() {
        prefix = TestDatabases.freshPrefix();
        storage = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build();
    }

    void raw(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static StorageException storageFailure(Throwable thrown) {
        assertThat(thrown).isInstanceOf(StorageException.class);
        return (StorageException) thrown;
    }

    @Test
    @DisplayName("a value too long for a column shortened under the adapter names state 22001, Customer and segment, and stores nothing")
    void valueTooLong() throws SQLException {
        // given
        raw(shortenColumn(prefix + "customer", "segment", 3));
        Customer customer = Samples.customer("Ann");

        // when
        StorageException e = storageFailure(catchThrowable(() -> storage.customers().insert(customer)));

        // then
        assertThat(e.sqlState()).contains("22001");
        assertThat(e.entity()).contains("Customer");
        assertThat(e.field()).contains("segment");
        assertThat(e.getMessage()).contains("entity Customer", "field segment").doesNotContain("gold");
        assertThat(storage.customers().findById(customer.id())).isEmpty();
    }

    @Test
    @DisplayName("a null in a column made not-null under the adapter names state 23502, Customer and churnReason")
    void nullNotAllowed() throws SQLException {
        // given
        raw("ALTER TABLE " + prefix + "customer ALTER COLUMN churn_reason SET NOT NULL");
        Customer customer = Samples.customer("Ann");

        // when
        StorageException e = storageFailure(catchThrowable(() -> storage.customers().insert(customer)));

        // then
        assertThat(e.sqlState()).contains("23502");
        assertThat(e.entity()).contains("Customer");
        assertThat(e.field()).contains("churnReason");
        assertThat(storage.customers().findById(customer.id())).isEmpty();
    }

    @Test
    @DisplayName("a check constraint added under the adapter names state 23514 (H2: 23513), Customer and segment, in a transaction of its own and in the caller's")
    void checkViolated() throws SQLException {
        // given
        raw("ALTER TABLE " + prefix + "customer ADD CONSTRAINT " + prefix + "no_gold CHECK (segment <> 'gold')");
        Customer alone = Samples.customer("Ann");
        Customer joined = Samples.customer("Bo");

        // when
        StorageException own = storageFailure(catchThrowable(() -> storage.customers().insert(alone)));
        StorageException inCallers = storageFailure(catchThrowable(() -> storage.transactions().runInTransaction(
                () -> storage.customers().insert(joined))));

        // then
        for (StorageException e : List.of(own, inCallers)) {
            assertThat(e.sqlState().orElseThrow()).as("H2's state, or PostgreSQL's").isIn("23513", "23514");
            assertThat(e.entity()).contains("Customer");
            assertThat(e.field()).contains("segment");
        }
        assertThat(storage.customers().findById(alone.id())).isEmpty();
        assertThat(storage.customers().findById(joined.id())).isEmpty();
    }

    @Test
    @DisplayName("a conflict on a unique index added under the adapter names state 23505, Customer and segment")
    void uniqueViolated() throws SQLException {
        // given
        raw("CREATE UNIQUE INDEX " + prefix + "segment_uk ON " + prefix + "customer (segment)");
        storage.customers().insert(Samples.customer("Ann"));
        Customer second = Samples.customer("Bo");

        // when
        StorageException e = storageFailure(catchThrowable(() -> storage.customers().insert(second)));

        // then
        assertThat(e.sqlState()).contains("23505");
        assertThat(e.entity()).contains("Customer");
        assertThat(e.field()).contains("segment");
        assertThat(storage.customers().findById(second.id())).isEmpty();
    }

    @Test
    @DisplayName("an outbox event whose failure text breaks a check names OutboxEvent and lastError")
    void outboxCheckViolated() throws SQLException {
        // given
        raw("ALTER TABLE " + prefix + "outbox ADD CONSTRAINT " + prefix + "no_poison CHECK (last_error IS NULL"
                + " OR last_error NOT LIKE '%poison%')");
        EventOutbox outbox = storage.outbox().orElseThrow();
        DomainEvent event = SampleEvents.ofCustomer(CustomerId.random(), 1);
        outbox.append(List.of(event));
        Entry entry = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);

        // when
        StorageException e = storageFailure(catchThrowable(
                () -> outbox.recordFailure(entry, "poison pill", Duration.ZERO, 3)));

        // then
        assertThat(e.sqlState().orElseThrow()).as("H2's state, or PostgreSQL's").isIn("23513", "23514");
        assertThat(e.entity()).contains("OutboxEvent");
        assertThat(e.field()).contains("lastError");
        assertThat(outbox.recordFailure(entry, "refused", Duration.ZERO, 3))
                .as("the failed call changed nothing: the claim still holds")
                .isEqualTo(EventOutbox.FailureOutcome.RETRY_SCHEDULED);
    }

    @Test
    @DisplayName("an instant no timestamp holds, bound by the adapter, names state 22008, the entity and the field")
    void unbindableInstant() throws SQLException {
        // given
        try (Connection c = dataSource().getConnection();
                Stmt st = new Stmt(c, "INSERT INTO " + prefix + "customer (id, name, created_at) VALUES (?, ?, ?)")) {
            // when
            Throwable thrown = catchThrowable(() -> st.uuid(UUID.randomUUID()).text("Ann").instant(Instant.MAX));

            // then
            StorageException e = storageFailure(thrown);
            assertThat(e.sqlState()).contains("22008");
            assertThat(e.entity()).contains("Customer");
            assertThat(e.field()).contains("createdAt");
        }
    }
}
