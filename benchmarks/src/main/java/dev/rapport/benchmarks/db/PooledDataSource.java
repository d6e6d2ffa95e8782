package dev.rapport.benchmarks.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for the benchmarks, so that PostgreSQL does not start a backend per transaction and
 * every contender (Rapport, raw JDBC, db-scheduler) pays the same, small price for a connection. Connections are
 * handed out as proxies whose {@code close()} rolls back an open transaction, restores auto-commit and returns the
 * connection to the pool. No validation, no timeouts, no limit on connections in use: good enough for a benchmark,
 * not for production.
 *
 * <p>Thread-safe.
 */
public final class PooledDataSource implements DataSource {

    /** How many idle connections are kept; more are closed when returned. */
    static final int MAX_IDLE = 32;

    private final String url;
    private final String user;
    private final String password;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    /**
     * A pool over a JDBC URL.
     *
     * @param url the JDBC URL, with any driver options
     * @param user the user name
     * @param password the password, possibly empty
     */
    public PooledDataSource(String url, String user, String password) {
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
            real = DriverManager.getConnection(url, user, password);
        }
        Connection target = real;
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (!returned[0]) {
                                returned[0] = true;
                                giveBack(target);
                            }
                            return null;
                        case "isClosed":
                            return returned[0] || target.isClosed();
                        case "unwrap":
                            return target.unwrap((Class<?>) args[0]);
                        case "isWrapperFor":
                            return target.isWrapperFor((Class<?>) args[0]);
                        default:
                            if (returned[0]) {
                                throw new SQLException("connection already returned to the pool");
                            }
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    private void giveBack(Connection target) throws SQLException {
        if (target.isClosed()) {
            return;
        }
        if (!target.getAutoCommit()) {
            target.rollback();
            target.setAutoCommit(true);
        }
        if (idle.size() < MAX_IDLE) {
            idle.addFirst(target);
        } else {
            target.close();
        }
    }

    /** Closes every idle connection; connections in use are closed when they come back only if the pool is full. */
    public void closeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the server is going away anyway
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
        // no log writer
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // no timeouts
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
