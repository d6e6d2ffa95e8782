package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.rapport.spi.kpi.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * H2 2.x, embedded or as a server. Claims are optimistic; migrations are serialised by a row lock held on a second
 * connection, because H2 commits the running transaction on every DDL statement. Stateless and thread-safe.
 */
final class H2Dialect implements Dialect {

    private static final Instant MIN = Instant.parse("-999999-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("+999999-12-31T00:00:00Z");

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean matches(DatabaseMetaData metaData) throws SQLException {
        return "H2".equalsIgnoreCase(metaData.getDatabaseProductName());
    }

    @Override
    public Optional<String> unsupportedVersion(DatabaseMetaData metaData) throws SQLException {
        int major = metaData.getDatabaseMajorVersion();
        return major >= 2 ? Optional.empty() : Optional.of("H2 " + major + ".x is not supported; Rapport needs 2.x");
    }

    /** H2 computes a joined derived table again for each row of the outer side. */
    @Override
    public boolean joinsDerivedTablesOnce() {
        return false;
    }

    /** An empty {@code USE INDEX} list: H2 then reads the table through its primary index, in storage order. */
    @Override
    public String wholeTableScan() {
        return " USE INDEX ()";
    }

    @Override
    public String now() {
        return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    public String nowPlusMicros() {
        return "DATEADD(MICROSECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP(6))";
    }

    @Override
    public String microsBetween(String start, String end) {
        return "DATEDIFF(MICROSECOND, " + start + ", " + end + ")";
    }

    @Override
    public String plusMicros(String timestamp) {
        return "DATEADD(MICROSECOND, CAST(? AS BIGINT), " + timestamp + ")";
    }

    /**
     * H2 runs on the JVM's own time-zone rules: {@code FORMATDATETIME} with the zone id gives the local date (a cast
     * of a {@code TIMESTAMP WITH TIME ZONE} would convert to the session's zone instead), then {@code DATE_TRUNC}
     * with {@code ISO_WEEK} or {@code MONTH}.
     */
    @Override
    public String localPeriodStart(String timestamp, Granularity granularity, ZoneId zone) {
        String day = "CAST(FORMATDATETIME(" + timestamp + ", 'yyyy-MM-dd', 'en', '" + Zones.checkedId(zone)
                + "') AS DATE)";
        return switch (granularity) {
            case DAY -> day;
            case WEEK -> "DATE_TRUNC('ISO_WEEK', " + day + ")";
            case MONTH -> "DATE_TRUNC('MONTH', " + day + ")";
        };
    }

    @Override
    public Optional<String> forUpdateSkipLocked() {
        return Optional.empty();
    }

    @Override
    public Optional<String> insertSkippingDuplicates(String insert) {
        return Optional.empty();
    }

    @Override
    public long allocateAggregateSequence(Connection connection, String counterTable, String aggregateId, int count)
            throws SQLException {
        return incrementCounter(connection, counterTable, "aggregate_id", "last_seq", aggregateId, count);
    }

    /**
     * One statement: a merge that inserts the key's row or raises it, keeping the row locked, and returns the counter
     * (a data change delta table); if another transaction inserted the row first, the merge again (which then waits
     * for that transaction).
     */
    @Override
    public long incrementCounter(Connection connection, String counterTable, String keyColumn, String counterColumn,
            Object key, long count) throws SQLException {
        String sql = "SELECT " + counterColumn + " FROM FINAL TABLE (MERGE INTO " + counterTable + " t USING (VALUES"
                + " (?, CAST(? AS BIGINT))) AS s (k, n) ON t." + keyColumn + " = s.k WHEN MATCHED THEN UPDATE SET "
                + counterColumn + " = t." + counterColumn + " + s.n WHEN NOT MATCHED THEN INSERT (" + keyColumn + ", "
                + counterColumn + ") VALUES (s.k, s.n))";
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement merge = connection.prepareStatement(sql)) {
                merge.setObject(1, key);
                merge.setLong(2, count);
                try (ResultSet rs = merge.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                // another transaction created the counter first; H2 keeps this transaction usable, so count on it
                if (!isUniqueViolation(e) || attempt > 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Held lockForMigration(Connection connection, ConnectionProvider provider, String lockTable,
            String lockName) throws SQLException {
        Connection locker = provider.getConnection();
        boolean done = false;
        try {
            locker.setAutoCommit(true);
            try (Statement st = locker.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + lockTable + " (id INT NOT NULL PRIMARY KEY)");
                st.execute("MERGE INTO " + lockTable + " KEY (id) VALUES (1)");
            }
            locker.setAutoCommit(false);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (true) {
                try (Statement st = locker.createStatement()) {
                    st.executeQuery("SELECT id FROM " + lockTable + " WHERE id = 1 FOR UPDATE").close();
                    break;
                } catch (SQLException e) {
                    locker.rollback();
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
            done = true;
            return () -> {
                try {
                    locker.rollback();
                    locker.setAutoCommit(true);
                } finally {
                    provider.releaseConnection(locker);
                }
            };
        } finally {
            if (!done) {
                provider.releaseConnection(locker);
            }
        }
    }

    @Override
    public Held useSchema(Connection connection, String schema) throws SQLException {
        String previous = connection.getSchema();
        try (Statement st = connection.createStatement()) {
            st.execute("SET SCHEMA " + schema);
        }
        return () -> {
            try (Statement st = connection.createStatement()) {
                st.execute("SET SCHEMA \"" + previous.replace("\"", "\"\"") + "\"");
            }
        };
    }

    @Override
    public String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + schema;
    }

    @Override
    public Instant minInstant() {
        return MIN;
    }

    @Override
    public Instant maxInstant() {
        return MAX;
    }

    @Override
    public String toString() {
        return name();
    }
}
