package dev.rapport.benchmarks.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL server (io.zonky.test) for one benchmark trial. The library starts PostgreSQL with
 * {@code -F} ({@code fsync} off) and {@code synchronous_commit=off}; this class always turns {@code fsync} back on,
 * so WAL and data files really reach the disk, and by default ({@link Durability#DURABLE}, the headline setting of
 * every PostgreSQL benchmark) also {@code synchronous_commit}, so a commit returns only once its WAL is flushed, as
 * in production. {@link Durability#NON_DURABLE}, the labelled second setting (each PostgreSQL benchmark's
 * {@code durability} parameter), leaves {@code synchronous_commit=off}: a commit returns before its WAL flush, and a
 * crash can lose the last fraction of a second of commits, never corrupt data. The system property
 * {@value #SYNCHRONOUS_COMMIT}, when set, overrides {@code synchronous_commit} for servers started without a
 * durability. {@link #settings()} reads back what the server really runs with, and every start logs it. Connections come from a {@link PooledDataSource}
 * on a URL with {@code reWriteBatchedInserts=true}, which the JDBC adapter recommends for PostgreSQL.
 *
 * <p>Thread-safe once started; {@link #close()} once, when the trial ends.
 */
public final class BenchmarkPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkPostgres.class);

    /** How a benchmark's PostgreSQL commits: the value of each PostgreSQL benchmark's {@code durability} parameter. */
    public enum Durability {
        /** {@code fsync=on}, {@code synchronous_commit=on}: every commit waits for its WAL flush (the headline). */
        DURABLE("on"),
        /** {@code fsync=on}, {@code synchronous_commit=off}: commits return before their WAL flush. */
        NON_DURABLE("off");

        private final String synchronousCommit;

        Durability(String synchronousCommit) {
            this.synchronousCommit = synchronousCommit;
        }

        /**
         * A durability by the name a JMH parameter gives it: {@code durable} or {@code non-durable}.
         *
         * @param name the parameter's value
         * @return the durability
         * @throws IllegalArgumentException for any other name
         */
        public static Durability of(String name) {
            return switch (name) {
                case "durable" -> DURABLE;
                case "non-durable" -> NON_DURABLE;
                default -> throw new IllegalArgumentException("durability must be durable or non-durable: " + name);
            };
        }
    }

    /**
     * The system property that sets {@code synchronous_commit} for servers started without a durability; unset means
     * {@code on} (durable).
     */
    public static final String SYNCHRONOUS_COMMIT = "rapport.bench.synchronousCommit";

    private final EmbeddedPostgres server;
    private final PooledDataSource pool;
    private final List<PooledDataSource> morePools = new CopyOnWriteArrayList<>();

    private BenchmarkPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.pool = newPool();
    }

    private PooledDataSource newPool() {
        return new PooledDataSource(server.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true",
                "postgres", "");
    }

    /**
     * Starts a server in a new temporary directory, durable ({@code fsync} and {@code synchronous_commit} on) unless
     * the system property {@value #SYNCHRONOUS_COMMIT} says otherwise, and logs its version and durability settings.
     *
     * @return the started server
     * @throws UncheckedIOException if it does not start
     */
    public static BenchmarkPostgres start() {
        return start(EmbeddedPostgres.builder(), System.getProperty(SYNCHRONOUS_COMMIT, "on"));
    }

    /**
     * Starts a server in a new temporary directory with the given durability, and logs its version and durability
     * settings.
     *
     * @param durability how commits reach the disk
     * @return the started server
     * @throws UncheckedIOException if it does not start
     */
    public static BenchmarkPostgres start(Durability durability) {
        return start(EmbeddedPostgres.builder(), durability.synchronousCommit);
    }

    /**
     * Starts a server on a data directory that outlives it: created (by {@code initdb}) when it holds no database
     * yet, else reused as it is, and never deleted on {@link #close()}. For data sets too large to load per trial.
     *
     * @throws UncheckedIOException if it does not start
     */
    public static BenchmarkPostgres startIn(java.nio.file.Path dataDirectory) {
        return start(EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false),
                System.getProperty(SYNCHRONOUS_COMMIT, "on"));
    }

    private static BenchmarkPostgres start(EmbeddedPostgres.Builder base, String synchronousCommit) {
        try {
            EmbeddedPostgres.Builder builder = base.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", synchronousCommit);
            BenchmarkPostgres postgres = new BenchmarkPostgres(builder.start());
            LOG.info("Embedded PostgreSQL started: {}", postgres.settings());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Pooled connections to the {@code postgres} database, with {@code reWriteBatchedInserts=true}. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Another pool of connections to the same database, with the same URL, as a second application node would have
     * its own; its idle connections are closed by {@link #close()}.
     */
    public DataSource anotherDataSource() {
        PooledDataSource another = newPool();
        morePools.add(another);
        return another;
    }

    /** The server's version and the settings that decide what a commit costs, as one line. */
    public String settings() {
        return "PostgreSQL " + show("server_version") + ", fsync=" + show("fsync") + ", synchronous_commit="
                + show("synchronous_commit") + ", full_page_writes=" + show("full_page_writes") + ", wal_sync_method="
                + show("wal_sync_method") + ", shared_buffers=" + show("shared_buffers");
    }

    private String show(String setting) {
        return queryText("SHOW " + setting);
    }

    /** Runs one or more SQL statements in auto-commit mode. */
    public void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    /** The first column of the first row of a query, as a number. */
    public long queryLong(String sql) {
        return Long.parseLong(queryText(sql));
    }

    /** The first column of the first row of a query, as text. */
    public String queryText(String sql) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    /** Closes the pooled connections and stops the server, deleting its data directory. */
    @Override
    public void close() {
        pool.closeIdle();
        morePools.forEach(PooledDataSource::closeIdle);
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
