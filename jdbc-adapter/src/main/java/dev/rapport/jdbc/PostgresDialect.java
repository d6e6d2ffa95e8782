package dev.rapport.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.rapport.spi.kpi.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import com.google.common.hash.Hashing;

/** PostgreSQL 14 or later. Stateless and thread-safe. */
final class PostgresDialect implements Dialect {

    private static final Instant MIN = Instant.parse("-4712-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("+294276-12-30T00:00:00Z");

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean matches(DatabaseMetaData metaData) throws SQLException {
        return metaData.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgresql");
    }

    @Override
    public Optional<String> unsupportedVersion(DatabaseMetaData metaData) throws SQLException {
        int major = metaData.getDatabaseMajorVersion();
        return major >= 14 ? Optional.empty()
                : Optional.of("PostgreSQL " + major + " is not supported; Rapport needs 14 or later");
    }

    @Override
    public String now() {
        return "now()";
    }

    /** {@code clock_timestamp()}: unlike {@code now()}, it moves on within a transaction. */
    @Override
    public String clockNow() {
        return "clock_timestamp()";
    }

    @Override
    public String nowPlusMicros() {
        return "(now() + CAST(? AS BIGINT) * INTERVAL '1 microsecond')";
    }

    /** Exact: since PostgreSQL 14, {@code EXTRACT} returns {@code numeric}. */
    @Override
    public String microsBetween(String start, String end) {
        return "CAST(EXTRACT(EPOCH FROM (" + end + " - " + start + ")) * 1000000 AS BIGINT)";
    }

    @Override
    public String plusMicros(String timestamp) {
        return "(" + timestamp + " + CAST(? AS BIGINT) * INTERVAL '1 microsecond')";
    }

    /**
     * Region zones by name, with PostgreSQL's own time-zone data ({@code AT TIME ZONE}); fixed offsets by adding the
     * offset to UTC, because PostgreSQL reads offset names such as {@code GMT+2} with the POSIX sign, the opposite of
     * Java's.
     */
    @Override
    public String localPeriodStart(String timestamp, Granularity granularity, ZoneId zone) {
        String local;
        if (zone.getRules().isFixedOffset()) {
            int seconds = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds();
            local = "((" + timestamp + " AT TIME ZONE 'UTC') + INTERVAL '" + seconds + " seconds')";
        } else {
            local = "(" + timestamp + " AT TIME ZONE '" + Zones.checkedId(zone) + "')";
        }
        return "CAST(date_trunc('" + granularity.name().toLowerCase(Locale.ROOT) + "', " + local + ") AS DATE)";
    }

    @Override
    public Optional<String> forUpdateSkipLocked() {
        return Optional.of(" FOR UPDATE SKIP LOCKED");
    }

    @Override
    public boolean claimsInOneStatement() {
        return true;
    }

    @Override
    public boolean updatesFromArrays() {
        return true;
    }

    @Override
    public Optional<String> insertSkippingDuplicates(String insert) {
        return Optional.of(insert + " ON CONFLICT DO NOTHING");
    }

    @Override
    public boolean returnsKeysOfRowsStoredSkippingDuplicates() {
        return true;
    }

    @Override
    public long allocateAggregateSequence(Connection connection, String counterTable, String aggregateId, int count)
            throws SQLException {
        return incrementCounter(connection, counterTable, "aggregate_id", "last_seq", aggregateId, count);
    }

    /**
     * Takes the outbox's advisory lock of every aggregate named (parameters: the outbox table's name, then the
     * aggregates as a text array), in the order of their hashes so that appenders cannot deadlock; held until the
     * transaction ends.
     */
    private static final String LOCK_AGGREGATES = "SELECT count(pg_advisory_xact_lock(hashtext(?), k))"
            + " FROM (SELECT DISTINCT hashtext(a) AS k FROM unnest(?::text[]) AS a ORDER BY k) AS keys";

    /**
     * Without writing a counter row: transaction-level advisory locks, one per aggregate (in the two-key space, the
     * first key naming the outbox table so that prefixes do not block each other; taken in the order of the second
     * key, so that appenders cannot deadlock), then, in a later statement whose snapshot therefore includes every
     * earlier appender of these aggregates that committed, the highest number stored per aggregate. Numbers restart
     * only once every earlier event of the aggregate has been delivered and deleted, when none is left to order
     * against. This spares a counter row per aggregate: a heap and index write per event, and a table that would
     * otherwise grow by a row for every aggregate that ever raised an event.
     */
    @Override
    public Map<String, Long> allocateAggregateSequences(Connection connection, String counterTable,
            String outboxTable, SortedMap<String, Integer> counts) throws SQLException {
        Array aggregates = connection.createArrayOf("text", counts.keySet().toArray(String[]::new));
        try {
            try (PreparedStatement ps = connection.prepareStatement(LOCK_AGGREGATES)) {
                ps.setString(1, outboxTable);
                ps.setArray(2, aggregates);
                ps.executeQuery().close();
            }
            Map<String, Long> last = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT aggregate_id, max(aggregate_seq) FROM "
                    + outboxTable + " WHERE aggregate_id = ANY(?::text[]) GROUP BY aggregate_id")) {
                ps.setArray(1, aggregates);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Map<String, Long> allocated = new HashMap<>();
            counts.forEach((aggregate, count) -> allocated.put(aggregate, last.getOrDefault(aggregate, 0L) + count));
            return allocated;
        } finally {
            aggregates.free();
        }
    }

