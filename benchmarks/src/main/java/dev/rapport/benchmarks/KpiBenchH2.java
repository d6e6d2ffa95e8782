package dev.rapport.benchmarks;

import dev.rapport.jdbc.JdbcStorage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One {@link KpiBenchData} data set in an in-memory H2 database (the embedded default), created, migrated by
 * {@link JdbcStorage} and loaded on {@link #open}, and dropped on {@link #close}. Each instance has a database of its
 * own. Not thread-safe.
 */
public final class KpiBenchH2 implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final JdbcDataSource dataSource;
    private final Connection keepAlive;
    private final JdbcStorage storage;

    private KpiBenchH2(JdbcDataSource dataSource, Connection keepAlive, JdbcStorage storage) {
        this.dataSource = dataSource;
        this.keepAlive = keepAlive;
        this.storage = storage;
    }

    /** Creates an in-memory H2 database, migrates Rapport's schema and loads the data set. */
    public static KpiBenchH2 open(KpiBenchData.Size size) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:kpibench" + DATABASES.incrementAndGet());
        try {
            Connection keepAlive = dataSource.getConnection();
            JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(KpiBenchDatabase.PREFIX)
                    .build();
            KpiBenchData.loadH2(dataSource, KpiBenchDatabase.PREFIX, size);
            return new KpiBenchH2(dataSource, keepAlive, storage);
        } catch (SQLException e) {
            throw new IllegalStateException("opening H2 failed", e);
        }
    }

    /** The database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Rapport's storage over the data set. */
    public JdbcStorage storage() {
        return storage;
    }

    /** Drops the database. */
    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing H2 failed", e);
        }
    }
}
