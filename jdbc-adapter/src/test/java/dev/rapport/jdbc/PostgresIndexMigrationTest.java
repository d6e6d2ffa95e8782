package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An index migration on PostgreSQL")
class PostgresIndexMigrationTest {

    private static final String PREFIX = "idxmig_";

    private final DataSource dataSource = TestDatabases.postgres();

    private SchemaMigrator migrator() {
        return new SchemaMigrator(ConnectionProvider.of(dataSource), Dialect.POSTGRESQL, Optional.empty(), PREFIX);
    }

    private static SchemaMigrator.Script script(int version, String text) {
        return new SchemaMigrator.Script(version, "test_" + version, "V" + version + "__test_" + version + ".sql", text);
    }

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

    @Test
    @DisplayName("marked to run outside a transaction builds its index concurrently, while the table takes writes,"
            + " and records its version once")
    void concurrentIndexDoesNotBlockWrites() throws Exception {
        // given a table with rows, a transaction holding it open, and scripts whose second builds an index
        // concurrently
        execute("DROP TABLE IF EXISTS " + PREFIX + "schema_version, " + PREFIX + "item");
        List<SchemaMigrator.Script> scripts = List.of(
                script(1, "CREATE TABLE ${prefix}item (id BIGINT PRIMARY KEY, label TEXT NOT NULL);"
                        + " INSERT INTO ${prefix}item SELECT g, 'item ' || g FROM generate_series(1, 20000) g;"),
                script(2, SchemaMigrator.NO_TRANSACTION + "\n"
                        + "DROP INDEX CONCURRENTLY IF EXISTS ${prefix}item_label_idx;\n"
                        + "CREATE INDEX CONCURRENTLY ${prefix}item_label_idx ON ${prefix}item (label);\n"));
        migrator().migrate(scripts.subList(0, 1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection open = dataSource.getConnection(); Statement st = open.createStatement()) {
            open.setAutoCommit(false);
            st.executeUpdate("INSERT INTO " + PREFIX + "item VALUES (20001, 'written before the migration')");

            // when the migration runs while that transaction is still open, and another writer writes meanwhile
            Future<List<Integer>> migrating = pool.submit(() -> migrator().migrate(scripts));
            Thread.sleep(500);
            try (Connection writer = dataSource.getConnection(); Statement w = writer.createStatement()) {
                // a plain CREATE INDEX would queue its lock behind the open transaction and this write behind it
                w.execute("SET statement_timeout = '20s'");
                w.executeUpdate("INSERT INTO " + PREFIX + "item VALUES (20002, 'written during the migration')");
                w.execute("RESET statement_timeout");
            }
            open.commit();
            List<Integer> applied = migrating.get(60, TimeUnit.SECONDS);

            // then the write went through, the index is valid and version 2 is recorded once
            assertThat(applied).containsExactly(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(query("SELECT COUNT(*)::text FROM " + PREFIX + "item")).containsExactly("20002");
        assertThat(query("SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = '" + PREFIX + "item_label_idx'")).containsExactly("true");
        assertThat(query("SELECT version::text FROM " + PREFIX + "schema_version ORDER BY version"))
                .containsExactly("1", "2");
        assertThat(migrator().migrate(scripts)).isEmpty();
    }

    @Test
    @DisplayName("without the mark runs in one transaction, so a statement that fails takes the whole script back")
    void unmarkedScriptIsOneTransaction() throws Exception {
        // given a script whose second statement fails
        execute("DROP TABLE IF EXISTS " + PREFIX + "schema_version, " + PREFIX + "item, " + PREFIX + "other");
        List<SchemaMigrator.Script> scripts = List.of(
                script(1, "CREATE TABLE ${prefix}other (id BIGINT PRIMARY KEY); CREATE INDEX ${prefix}x ON nowhere (id);"));

        // when it is applied
        Throwable failure = null;
        try {
            migrator().migrate(scripts);
        } catch (RuntimeException e) {
            failure = e;
        }

        // then it failed and left nothing behind
        assertThat(failure).isNotNull();
        assertThat(query("SELECT to_regclass('" + PREFIX + "other')::text")).containsExactly((String) null);
    }
}
