package dev.rapport.examples;

import dev.rapport.jdbc.JdbcStorage;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where the examples keep their data: an in-process H2 database by default, or any database named by a JDBC URL.
 *
 * <p>Set the system property {@code rapport.jdbc.url} (or the environment variable {@code RAPPORT_JDBC_URL}) to a
 * PostgreSQL URL, with {@code rapport.jdbc.user} / {@code RAPPORT_JDBC_USER} and {@code rapport.jdbc.password} /
 * {@code RAPPORT_JDBC_PASSWORD}, to run an example against PostgreSQL instead, for example
 * {@code -Drapport.jdbc.url=jdbc:postgresql://localhost:5432/rapport}.
 */
public final class ExampleDatabase {

    private ExampleDatabase() {
    }

    /**
     * Opens the example's storage: schema migrated, ready to use.
     *
     * @param name the example's name; gives each example its own in-memory H2 database
     * @return the storage
     */
    public static JdbcStorage open(String name) {
        String url = setting("rapport.jdbc.url", "RAPPORT_JDBC_URL")
                .orElse("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        String user = setting("rapport.jdbc.user", "RAPPORT_JDBC_USER").orElse("");
        String password = setting("rapport.jdbc.password", "RAPPORT_JDBC_PASSWORD").orElse("");
        return JdbcStorage.builder().dataSource(new DriverManagerDataSource(url, user, password)).build();
    }

    /** The JDBC URL the examples would use, for printing; the password is never part of it. */
    public static String describe(String name) {
        return setting("rapport.jdbc.url", "RAPPORT_JDBC_URL").orElse("jdbc:h2:mem:" + name + " (in-process H2)");
    }

    private static Optional<String> setting(String property, String environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A plain DataSource over DriverManager; enough for the examples. Use a connection pool in production. */
    private record DriverManagerDataSource(String url, String user, String password) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return DriverManager.getConnection(url, username, pass);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // not used
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no java.util.logging here");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }

        @Override
        public String toString() {
            return "DriverManagerDataSource[" + url + "]";
        }
    }
}
