package dev.rapport.spring;

import dev.rapport.jdbc.ConnectionProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JDBC adapter's {@link ConnectionProvider} over a Spring-managed {@link DataSource}: inside a Spring transaction
 * on that data source ({@code @Transactional}, {@code TransactionTemplate}) Rapport gets the transaction's
 * connection and works under a savepoint, so its writes commit or roll back with the host's; outside one, it gets a
 * connection of its own and runs its own transactions (the background workers always do).
 *
 * <p>A Spring transaction joins only when it holds a connection of this data source with auto-commit off, as
 * {@code DataSourceTransactionManager} and {@code JpaTransactionManager} do. A transaction of another resource (a
 * second data source, a JMS session) leaves Rapport to run its own transaction, committed on its own. Thread-safe.
 */
public final class SpringConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    /**
     * A provider over the given data source, which must be the one the host's transaction manager manages.
     *
     * @param dataSource the application's data source
     */
    public SpringConnectionProvider(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The data source connections come from.
     *
     * @return the data source given to the constructor
     */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void releaseConnection(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    @Override
    public boolean isHostTransactionActive() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        // the connection a transaction manager bound for this data source has auto-commit off; a connection that
        // DataSourceUtils bound only for synchronisation (a transaction of another resource) keeps it on
        Object resource = TransactionSynchronizationManager.getResource(dataSource);
        if (!(resource instanceof ConnectionHolder holder)) {
            return false;
        }
        try {
            return !holder.getConnection().getAutoCommit();
        } catch (SQLException | IllegalStateException e) {
            return false; // no connection held, or one that cannot say: not a transaction Rapport can join
        }
    }
}
