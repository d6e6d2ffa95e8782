package dev.rapport.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Core's command properties on the embedded PostgreSQL ({@code rapport.store=postgres}): one server per JVM, started
 * durable ({@code fsync} and {@code synchronous_commit} on, which the library turns off by default, as production
 * runs), and emptied before each try by one {@code DELETE} per table in one transaction (cheaper than
 * {@code TRUNCATE}, which replaces every table's and index's files, for tables holding a few rows).
 */
public final class PostgresCommandPropertyStore extends CommandPropertyStore {

    /** The name {@code rapport.store} chooses this store by. */
    public static final String NAME = "postgres";

    private EmbeddedPostgres server;

    /** Found by {@link java.util.ServiceLoader}; the server starts on first use. */
    public PostgresCommandPropertyStore() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    DataSource open() {
        try {
            server = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is ending anyway
            }
        }));
        DataSource pool = new TestDatabases.Pool(server.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true",
                "postgres", "");
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    if (!rs.getString(1).equals("on")) {
                        throw new IllegalStateException("the command properties need a durable PostgreSQL, but "
                                + setting + " is " + rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the PostgreSQL settings", e);
        }
        return pool;
    }

    @Override
    List<String> emptyingStatements(List<String> tables) {
        return tables.stream().map(table -> "DELETE FROM " + table).toList();
    }
}
