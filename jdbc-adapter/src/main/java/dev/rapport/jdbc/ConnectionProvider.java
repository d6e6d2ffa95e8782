package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the adapter gets its connections. The default, {@link #of(DataSource)}, takes a connection from a
 * {@code DataSource} and lets Rapport run its own transactions. A host with its own transaction manager implements
 * this interface so that Rapport joins the host's transaction instead; with Spring, for example:
 *
 * <pre>{@code
 * ConnectionProvider spring = new ConnectionProvider() {
 *     public Connection getConnection() { return DataSourceUtils.getConnection(dataSource); }
 *     public void releaseConnection(Connection c) { DataSourceUtils.releaseConnection(c, dataSource); }
 *     public boolean isHostTransactionActive() {
 *         return TransactionSynchronizationManager.isActualTransactionActive();
 *     }
 * };
 * }</pre>
 *
 * While {@link #isHostTransactionActive()} is true, Rapport never commits, rolls back or changes auto-commit on the
 * connection: it works under a savepoint, rolls back to it when its work fails, and leaves the commit to the host.
 * Implementations must be thread-safe.
 */
public interface ConnectionProvider {

    /**
     * A connection; while a host transaction runs on this thread, the connection of that transaction.
     *
     * @return an open connection; the host transaction's one while a host transaction runs on this thread
     * @throws SQLException if no connection can be obtained
     */
    Connection getConnection() throws SQLException;

    /**
     * Gives back a connection obtained from {@link #getConnection()}; default: closes it.
     *
     * @param connection a connection this provider handed out, given back once the work on it is done
     * @throws SQLException if the connection cannot be given back
     */
    default void releaseConnection(Connection connection) throws SQLException {
        connection.close();
    }

    /**
     * Whether a transaction managed by the host runs on this thread; default: never.
     *
     * @return {@code true} while a host-managed transaction runs on the calling thread, so Rapport joins it instead of
     *        committing itself
     */
    default boolean isHostTransactionActive() {
        return false;
    }

    /**
     * A provider taking connections from a data source, with Rapport running its own transactions.
     *
     * @param dataSource where connections come from
     * @return a provider that takes a connection from the data source and closes it when given back
     */
    static ConnectionProvider of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return dataSource::getConnection;
    }
}
