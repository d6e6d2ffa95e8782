package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.Customer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Migrations, prefixes and schemas on one database. Subclassed per database. */
abstract class SchemaTest {

    abstract DataSource dataSource();

    /** Touches the database first, on the test's own thread, so a missing one skips the test. */
    @org.junit.jupiter.api.BeforeEach
    void databaseIsThere() {
        dataSource();
    }

    private JdbcStorage.Builder builder(String prefix) {
        return JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix);
    }

    /** Every column of every table whose name starts with the prefix, with its type, as text. */
    private TreeSet<String> columns(String schemaPattern, String prefix) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (Connection c = dataSource().getConnection()) {
            for (String p : List.of(prefix, prefix.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getColumns(null, schemaPattern, p.replace("_", "\\_") + "%", null)) {
                    while (rs.next()) {
                        out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT) + "."
                                + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " " + rs.getString("TYPE_NAME"));
                    }
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("a migration applied twice changes nothing the second time")
    void twice() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage storage = builder(prefix).build();
        storage.customers().insert(Samples.customer("Ann"));
        TreeSet<String> before = columns(null, prefix);

        List<Integer> applied = storage.migrator().migrate();

        assertThat(applied).isEmpty();
        assertThat(columns(null, prefix)).isEqualTo(before).isNotEmpty();
        assertThat(storage.migrator().currentVersion()).isEqualTo(storage.migrator().latestVersion());
        assertThat(storage.customers().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("two nodes migrating at the same moment end with one correct schema")
    void concurrentNodes() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<JdbcStorage>> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                nodes.add(pool.submit(() -> {
                    start.await();
                    return builder(prefix).build();
                }));
            }
            JdbcStorage a = nodes.get(0).get();
            JdbcStorage b = nodes.get(1).get();

            Customer ann = a.customers().insert(Samples.customer("Ann"));
            assertThat(b.customers().findById(ann.id())).contains(ann);
            assertThat(a.migrator().currentVersion()).isEqualTo(a.migrator().latestVersion());
        } finally {
            pool.shutdownNow();
        }
        String reference = TestDatabases.freshPrefix();
        int latest = builder(reference).build().migrator().latestVersion();
        assertThat(strip(columns(null, prefix), prefix)).isEqualTo(strip(columns(null, reference), reference));
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + prefix + "schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(latest);
        }
    }

    private static TreeSet<String> strip(TreeSet<String> columns, String prefix) {
        TreeSet<String> out = new TreeSet<>();
        columns.forEach(c -> out.add(c.substring(prefix.length())));
        return out;
    }

    @Test
    @DisplayName("two prefixes on one database never see each other's rows")
    void prefixesIsolate() {
        JdbcStorage tenantA = builder(TestDatabases.freshPrefix()).build();
        JdbcStorage tenantB = builder(TestDatabases.freshPrefix()).build();
        Customer ann = tenantA.customers().insert(Samples.customer("Ann"));
        Customer sameAddress = Samples.customer("Ann elsewhere").toBuilder().identities(ann.identities()).build();

        Customer inB = tenantB.customers().insert(sameAddress);

        assertThat(tenantB.customers().findById(ann.id())).isEmpty();
        assertThat(tenantA.customers().findById(inB.id())).isEmpty();
        assertThat(tenantA.customers().list(PageRequest.first()).items()).containsExactly(ann);
        assertThat(tenantB.customers().findByIdentity(Channel.EMAIL, ann.identities().get(0).value())).contains(inB);
    }

    @Test
    @DisplayName("tables can live in a schema of their own, created when missing")
    void ownSchema() {
        String schema = "s" + TestDatabases.freshPrefix().replace("_", "");
        JdbcStorage inSchema = builder("rapport_").schema(schema).build();
        JdbcStorage plain = builder(TestDatabases.freshPrefix()).build();

        Customer ann = inSchema.customers().insert(Samples.customer("Ann"));

        assertThat(inSchema.customers().findById(ann.id())).contains(ann);
        assertThat(plain.customers().findById(ann.id())).isEmpty();
        assertThat(inSchema.migrator().migrate()).isEmpty();
    }

    @Test
    @DisplayName("a script changed after it was applied is refused")
    void changedScript() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage storage = builder(prefix).build();
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + prefix + "schema_version SET checksum = 'tampered' WHERE version = 1");
        }

        assertThatThrownBy(() -> storage.migrator().migrate())
                .isInstanceOf(StorageException.class).hasMessageContaining("V1__init.sql");
    }
}
