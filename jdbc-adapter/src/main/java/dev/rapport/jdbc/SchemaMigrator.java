package dev.rapport.jdbc;

import com.google.common.hash.Hashing;
import dev.rapport.spi.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema of one table prefix (and schema) to the latest version by running the dialect's
 * versioned scripts from {@code db/rapport/<dialect>/} in order. Applied versions are recorded with a checksum in
 * the table {@code <prefix>schema_version}; a run applies only what is missing, so running it again changes
 * nothing, and a script that was changed after it was applied is refused. Several nodes may run it at the same
 * moment: a lock (an advisory lock on PostgreSQL, a lock row on H2) lets one migrate while the others wait and then
 * find nothing left to do. The scripts also run unchanged under Flyway or Liquibase, with the placeholder
 * {@value #PREFIX_PLACEHOLDER} set to the prefix; then switch this migrator off with
 * {@code JdbcStorage.builder().migrate(false)}.
 *
 * <p>Each script runs in one transaction, and its version is recorded in the same transaction, unless the script
 * has the line {@value #NO_TRANSACTION} (it must then hold nothing but statements that may not run in a
 * transaction, such as PostgreSQL's {@code CREATE INDEX CONCURRENTLY}, which builds an index without blocking writes
 * to its table): its statements then run one by one, each committed on its own, and the version is recorded after
 * the last. Such a script must be safe to run again after it failed part way: an index is built with
 * {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS}, and before each such statement the migrator drops an index of that
 * name that a failed or crashed concurrent build left invalid ({@link Dialect#dropInvalidIndex}), so the statement
 * builds it again, while a valid one (built beforehand by an operator) is kept; see jdbc-adapter/README.md, "Index
 * migrations".
 *
 * <p>Thread-safe; each call takes its own connections.
 */
public final class SchemaMigrator {

    /** The placeholder for the table prefix in the migration scripts. */
    public static final String PREFIX_PLACEHOLDER = "${prefix}";

    /** The line that makes a script run outside a transaction, statement by statement. */
    public static final String NO_TRANSACTION = "-- rapport:no-transaction";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** A statement that builds an index concurrently if it does not exist yet; group 1 is the index's name. */
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+IF\\s+NOT\\s+EXISTS\\s+([\\w.]+)\\s+ON\\s.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ConnectionProvider provider;
    private final Dialect dialect;
    private final Optional<String> schema;
    private final String prefix;

    SchemaMigrator(ConnectionProvider provider, Dialect dialect, Optional<String> schema, String prefix) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** One migration script of the dialect. */
    record Script(int version, String description, String fileName, String text) {

        String checksum() {
            return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
        }

        /** Whether the script has the line {@value SchemaMigrator#NO_TRANSACTION}. */
        boolean outsideTransaction() {
            return text.lines().anyMatch(line -> line.strip().equals(NO_TRANSACTION));
        }
    }

    /** The classpath folder of a dialect's scripts. */
    static String location(Dialect dialect) {
        return "db/rapport/" + dialect.name() + "/";
    }

    /** The dialect's scripts, in version order, unchanged (the placeholder not yet replaced). */
    static List<Script> scripts(Dialect dialect) {
        String index = resource(location(dialect) + "migrations.txt");
        List<Script> scripts = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = SCRIPT.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("migration script " + name + " is not named V<version>__<description>.sql");
            }
            scripts.add(new Script(Integer.parseInt(m.group(1)), m.group(2), name, resource(location(dialect) + name)));
        }
        // versions rise without repeats; a gap is allowed (versions are handed out to changes made side by side,
        // and a database migrated past a gap is not one that can later need the missing number)
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() <= (i == 0 ? 0 : scripts.get(i - 1).version())) {
                throw new IllegalStateException("migration versions of " + dialect.name()
                        + " must rise from 1 without repeats, in the order of migrations.txt");
            }
        }
        return scripts;
    }

    private static String resource(String path) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    private String qualified(String table) {
        return schema.map(s -> s + ".").orElse("") + prefix + table;
    }

    /**
     * Applies every missing version.
     *
     * @return the versions this call applied, in order; empty if the schema was up to date
     * @throws StorageException if the database fails, or an applied script no longer matches its checksum
     */
    public List<Integer> migrate() {
        return migrate(scripts(dialect));
    }

    /** Applies every missing version of the given scripts (the dialect's, or a test's). */
    List<Integer> migrate(List<Script> scripts) {
        try {
            Connection connection = provider.getConnection();
            try {
                connection.setAutoCommit(true);
                createSchema(connection);
                try (Dialect.Held lock = dialect.lockForMigration(connection, provider, qualified("schema_lock"),
                        schema.orElse("") + "." + prefix)) {
                    return migrateLocked(connection, scripts);
                }
            } finally {
                provider.releaseConnection(connection);
            }
        } catch (SQLException e) {
            throw Db.storageFailure("the schema migration failed", e);
        }
    }

    /**
     * The highest applied version, 0 if none.
     *
     * @return the highest migration version recorded as applied in the schema; 0 for a schema never migrated
     */
    public int currentVersion() {
        try {
            Connection connection = provider.getConnection();
            try {
                return applied(connection).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            } finally {
                provider.releaseConnection(connection);
            }
        } catch (SQLException e) {
            throw Db.storageFailure("the schema version could not be read", e);
        }
    }

    /**
     * The latest version the scripts on the classpath define: the highest, since a version may be left free.
     *
     * @return the highest version among the dialect's scripts; 0 if there are none
     */
    public int latestVersion() {
        List<Script> scripts = scripts(dialect);
        return scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
    }

    private void createSchema(Connection connection) throws SQLException {
        if (schema.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Statement st = connection.createStatement()) {
                st.execute(dialect.createSchema(schema.get()));
                return;
            } catch (SQLException e) {
                // a node creating the same schema at the same moment; its schema will do
                if (attempt >= 3) {
                    throw e;
                }
                sleep(50L * attempt);
            }
        }
    }

    private List<Integer> migrateLocked(Connection connection, List<Script> scripts) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + qualified("schema_version") + " ("
                    + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "checksum VARCHAR(64) NOT NULL, installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        Map<Integer, String> applied = applied(connection);
        List<Integer> done = new ArrayList<>();
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null) {
                if (!checksum.equals(script.checksum())) {
                    throw new StorageException("migration " + script.fileName() + " of " + dialect.name()
                            + " was changed after it was applied to prefix " + prefix + "; restore it and add a new version");
                }
                continue;
            }
            apply(connection, script);
            done.add(script.version());
        }
        return done;
    }

    private void apply(Connection connection, Script script) throws SQLException {
        LOG.info("Applying Rapport schema migration {} ({}) for prefix {}", script.version(), dialect.name(), prefix);
        if (script.outsideTransaction()) {
            applyOutsideTransaction(connection, script);
            return;
        }
        connection.setAutoCommit(false);
        try {
            runAndRecord(connection, script);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Runs each statement in auto-commit mode, then records the version: for statements no transaction may hold. */
    private void applyOutsideTransaction(Connection connection, Script script) throws SQLException {
        runAndRecord(connection, script);
    }

    /** Runs the script's statements, then records its version, in whatever transaction mode the connection is in. */
    private void runAndRecord(Connection connection, Script script) throws SQLException {
        Dialect.Held search = schema.isPresent() ? dialect.useSchema(connection, schema.get()) : null;
        try (Statement st = connection.createStatement()) {
            for (String sql : statements(script.text().replace(PREFIX_PLACEHOLDER, prefix))) {
                Matcher index = CONCURRENT_INDEX.matcher(sql);
                if (connection.getAutoCommit() && index.matches()
                        && dialect.dropInvalidIndex(connection, index.group(1))) {
                    LOG.warn("Dropped the invalid index {} that an earlier concurrent build left, to build it again",
                            index.group(1));
                }
                st.execute(sql);
            }
        } finally {
            if (search != null) {
                search.close();
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + qualified("schema_version")
                + " (version, description, checksum, installed_at) VALUES (?, ?, ?, " + dialect.now() + ")")) {
            ps.setInt(1, script.version());
            ps.setString(2, script.description());
            ps.setString(3, script.checksum());
            ps.executeUpdate();
        }
    }

    private Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + qualified("schema_version"))) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                throw e;
            }
            // no version table yet: nothing applied
            if (tableMissing(connection)) {
                return applied;
            }
            throw e;
        }
        return applied;
    }

    private boolean tableMissing(Connection connection) throws SQLException {
        String table = prefix + "schema_version";
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            String schemaName = schema.map(s -> name.equals(table) ? s : s.toUpperCase(java.util.Locale.ROOT))
                    .orElse(null);
            try (ResultSet rs = connection.getMetaData().getTables(null, schemaName, name, null)) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Splits a script into statements at semicolons outside quotes and comments; drops the comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (c == '\'' || c == '"') {
                int end = script.indexOf(c, i + 1);
                if (end < 0) {
                    end = n - 1;
                }
                current.append(script, i, end + 1);
                i = end;
            } else if (c == ';') {
                add(out, current);
            } else {
                current.append(c);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            out.add(sql);
        }
        current.setLength(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
