package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.testing.TestStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that core's command properties (run from core's test-jar with {@code rapport.store} set) get an empty
 * store from for every try: migrated once per JVM under its own table prefix, then emptied before each try, so that
 * a try costs its commands and one emptying, not a new database and a migration. The store handed out is the same
 * {@link JdbcStorage} every time (the adapter keeps no state between calls but SQL text, and reads time from the
 * database, not from the try's clock). Every table the migrations created is emptied, found in the catalog by its
 * prefix, except the migrations' own {@code schema_version}. The store shows no outbox (see {@link TestStore}):
 * the properties expect events directly after each commit, as on the in-memory store; the outbox on both databases
 * is proven by {@code OutboxBehaviourTest}. Not thread-safe: the properties run one try at a time.
 */
abstract class CommandPropertyStore implements TestStore {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPropertyStore.class);

    /** The prefix of the tables the properties run on. */
    static final String PREFIX = "cmd_";

    private DataSource dataSource;
    private RapportStorage storage;
    private String emptying;
    private long tries;
    private long emptyingNanos;

    /**
     * The database, started or opened on first use.
     *
     * @return the data source of the database the properties run on
     */
    abstract DataSource open();

    /**
     * The statements that empty the given tables, as one script run in one transaction.
     *
     * @param tables every table of the store, each after the tables whose foreign keys point at it
     * @return the statements, run in order on one connection
     */
    abstract List<String> emptyingStatements(List<String> tables);

    @Override
    public final synchronized RapportStorage empty(Clock clock) {
        if (storage == null) {
            dataSource = open();
            storage = withoutOutbox(JdbcStorage.builder().dataSource(dataSource).tablePrefix(PREFIX).build());
            emptying = String.join(";\n", emptyingStatements(tables()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LOG.info("{} store: {}", name(), summary())));
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : emptying.split(";\n")) {
                st.execute(statement);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the tables of the " + name() + " store", e);
        }
        emptyingNanos += System.nanoTime() - started;
        tries++;
        return storage;
    }

    private static RapportStorage withoutOutbox(RapportStorage jdbc) {
        return (RapportStorage) Proxy.newProxyInstance(RapportStorage.class.getClassLoader(),
                new Class<?>[] {RapportStorage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("outbox") && method.getParameterCount() == 0) {
                        return Optional.empty();
                    }
                    try {
                        return method.invoke(jdbc, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * How many empty stores were handed out, and the mean time emptying took.
     *
     * @return a line for the log
     */
    final synchronized String summary() {
        return tries + " empty stores, emptying took " + (tries == 0 ? 0 : emptyingNanos / tries / 1_000) + " µs each";
    }

    /** Every table of the store, each after every table whose foreign keys point at it, so deletes may go in order. */
    private List<String> tables() {
        Map<String, Set<String>> referencedBy = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.startsWith(PREFIX) && !table.equals(PREFIX + "schema_version")) {
                        referencedBy.put(table, new HashSet<>());
                    }
                }
            }
            for (String table : referencedBy.keySet()) {
                String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet rs = meta.getExportedKeys(null, null, stored)) {
                    while (rs.next()) {
                        String child = rs.getString("FKTABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!child.equals(table)) {
                            referencedBy.get(table).add(child);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the tables of the " + name() + " store", e);
        }
        if (referencedBy.size() < 20) {
            throw new IllegalStateException("expected the migrated tables of the " + name() + " store, found "
                    + referencedBy.keySet());
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < referencedBy.size()) {
            int before = ordered.size();
            for (Map.Entry<String, Set<String>> entry : referencedBy.entrySet()) {
                if (!ordered.contains(entry.getKey()) && ordered.containsAll(entry.getValue())) {
                    ordered.add(entry.getKey());
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("the foreign keys of the " + name() + " store form a cycle: "
                        + referencedBy);
            }
        }
        return ordered;
    }
}
