package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bulk ingest on PostgreSQL (reWriteBatchedInserts=true)")
class PostgresBulkIngestTest extends BulkIngestTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }

    /**
     * Hands out the pool's connections behind a proxy, as a host's pool does, and records which JDBC calls ingest
     * made; when {@code unwrappable} is false, the proxy refuses to unwrap to anything, as some pools' wrappers do.
     */
    static final class RecordingProvider implements ConnectionProvider {
        final Set<String> calls = ConcurrentHashMap.newKeySet();
        /** How many times each recorded call was made. */
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final DataSource dataSource;
        private final boolean unwrappable;

        RecordingProvider(DataSource dataSource, boolean unwrappable) {
            this.dataSource = dataSource;
            this.unwrappable = unwrappable;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection target = dataSource.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("prepareStatement") && args.length == 2 && args[1] instanceof String[]) {
                            calls.add("prepareStatementReturningKeys");
                        } else {
                            calls.add(name);
                        }
                        counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                        if (!unwrappable && name.equals("isWrapperFor")) {
                            return false;
                        }
                        if (!unwrappable && name.equals("unwrap")) {
                            throw new SQLException("this wrapper does not unwrap");
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    @DisplayName("streams each batch with COPY when the connection unwraps to pgjdbc's")
    void usesCopy() {
        RecordingProvider provider = new RecordingProvider(dataSource(), true);
        JdbcStorage storage = JdbcStorage.builder().connectionProvider(provider)
                .tablePrefix(TestDatabases.freshPrefix()).ingestBatchSize(100).build();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = Samples.feed(customer, 250, "msg");
        storage.ingestInteractions(feed.subList(0, 10));
        provider.calls.clear();

        BulkIngestResult result = storage.ingestInteractions(feed);

        assertThat(result).isEqualTo(new BulkIngestResult(240, 10));
        assertThat(provider.calls).contains("unwrap").doesNotContain("prepareStatementReturningKeys");
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .containsExactlyElementsOf(feed);
    }

    @Test
    @DisplayName("looks up a call larger than a batch once and copies only the rows not stored, a batch per commit")
    void looksUpTheCallOnceAcrossBatches() {
        RecordingProvider provider = new RecordingProvider(dataSource(), true);
        JdbcStorage storage = JdbcStorage.builder().connectionProvider(provider)
                .tablePrefix(TestDatabases.freshPrefix()).ingestBatchSize(100).build();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = Samples.feed(customer, 1_000, "msg");
        List<Interaction> everyTenth = new ArrayList<>();
        for (int k = 0; k < feed.size(); k += 10) {
            everyTenth.add(feed.get(k)); // stored already, spread over every batch of the call
        }
        storage.ingestInteractions(everyTenth);
        List<Interaction> offered = new ArrayList<>(feed);
        offered.add(150, feed.get(20).toBuilder().externalId("new-by-stored-id").build());
        offered.add(420, feed.get(30).toBuilder().id(InteractionId.random()).build()); // a stored external id
        offered.add(feed.get(555).toBuilder().id(InteractionId.random()).build()); // repeats a new row of the call
        offered.add(feed.get(777)); // repeats a new row of the call, id and all
        provider.calls.clear();
        provider.counts.clear();

        BulkIngestResult result = storage.ingestInteractions(offered);

        assertThat(result).isEqualTo(new BulkIngestResult(900, 104));
        assertThat(provider.calls).contains("unwrap").doesNotContain("prepareStatementReturningKeys");
        // one transaction for the look-up, then one per batch of 100 rows not stored
        assertThat(provider.counts.get("commit")).hasValue(1 + 9);
        assertThat(provider.counts.get("prepareStatement")).hasValue(1);
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .containsExactlyElementsOf(feed);
        assertThat(storage.interactions().findByExternalId("new-by-stored-id")).isEmpty();
    }

    @Test
    @DisplayName("falls back to batched inserts, as idempotent, when a pool's connection does not unwrap")
    void fallsBackWithoutUnwrap() {
        RecordingProvider provider = new RecordingProvider(dataSource(), false);
        JdbcStorage storage = JdbcStorage.builder().connectionProvider(provider)
                .tablePrefix(TestDatabases.freshPrefix()).ingestBatchSize(100).build();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = Samples.feed(customer, 250, "msg");
        storage.ingestInteractions(feed.subList(0, 10));
        List<Interaction> again = new ArrayList<>(feed);
        again.add(feed.get(5).toBuilder().id(InteractionId.random()).build()); // a stored external id, a new id
        provider.calls.clear();

        BulkIngestResult result = storage.ingestInteractions(again);

        assertThat(result).isEqualTo(new BulkIngestResult(240, 11));
        assertThat(provider.calls).contains("prepareStatementReturningKeys").doesNotContain("unwrap");
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .containsExactlyElementsOf(feed);
    }

    @Test
    @DisplayName("skips the rows another transaction stores between its look-up and its copy, by inserting again")
    void rowsStoredMeanwhileAreSkipped() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        HostTransactionTest.HostTransactions host = new HostTransactionTest.HostTransactions(dataSource());
        JdbcStorage first = JdbcStorage.builder().connectionProvider(host).tablePrefix(prefix).ingestBatchSize(100)
                .build();
        JdbcStorage second = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).ingestBatchSize(100)
                .build();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = Samples.feed(customer, 100, "msg");
        List<Interaction> overlapping = new ArrayList<>();
        for (Interaction i : feed) {
            overlapping.add(i.toBuilder().id(InteractionId.random()).build()); // the same external ids, new ids
        }
        host.begin();
        first.ingestInteractions(feed.subList(0, 40)); // stored, not yet committed

        CompletableFuture<BulkIngestResult> copying = CompletableFuture.supplyAsync(
                () -> second.ingestInteractions(overlapping));
        awaitCopyWaitingForLock(prefix);
        host.end(true);
        BulkIngestResult result = copying.get(60, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new BulkIngestResult(60, 40));
        List<Interaction> expected = new ArrayList<>(feed.subList(0, 40));
        expected.addAll(overlapping.subList(40, 100));
        assertThat(second.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .containsExactlyElementsOf(expected);
    }

    /** Waits until a COPY into the prefix's interaction table waits for a lock, that is, for the open transaction. */
    private void awaitCopyWaitingForLock(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'COPY " + prefix + "interaction %'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no COPY waited for the open transaction's rows");
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    @DisplayName("falls back to inserts where row-level security keeps COPY out of the table")
    void rowLevelSecurity() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build();
        String role = prefix + "writer";
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN");
            st.execute("GRANT SELECT, INSERT ON " + prefix + "interaction TO " + role);
            st.execute("ALTER TABLE " + prefix + "interaction ENABLE ROW LEVEL SECURITY");
            st.execute("CREATE POLICY " + prefix + "writes ON " + prefix + "interaction TO " + role
                    + " USING (true) WITH CHECK (true)");
        }
        try (TestDatabases.Pool pool = TestDatabases.postgresAs(role)) {
            RecordingProvider provider = new RecordingProvider(pool, true);
            JdbcStorage storage = JdbcStorage.builder().connectionProvider(provider).tablePrefix(prefix)
                    .migrate(false).ingestBatchSize(100).build();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(role); // not a superuser, who would bypass row-level security
            }
            CustomerId customer = CustomerId.random();
            List<Interaction> feed = Samples.feed(customer, 150, "msg");
            storage.ingestInteractions(feed.subList(0, 10));
            provider.calls.clear();

            BulkIngestResult result = storage.ingestInteractions(feed);

            assertThat(result).isEqualTo(new BulkIngestResult(140, 10));
            assertThat(provider.calls).contains("unwrap", "prepareStatementReturningKeys");
            assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000))
                    .items()).containsExactlyElementsOf(feed);
        }
    }
}
