package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.customer.Customer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rapport joining a transaction the host manages, as with Spring's DataSourceUtils: the host's connection is bound
 * to the thread, and the host alone commits or rolls back.
 */
@DisplayName("Joining the host's transaction on PostgreSQL")
class HostTransactionTest {

    /** A stand-in for a host transaction manager: one connection per thread while a host transaction runs. */
    static final class HostTransactions implements ConnectionProvider {
        private final DataSource dataSource;
        private final ThreadLocal<Connection> bound = new ThreadLocal<>();

        HostTransactions(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        void begin() throws SQLException {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            bound.set(c);
        }

        void end(boolean commit) throws SQLException {
            Connection c = bound.get();
            bound.remove();
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            c.close();
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = bound.get();
            return c != null ? c : dataSource.getConnection();
        }

        @Override
        public void releaseConnection(Connection connection) throws SQLException {
            if (connection != bound.get()) {
                connection.close();
            }
        }

        @Override
        public boolean isHostTransactionActive() {
            return bound.get() != null;
        }
    }

    private HostTransactions host;
    private JdbcStorage storage;
    private String prefix;

    @BeforeEach
    void setUp() {
        host = new HostTransactions(TestDatabases.postgres());
        prefix = TestDatabases.freshPrefix();
        storage = JdbcStorage.builder().connectionProvider(host).tablePrefix(prefix).build();
    }

    @Test
    @DisplayName("Rapport's writes are committed or rolled back with the host's own")
    void followsHost() throws Exception {
        Customer kept = Samples.customer("Kept");
        Customer dropped = Samples.customer("Dropped");

        host.begin();
        storage.transactions().runInTransaction(() -> storage.customers().insert(dropped));
        host.end(false);
        host.begin();
        storage.customers().insert(kept);
        try (Statement st = host.getConnection().createStatement()) {
            st.executeUpdate("UPDATE " + prefix + "customer SET segment = 'host' WHERE id = '" + kept.id() + "'");
        }
        host.end(true);

        assertThat(storage.customers().findById(dropped.id())).isEmpty();
        assertThat(storage.customers().get(kept.id()).segment()).contains("host");
    }

    @Test
    @DisplayName("failing Rapport work rolls back only itself and leaves the host's transaction usable")
    void failingWork() throws Exception {
        Customer first = Samples.customer("First");
        Customer undone = Samples.customer("Undone");
        Customer after = Samples.customer("After");

        host.begin();
        storage.customers().insert(first);
        assertThatThrownBy(() -> storage.transactions().runInTransaction(() -> {
            storage.customers().insert(undone);
            storage.customers().insert(first);
        })).isInstanceOf(dev.rapport.spi.DuplicateEntityException.class);
        storage.customers().insert(after);
        host.end(true);

        assertThat(storage.customers().findById(first.id())).isPresent();
        assertThat(storage.customers().findById(undone.id())).isEmpty();
        assertThat(storage.customers().findById(after.id())).isPresent();
    }

    @Test
    @DisplayName("bulk ingest inside the host's transaction stores every batch once, at the host's commit only")
    void ingestInHostTransaction() throws Exception {
        JdbcStorage batched = JdbcStorage.builder().connectionProvider(host).tablePrefix(prefix).ingestBatchSize(100)
                .build();
        dev.rapport.spi.customer.CustomerId customer = dev.rapport.spi.customer.CustomerId.random();
        java.util.List<dev.rapport.spi.interaction.Interaction> feed = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            feed.add(Samples.interaction(customer, null, Samples.at(i), "msg-" + i));
        }
        host.begin();
        batched.ingestInteractions(feed.subList(0, 50));
        host.end(false);
        host.begin();

        BulkIngestResult first = batched.ingestInteractions(feed.subList(0, 150));
        BulkIngestResult second = batched.ingestInteractions(feed);
        host.end(true);

        assertThat(first).isEqualTo(new BulkIngestResult(150, 0));
        assertThat(second).isEqualTo(new BulkIngestResult(100, 150));
        assertThat(batched.interactions().findByCustomer(customer, dev.rapport.spi.TimeRange.ALL,
                dev.rapport.spi.PageRequest.first(1_000)).items()).containsExactlyElementsOf(feed);
    }
}
