package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How an index migration marked to run outside a transaction builds its index on PostgreSQL: which lock it takes on
 * the table while it builds (read from {@code pg_locks}, not from timings), what a writer can do meanwhile, and how a
 * run after a crashed build repairs what the crash left. Each test holds a transaction open on the table, so the build
 * stops at its first wait (a concurrent build waits for the table's running writers) and can be looked at there.
 */
@DisplayName("A concurrent index migration on PostgreSQL")
class PostgresConcurrentIndexTest {

    private final DataSource dataSource = TestDatabases.postgres();
    private final String prefix = TestDatabases.freshPrefix();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private SchemaMigrator migrator() {
        return new SchemaMigrator(ConnectionProvider.of(dataSource), Dialect.POSTGRESQL, Optional.empty(), prefix);
    }

    private static SchemaMigrator.Script script(int version, String text) {
        return new SchemaMigrator.Script(version, "test_" + version, "V" + version + "__test_" + version + ".sql", text);
    }

    private static final SchemaMigrator.Script TABLE = script(1, "CREATE TABLE ${prefix}item (id BIGINT PRIMARY KEY,"
            + " label TEXT NOT NULL); INSERT INTO ${prefix}item SELECT g, 'item ' || g FROM generate_series(1, 20000) g;");

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The locks on the item table held or wanted by backends other than the given ones, as "mode granted". */
    private List<String> locksOnTableBesides(String... pids) throws SQLException {
        return query("SELECT mode || ' ' || granted FROM pg_locks WHERE relation = to_regclass('" + prefix + "item')"
                + " AND pid NOT IN (pg_backend_pid(), " + String.join(", ", pids) + ") ORDER BY mode");
    }

    /** Waits (bounded, not timed: the test only needs the state) until a backend waits for the given lock. */
    private void awaitWaiting(String condition) throws Exception {
        for (int i = 0; i < 3_000; i++) {
            if (!query("SELECT 1 FROM pg_locks WHERE NOT granted AND " + condition).isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no backend came to wait for " + condition);
    }

    /** A writer's attempt to take the lock every INSERT, UPDATE and DELETE takes, without waiting, then to insert. */
    private void writeWithoutWaiting(long id) throws SQLException {
        try (Connection writer = dataSource.getConnection(); Statement w = writer.createStatement()) {
            writer.setAutoCommit(false);
            try {
                w.execute("LOCK TABLE " + prefix + "item IN ROW EXCLUSIVE MODE NOWAIT");
                w.executeUpdate("INSERT INTO " + prefix + "item VALUES (" + id + ", 'written during the build')");
                writer.commit();
            } catch (SQLException e) {
                writer.rollback();
                throw e;
            }
        }
    }

    private String indexValid(String index) throws SQLException {
        List<String> valid = query("SELECT i.indisvalid::text FROM pg_index i WHERE i.indexrelid = to_regclass('"
                + prefix + index + "')");
        return valid.isEmpty() ? "missing" : valid.get(0);
    }

    @Test
    @DisplayName("holds only SHARE UPDATE EXCLUSIVE on the table while it builds, so a writer gets its lock at once")
    void concurrentBuildLetsWritersIn() throws Exception {
        // given a table of 20,000 rows and a transaction that has updated one of them and stays open
        migrator().migrate(List.of(TABLE));
        List<SchemaMigrator.Script> scripts = List.of(TABLE, script(2, SchemaMigrator.NO_TRANSACTION + "\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS ${prefix}item_label_idx ON ${prefix}item (label);\n"));
        try (Connection open = dataSource.getConnection(); Statement st = open.createStatement()) {
            open.setAutoCommit(false);
            st.executeUpdate("UPDATE " + prefix + "item SET label = 'held' WHERE id = 1");
            String openPid = one(open, "SELECT pg_backend_pid()::text");

            // when the migration runs and its build comes to wait for that transaction
            Future<List<Integer>> migrating = pool.submit(() -> migrator().migrate(scripts));
            awaitWaiting("locktype = 'virtualxid' AND pid IN (SELECT pid FROM pg_locks WHERE relation = to_regclass('"
                    + prefix + "item'))");
            List<String> buildLocks = locksOnTableBesides(openPid);

            // then the build holds SHARE UPDATE EXCLUSIVE and nothing stronger, a writer takes ROW EXCLUSIVE without
            // waiting and inserts, and once the open transaction ends the index is valid and the version recorded
            assertThat(buildLocks).containsExactly("ShareUpdateExclusiveLock true");
            writeWithoutWaiting(20_001);
            open.commit();
            assertThat(migrating.get(60, TimeUnit.SECONDS)).containsExactly(2);
        }
        assertThat(indexValid("item_label_idx")).isEqualTo("true");
        assertThat(query("SELECT COUNT(*)::text FROM " + prefix + "item")).containsExactly("20001");
        assertThat(migrator().migrate(scripts)).isEmpty();
    }

    @Test
    @DisplayName("in a transaction, by contrast, queues for SHARE behind the open transaction and a writer cannot get in")
    void plainBuildShutsWritersOut() throws Exception {
        // given the same table and open transaction
        migrator().migrate(List.of(TABLE));
        List<SchemaMigrator.Script> scripts = List.of(TABLE,
                script(2, "CREATE INDEX IF NOT EXISTS ${prefix}item_label_idx ON ${prefix}item (label);\n"));
        try (Connection open = dataSource.getConnection(); Statement st = open.createStatement()) {
            open.setAutoCommit(false);
            st.executeUpdate("UPDATE " + prefix + "item SET label = 'held' WHERE id = 1");
            String openPid = one(open, "SELECT pg_backend_pid()::text");

            // when an unmarked script builds the index and comes to wait for its lock
            Future<List<Integer>> migrating = pool.submit(() -> migrator().migrate(scripts));
            awaitWaiting("relation = to_regclass('" + prefix + "item') AND mode = 'ShareLock'");

            // then it waits for SHARE, and a writer asking for ROW EXCLUSIVE without waiting is refused (55P03):
            // every write to the table queues until the build commits
            assertThat(locksOnTableBesides(openPid)).containsExactly("ShareLock false");
            assertThatThrownBy(() -> writeWithoutWaiting(20_001)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("55P03"));
            open.commit();
            assertThat(migrating.get(60, TimeUnit.SECONDS)).containsExactly(2);
        }
    }

    @Test
    @DisplayName("run again after a concurrent build failed, drops the invalid index it left and builds a valid one")
    void invalidIndexIsRebuilt() throws Exception {
        // given a failed concurrent build of a unique index (two rows share a label), which leaves the index invalid,
        // and the duplicate then removed
        migrator().migrate(List.of(TABLE));
        execute("UPDATE " + prefix + "item SET label = 'item 1' WHERE id = 2");
        assertThatThrownBy(() -> execute("CREATE UNIQUE INDEX CONCURRENTLY " + prefix + "item_label_uk ON " + prefix
                + "item (label)")).isInstanceOf(SQLException.class);
        assertThat(indexValid("item_label_uk")).isEqualTo("false");
        execute("UPDATE " + prefix + "item SET label = 'item 2' WHERE id = 2");

        // when the script that builds it concurrently if it does not exist runs
        List<Integer> applied = migrator().migrate(List.of(TABLE, script(2, SchemaMigrator.NO_TRANSACTION + "\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${prefix}item_label_uk ON ${prefix}item (label);")));

        // then the index is valid, not skipped as existing
        assertThat(applied).containsExactly(2);
        assertThat(indexValid("item_label_uk")).isEqualTo("true");
    }

    @Test
    @DisplayName("keeps a valid index of the same name that an operator built beforehand")
    void validIndexIsKept() throws Exception {
        // given the index built by hand before the upgrade
        migrator().migrate(List.of(TABLE));
        execute("CREATE INDEX CONCURRENTLY " + prefix + "item_label_idx ON " + prefix + "item (label)");
        List<String> before = query("SELECT to_regclass('" + prefix + "item_label_idx')::oid::text");

        // when the script runs
        List<Integer> applied = migrator().migrate(List.of(TABLE, script(2, SchemaMigrator.NO_TRANSACTION + "\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS ${prefix}item_label_idx ON ${prefix}item (label);")));

        // then the same index stands, valid, and the version is recorded
        assertThat(applied).containsExactly(2);
        assertThat(query("SELECT to_regclass('" + prefix + "item_label_idx')::oid::text")).isEqualTo(before);
        assertThat(indexValid("item_label_idx")).isEqualTo("true");
    }

    @Test
    @DisplayName("V15 builds the follow-ups' (status, id) index valid, through the storage's own migrator")
    void followUpStatusKeyIndex() throws Exception {
        // given / when a storage migrated to the latest version
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(prefix).build();

        // then V15 is applied and its index is valid, on (status, id)
        assertThat(storage.migrator().currentVersion()).isGreaterThanOrEqualTo(15);
        assertThat(indexValid("follow_up_status_id_idx")).isEqualTo("true");
        assertThat(query("SELECT indexdef FROM pg_indexes WHERE indexname = '" + prefix + "follow_up_status_id_idx'"))
                .singleElement().asString().endsWith("(status, id)");
    }
}
