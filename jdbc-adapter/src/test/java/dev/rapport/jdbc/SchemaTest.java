package dev.rapport.jdbc;

import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.customer.Customer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
            assertThat(rs.getInt(1)).as("each version recorded once").isEqualTo(latest);
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

    /** Brings a fresh prefix to the given version with the shipped scripts, recording them as the migrator does. */
    private Dialect migrateTo(String prefix, int version) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            Dialect dialect = Dialect.detect(c.getMetaData()).orElseThrow();
            st.execute("CREATE TABLE " + prefix + "schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                    + " installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (SchemaMigrator.Script script : SchemaMigrator.scripts(dialect).subList(0, version)) {
                for (String sql : SchemaMigrator.statements(
                        script.text().replace(SchemaMigrator.PREFIX_PLACEHOLDER, prefix))) {
                    st.execute(sql);
                }
                st.executeUpdate("INSERT INTO " + prefix + "schema_version VALUES (" + script.version() + ", '"
                        + script.description() + "', '" + script.checksum() + "', CURRENT_TIMESTAMP)");
            }
            return dialect;
        }
    }

    /** Stores an agent with version 3's columns only, as Rapport did before the change feed. */
    private void insertAgentBeforeTheFeed(String prefix, AgentId id) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + prefix + "agent (id, name, skills, languages, capacity, presence,"
                    + " work_load, last_assigned_at, team, created_at, updated_at, version) VALUES ('" + id
                    + "', 'Ann', '{}', '[]', '{\"chat\":2}', 'AVAILABLE', '{}', '{}', NULL, CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, 1)");
        }
    }

    @Test
    @DisplayName("agents stored before version 4 are in the change feed after the upgrade, and move on when updated")
    void upgradeToVersionFourFeedsExistingAgents() throws Exception {
        // given
        String prefix = TestDatabases.freshPrefix();
        migrateTo(prefix, 3);
        AgentId existing = AgentId.random();
        insertAgentBeforeTheFeed(prefix, existing);

        // when
        JdbcStorage storage = builder(prefix).build();

        // then
        assertThat(storage.migrator().currentVersion()).isEqualTo(storage.migrator().latestVersion());
        List<AgentChange> feed = storage.agents().changedSince(Instant.EPOCH, Optional.empty(), 10);
        assertThat(feed).extracting(change -> change.agent().id()).containsExactly(existing);
        Instant upgraded = feed.get(0).writtenAt();
        assertThat(upgraded).isBeforeOrEqualTo(storage.agents().storeTime());
        Instant beforeUpdate = storage.agents().storeTime();
        Agent updated = storage.agents().update(feed.get(0).agent().toBuilder().presence(Presence.AWAY).build());
        assertThat(storage.agents().changedSince(beforeUpdate, Optional.empty(), 10))
                .extracting(AgentChange::agent).containsExactly(updated);
    }

    @Test
    @DisplayName("version 4 finds the feed's column and index prepared beforehand and adds neither again")
    void versionFourFindsAPreparedColumnAndIndex() throws Exception {
        // given
        String prefix = TestDatabases.freshPrefix();
        Dialect dialect = migrateTo(prefix, 3);
        AgentId existing = AgentId.random();
        insertAgentBeforeTheFeed(prefix, existing);
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            boolean postgres = dialect == Dialect.POSTGRESQL;
            st.execute("ALTER TABLE " + prefix + "agent ADD COLUMN IF NOT EXISTS written_at "
                    + (postgres ? "TIMESTAMPTZ NOT NULL DEFAULT now()"
                            : "TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP(6) NOT NULL"));
            st.execute("CREATE INDEX " + (postgres ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + prefix
                    + "agent_written_idx ON " + prefix + "agent (written_at, id)");
        }
        TreeSet<String> prepared = columns(null, prefix);

        // when
        JdbcStorage storage = builder(prefix).build();

        // then
        assertThat(storage.migrator().currentVersion()).isEqualTo(storage.migrator().latestVersion());
        assertThat(storage.agents().changedSince(Instant.EPOCH, Optional.empty(), 10))
                .extracting(change -> change.agent().id()).containsExactly(existing);
        String reference = TestDatabases.freshPrefix();
        builder(reference).build();
        assertThat(strip(columns(null, prefix), prefix)).as("the same schema as a fresh one")
                .isEqualTo(strip(columns(null, reference), reference))
                .containsAll(strip(prepared, prefix));
    }

    /** Stores a customer with one email identity in version 4's form: the address lower-cased only. */
    private void insertCustomerBeforeNormalForm(String prefix, CustomerId id, String created, String email,
            String locale) throws SQLException {
        try (Connection c = dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "customer (id, name,"
                     + " preferred_channel, locale, time_zone, birthday, segment, consents, status, acquisition_cost,"
                     + " acquisition_currency, attributes, created_at, updated_at, version) VALUES (?, 'Ann', NULL,"
                     + " ?, 'UTC', NULL, NULL, '{}', 'ACTIVE', NULL, NULL, '{}', TIMESTAMP WITH TIME ZONE '" + created
                     + "', TIMESTAMP WITH TIME ZONE '" + created + "', 1)");
             java.sql.PreparedStatement identity = c.prepareStatement("INSERT INTO " + prefix + "customer_identity"
                     + " (customer_id, ordinal, channel, address, normalized, is_primary, verified)"
                     + " VALUES (?, 0, ?, ?, ?, TRUE, FALSE)")) {
            ps.setObject(1, id.value());
            ps.setString(2, locale);
            ps.executeUpdate();
            boolean phone = !email.contains("@");
            identity.setObject(1, id.value());
            identity.setString(2, phone ? "phone" : "email");
            identity.setString(3, email);
            identity.setString(4, phone ? email.replace(" ", "") : email.toLowerCase(Locale.ROOT));
            identity.executeUpdate();
        }
    }

    @Test
    @DisplayName("identities stored before version 5 get the new normal form on upgrade; a clash keeps the old one")
    void upgradeToVersionFiveRenormalisesIdentities() throws Exception {
        // given an NFD email, a German national number, and a later customer whose address is the first's in NFC
        String prefix = TestDatabases.freshPrefix();
        migrateTo(prefix, 4);
        CustomerId nfd = CustomerId.random();
        CustomerId german = CustomerId.random();
        CustomerId nfc = CustomerId.random();
        insertCustomerBeforeNormalForm(prefix, nfd, "2024-01-01 00:00:00+00", "JOSE\u0301@Example.com", "en");
        insertCustomerBeforeNormalForm(prefix, german, "2024-01-02 00:00:00+00", "030 1234567", "de-DE");
        insertCustomerBeforeNormalForm(prefix, nfc, "2024-01-03 00:00:00+00", "jos\u00e9@example.com", "en");

        // when
        JdbcStorage storage = builder(prefix).build();

        // then the phone is E.164; the NFD address clashes with the one already in the new form, which keeps it
        assertThat(storage.migrator().currentVersion()).isEqualTo(storage.migrator().latestVersion());
        assertThat(storage.customers().findByIdentity(Channel.EMAIL, "JOSE\u0301@EXAMPLE.COM"))
                .map(Customer::id).contains(nfc);
        assertThat(storage.customers().get(nfd).identities()).extracting(ContactIdentity::value)
                .containsExactly("JOSE\u0301@Example.com");
        assertThat(storage.customers().findByIdentity(Channel.PHONE, "+49 30 1234567"))
                .map(Customer::id).contains(german);
        assertThat(storage.renormalizeIdentities()).as("nothing left to do").isZero();
        assertThat(storage.customers().get(nfc).identities()).extracting(ContactIdentity::value)
                .containsExactly("jos\u00e9@example.com");
    }
}
