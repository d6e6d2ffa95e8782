package dev.rapport.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the adapter's tests run on: H2 in memory and in files, one embedded PostgreSQL started once per
 * test JVM and shared, and the PostgreSQL server named by {@code RAPPORT_TEST_PG_URL} when that is set. Every caller
 * gets a fresh table prefix, so test classes never see each other's rows.
 */
public final class TestDatabases {

    /** The environment variable naming an external PostgreSQL server to test against as well. */
    static final String EXTERNAL_PG_URL = "RAPPORT_TEST_PG_URL";

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static DataSource postgresPool;
    private static String postgresUrl;
    private static DataSource externalPool;

    private TestDatabases() {
    }

    /** A table prefix no other test uses in this JVM. */
    static String freshPrefix() {
        return "t" + PREFIXES.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
    }

    /** A private in-memory H2 database that lives until the JVM ends. */
    static DataSource h2Memory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rapport" + PREFIXES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** An H2 database in a file under a new temporary folder. */
    static DataSource h2File() {
        try {
            Path dir = Files.createTempDirectory("rapport-h2");
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
            return ds;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared embedded PostgreSQL, started on first use, behind a small connection pool. */
    static synchronized DataSource postgres() {
        if (postgresPool == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
            postgresUrl = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            postgresPool = new Pool(postgresUrl, "postgres", "");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return postgresPool;
    }

    /**
     * A pool of its own to the shared embedded PostgreSQL, as a second application node would have; close it when
     * done.
     */
    static synchronized Pool postgresNode() {
        postgres();
        return new Pool(postgresUrl, "postgres", "");
    }

    /** A pool of its own to the shared embedded PostgreSQL, logged in as the given role; close it when done. */
    static synchronized Pool postgresAs(String role) {
        postgres();
        // the URL names the user, which overrides the one passed beside it
        return new Pool(postgresUrl.replace("user=postgres", "user=" + role), role, "");
    }

    /** A pool of its own to the external PostgreSQL server, or the test is skipped when it is not configured. */
    static Pool externalPostgresNodeOrSkip() {
        externalPostgresOrSkip();
        return new Pool(System.getenv(EXTERNAL_PG_URL), System.getenv("RAPPORT_TEST_PG_USER"),
                System.getenv("RAPPORT_TEST_PG_PASSWORD"));
    }

    /** The external PostgreSQL server, or the test is skipped (aborted) when {@value #EXTERNAL_PG_URL} is not set. */
    static DataSource externalPostgresOrSkip() {
        Optional<DataSource> external = externalPostgres();
        org.junit.jupiter.api.Assumptions.assumeTrue(external.isPresent(), EXTERNAL_PG_URL + " is not set");
        return external.get();
    }

    /** The external PostgreSQL server from {@value #EXTERNAL_PG_URL}, if the variable is set. */
    static synchronized Optional<DataSource> externalPostgres() {
        String url = System.getenv(EXTERNAL_PG_URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (externalPool == null) {
            externalPool = new Pool(url, System.getenv("RAPPORT_TEST_PG_USER"), System.getenv("RAPPORT_TEST_PG_PASSWORD"));
        }
        return Optional.of(externalPool);
    }

    /**
     * A minimal pooling data source for tests and the node processes, so that PostgreSQL does not fork a backend per
     * call. Connections are handed out as proxies whose {@code close()} rolls back what was left open and returns
     * them to the pool. Thread-safe.
     */
    public static final class Pool implements DataSource, AutoCloseable {
        private final String url;
        private final String user;
        private final String password;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

        /** A pool of connections to {@code url}; a null user connects with the URL's own credentials. */
        public Pool(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = idle.pollFirst();
            while (real != null && real.isClosed()) {
                real = idle.pollFirst();
            }
            if (real == null) {
                real = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
            }
            Connection target = real;
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!target.isClosed() && !target.getAutoCommit()) {
                                target.rollback();
                                target.setAutoCommit(true);
                            }
                            if (idle.size() < 16 && !target.isClosed()) {
                                idle.addFirst(target);
                            } else {
                                target.close();
                            }
                            return null;
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** Closes the idle connections; connections handed out and returned later are pooled again. */
        @Override
        public void close() {
            for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }

        @Override
        public Connection getConnection(String username, String pwd) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