    /**
     * The same advisory locks as {@link #allocateAggregateSequences}, in the same order, then one statement reading
     * the highest number stored per aggregate and which event ids are stored, in a snapshot taken after the locks;
     * both statements in one message to the server, one round trip.
     */
    @Override
    public Optional<OutboxState> lockAndReadOutbox(Connection connection, String outboxTable,
            java.util.SortedSet<String> aggregates, java.util.List<java.util.UUID> eventIds) throws SQLException {
        Array aggregateArray = connection.createArrayOf("text", aggregates.toArray(String[]::new));
        Array eventArray = connection.createArrayOf("uuid", eventIds.toArray(java.util.UUID[]::new));
        try {
            Map<String, Long> last = new HashMap<>();
            java.util.Set<java.util.UUID> stored = new java.util.HashSet<>();
            // Two statements in one message, so one round trip: the locks, then the read. The server runs them one
            // after the other, and in READ COMMITTED each takes its snapshot when it starts, so the read's snapshot
            // is taken once the locks are held and includes every earlier appender of these aggregates that
            // committed (a single statement would take its snapshot before waiting for the locks). Per aggregate,
            // the last entry of the (aggregate_id, aggregate_seq) index: a GROUP BY over = ANY would read every
            // stored event of the aggregate.
            try (PreparedStatement ps = connection.prepareStatement(LOCK_AGGREGATES + "; SELECT a.aggregate_id,"
                    + " (SELECT o.aggregate_seq FROM " + outboxTable + " o WHERE o.aggregate_id = a.aggregate_id"
                    + " ORDER BY o.aggregate_seq DESC LIMIT 1) AS seq, NULL::uuid AS event_id"
                    + " FROM unnest(?::text[]) AS a (aggregate_id)"
                    + " UNION ALL SELECT NULL, NULL, event_id FROM " + outboxTable + " WHERE event_id = ANY(?::uuid[])")) {
                ps.setString(1, outboxTable);
                ps.setArray(2, aggregateArray);
                ps.setArray(3, aggregateArray);
                ps.setArray(4, eventArray);
                ps.execute();
                ps.getResultSet().close();
                if (!ps.getMoreResults()) {
                    throw new SQLException("the outbox read after the aggregates' locks returned no rows");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        java.util.UUID eventId = rs.getObject(3, java.util.UUID.class);
                        if (eventId != null) {
                            stored.add(eventId);
                        } else {
                            long seq = rs.getLong(2);
                            if (!rs.wasNull()) {
                                last.put(rs.getString(1), seq);
                            }
                        }
                    }
                }
            }
            return Optional.of(new OutboxState(last, stored));
        } finally {
            aggregateArray.free();
            eventArray.free();
        }
    }

    /** One statement: an upsert that inserts the key's row or raises it, keeping the row locked, and returns it. */
    @Override
    public long incrementCounter(Connection connection, String counterTable, String keyColumn, String counterColumn,
            Object key, long count) throws SQLException {
        String sql = "INSERT INTO " + counterTable + " AS t (" + keyColumn + ", " + counterColumn + ") VALUES (?, ?)"
                + " ON CONFLICT (" + keyColumn + ") DO UPDATE SET " + counterColumn + " = t." + counterColumn
                + " + EXCLUDED." + counterColumn + " RETURNING " + counterColumn;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, key);
            ps.setLong(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Held lockForMigration(Connection connection, ConnectionProvider provider, String lockTable,
            String lockName) throws SQLException {
        long key = Hashing.sha256().hashString("rapport:" + lockName, StandardCharsets.UTF_8).asLong();
        // polled rather than waited for in one statement: a node waiting inside a statement holds a snapshot, and
        // CREATE INDEX CONCURRENTLY in a script the lock holder runs outside a transaction waits for every snapshot
        // older than its own, so the two would wait for each other
        while (true) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        break;
                    }
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the migration lock", e);
            }
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        };
    }

    @Override
    public boolean dropInvalidIndex(Connection connection, String index) throws SQLException {
        // to_regclass resolves the name through the search path, as the script's CREATE INDEX does
        boolean invalid;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT NOT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                invalid = rs.next() && rs.getBoolean(1);
            }
        }
        if (invalid) {
            try (java.sql.Statement st = connection.createStatement()) {
                st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
            }
        }
        return invalid;
    }

    @Override
    public Held useSchema(Connection connection, String schema) throws SQLException {
        String previous;
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('search_path')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            previous = rs.getString(1);
        }
        setSearchPath(connection, schema);
        return () -> setSearchPath(connection, previous);
    }

    private static void setSearchPath(Connection connection, String path) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            ps.setString(1, path);
            ps.execute();
        }
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
