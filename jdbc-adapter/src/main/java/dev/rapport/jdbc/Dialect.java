package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import dev.rapport.spi.kpi.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The database-specific part of the JDBC adapter: SQL fragments, locking, and how to read the database's errors.
 * Everything else in the adapter is portable JDBC. Supporting another database means writing one implementation of
 * this interface, adding it to {@link #KNOWN}, and shipping its migration scripts under
 * {@code db/rapport/<name>/} with a {@code migrations.txt} index.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Dialect {

    /** PostgreSQL 14 or later: claims with {@code FOR UPDATE SKIP LOCKED}, migrations under an advisory lock. */
    Dialect POSTGRESQL = new PostgresDialect();

    /** H2 2.x, the embedded default: optimistic claims, migrations under a lock row. */
    Dialect H2 = new H2Dialect();

    /** The dialects {@link #detect(DatabaseMetaData)} chooses from. */
    List<Dialect> KNOWN = List.of(POSTGRESQL, H2);

    /**
     * The known dialect for the database behind the metadata.
     *
     * @param metaData the metadata of a connection to the database
     * @throws SQLException if the metadata cannot be read
     * @return the dialect, or empty if no known dialect matches
     */
    static Optional<Dialect> detect(DatabaseMetaData metaData) throws SQLException {
        for (Dialect dialect : KNOWN) {
            if (dialect.matches(metaData)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /**
     * The dialect's name, lower case; also the folder of its migration scripts, {@code db/rapport/<name>/}.
     *
     * @return the dialect's name, for example {@code "postgresql"} or {@code "h2"}
     */
    String name();

    /**
     * Whether this dialect is meant for the database behind the metadata.
     *
     * @param metaData the metadata of a connection to the database
     * @return {@code true} if this dialect is for that database's product
     * @throws SQLException if the metadata cannot be read
     */
    boolean matches(DatabaseMetaData metaData) throws SQLException;

    /**
     * Checks the database's version is supported.
     *
     * @param metaData the metadata of a connection to the database
     * @return empty if supported, else why not
     * @throws SQLException if the metadata cannot be read
     */
    Optional<String> unsupportedVersion(DatabaseMetaData metaData) throws SQLException;

    /**
     * An SQL expression for the database's current time, as a timestamp with time zone.
     *
     * @return the SQL expression, to be put into statement text
     */
    String now();

    /**
     * An SQL expression for the database's clock at the moment the statement runs, as a timestamp with time zone at
     * the microsecond: what dates each agent write for the change feed, and what {@code storeTime()} reads. Where the
     * database has such a clock it should move on within a transaction, so that a write in a long transaction is
     * dated close to its commit and readers need only a short overlap; the default is {@link #now()}, which on many
     * databases is the time the transaction began.
     *
     * @return the SQL expression, to be put into statement text
     */
    default String clockNow() {
        return now();
    }

    /**
     * An SQL expression for the database's current time plus a number of microseconds bound to one parameter.
     *
     * @return the SQL expression, with one {@code ?} for the microseconds
     */
    String nowPlusMicros();

    /**
     * The clause appended to a {@code SELECT} to lock the rows it returns while skipping rows other transactions
     * hold, for example {@code " FOR UPDATE SKIP LOCKED"}; empty if the database cannot, in which case claims are
     * optimistic (read candidates, then update each only if its version is unchanged).
     *
     * @return the clause, starting with a space, or empty if the database cannot skip locked rows
     */
    Optional<String> forUpdateSkipLocked();

    /**
     * Whether a derived table with a window function or a {@code GROUP BY}, joined as the inner side of a join, is
     * computed once for the whole statement (a hash or merge join, as on PostgreSQL) rather than again for each outer
     * row (as H2 plans it, which makes such a join grow with the square of the data). When false the KPI pushdown
     * writes those questions (first reply time, first-contact resolution) with the cases and their interactions as
     * the outermost derived table instead, which every database computes once. The default is true.
     *
     * @return {@code true} if such a derived table is computed once per statement
     */
    default boolean joinsDerivedTablesOnce() {
        return true;
    }

    /**
     * The table hint that makes the KPI pushdown read a table from start to end instead of through an index on its
     * time column, written after the table's alias: used where a report's period covers much of a large table, when
     * the database would otherwise fetch each row of the index range from the table one by one (on H2 in memory a
     * random access per row, which costs more per row the larger the table, so that the query grows faster than the
     * data). Empty, the default, where the database weighs that choice itself (PostgreSQL uses a sequential or bitmap
     * scan).
     *
     * @return the hint, starting with a space, or empty
     */
    default String wholeTableScan() {
        return "";
    }

    /**
     * Whether one {@code UPDATE ... FROM unnest(?::uuid[], ?::text[], ...)} statement, with a parameter array per
     * column, can update many rows at once, each under its own condition, and return the rows it changed. Batch
     * updates then cost one statement instead of one per row. The default is false: a JDBC batch of single-row
     * updates.
     *
     * @return {@code true} if the dialect updates many rows from parameter arrays in one statement
     */
    default boolean updatesFromArrays() {
        return false;
    }

    /**
     * Whether an {@code UPDATE} can take its rows from a locking sub-select and return them,
     * {@code UPDATE ... WHERE id = ANY(ARRAY(SELECT id ... FOR UPDATE SKIP LOCKED)) RETURNING ...}, so that a claim
     * is one statement instead of a select, an update and a read. The default is false.
     *
     * @return {@code true} if the dialect claims rows in one statement
     */
    default boolean claimsInOneStatement() {
        return false;
    }

    /**
     * The given {@code INSERT} statement changed so that a row clashing with a unique key is silently skipped
     * ({@code ON CONFLICT DO NOTHING}); empty if the database cannot, in which case duplicates are filtered before
     * inserting.
     *
     * @param insert an {@code INSERT} statement
     * @return the statement skipping rows that clash with a unique key, or empty if the database cannot
     */
    Optional<String> insertSkippingDuplicates(String insert);

    /**
     * Whether the statements {@link #insertSkippingDuplicates} makes, prepared to return generated keys
     * ({@link Connection#prepareStatement(String, String[])}) and run single or batched, return the requested column
     * of exactly the rows they stored, skipped rows left out (on PostgreSQL, {@code ON CONFLICT DO NOTHING RETURNING}).
     * Bulk ingest then learns which rows were new from the insert itself, with no look-up before it. The default
     * is false: bulk ingest looks up the stored keys before inserting.
     *
     * @return {@code true} if such inserts return the keys of exactly the rows they stored
     */
    default boolean returnsKeysOfRowsStoredSkippingDuplicates() {
        return false;
    }

    /**
     * Allocates the next {@code count} sequence numbers of an aggregate in a counter table with columns
     * {@code aggregate_id} and {@code last_seq} (creating the aggregate's row at 0 if missing), locking that row
     * until the transaction ends, so that concurrent transactions appending events of one aggregate get numbers in
     * commit order.
     *
     * @param connection the connection of the running transaction
     * @param counterTable the (qualified) counter table
     * @param aggregateId the aggregate whose numbers to allocate
     * @param count how many numbers to allocate, at least 1
     * @return the last number allocated; the first is {@code last - count + 1}
     * @throws SQLException if the statement fails
     */
    long allocateAggregateSequence(Connection connection, String counterTable, String aggregateId, int count)
            throws SQLException;

    /**
     * Allocates the next sequence numbers of several aggregates at once, for events about to be appended to the
     * outbox: numbers no other transaction gets, in commit order per aggregate, the aggregates locked until the
     * transaction ends in the map's order (sorted, so that concurrent appenders cannot deadlock). The default
     * raises each aggregate's counter row with {@link #allocateAggregateSequence}, one after the other.
     *
     * @param connection the connection of the running transaction
     * @param counterTable the (qualified) counter table, columns {@code aggregate_id} and {@code last_seq}
     * @param outboxTable the (qualified) outbox table the events go to
     * @param counts how many numbers each aggregate needs, at least 1 each
     * @return for each aggregate, the last number allocated; the first is that minus its count plus one
     * @throws SQLException if a statement fails
     */
    default Map<String, Long> allocateAggregateSequences(Connection connection, String counterTable,
            String outboxTable, SortedMap<String, Integer> counts) throws SQLException {
        Map<String, Long> last = new HashMap<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            last.put(entry.getKey(),
                    allocateAggregateSequence(connection, counterTable, entry.getKey(), entry.getValue()));
        }
        return last;
    }

    /**
     * What the outbox holds of an append's aggregates and events, read under the aggregates' locks: see
     * {@link #lockAndReadOutbox}.
     *
     * @param lastSequences each aggregate's highest stored sequence number; aggregates without a stored event are
     *        left out
     * @param storedEventIds which of the event ids the outbox holds already
     */
    record OutboxState(Map<String, Long> lastSequences, java.util.Set<java.util.UUID> storedEventIds) {
    }

    /**
     * For dialects whose {@link #allocateAggregateSequences} numbers events from the outbox itself rather than from
     * counter rows: takes the locks that method takes, for every aggregate of an append (events already stored
     * included), then reads in one statement each aggregate's highest stored number and which of the event ids are
     * stored already, so that the append needs neither a statement of its own to find duplicates nor the allocation
     * call; the caller numbers each aggregate's new events on from its highest stored number. Empty (the default)
     * for dialects that keep counter rows; the caller then finds the stored events and allocates itself.
     *
     * @param connection the connection of the append's transaction
     * @param outboxTable the (qualified) outbox table
     * @param aggregates the aggregates of the events, sorted
     * @param eventIds the ids of the events
     * @return what the outbox holds, read after the locks were taken; empty if the dialect keeps counter rows
     * @throws SQLException if the database fails
     */
    default Optional<OutboxState> lockAndReadOutbox(Connection connection, String outboxTable,
            java.util.SortedSet<String> aggregates, List<java.util.UUID> eventIds) throws SQLException {
        return Optional.empty();
    }

    /**
     * Raises the counter of one key in a counter table by {@code count}, creating the key's row at 0 first if it is
     * missing, and locks that row until the transaction ends: concurrent transactions raising the same key, on any
     * node, queue on the row and never see the same value, and a rollback undoes the raise. Used for the per-year
     * complaint reference numbers.
     *
     * @param connection the connection of the running transaction
     * @param counterTable the (qualified) table, whose primary key is the key column
     * @param keyColumn the key column's name; a trusted identifier, put into the SQL text
     * @param counterColumn the counter column's name (a {@code BIGINT}); a trusted identifier
     * @param key the key, bound as a parameter
     * @param count how much to add, at least 1
     * @return the counter after the raise
     * @throws SQLException if the statement fails
     */
    long incrementCounter(Connection connection, String counterTable, String keyColumn, String counterColumn,
            Object key, long count) throws SQLException;

    /**
     * Takes the lock that makes schema migration safe when several nodes start at once; the lock is released when
     * the returned handle is closed.
     *
     * @param connection the connection the migration runs on
     * @param provider where to get a second connection, for dialects that hold the lock on one
     * @param lockTable the (qualified) name of a one-row lock table the dialect may create and use
     * @param lockName a name unique per schema and table prefix
     * @return the held lock, released when closed
     * @throws SQLException if the lock cannot be taken
     */
    Held lockForMigration(Connection connection, ConnectionProvider provider, String lockTable,
            String lockName) throws SQLException;

    /**
     * Before a migration script builds an index concurrently with {@code IF NOT EXISTS}: drops the index of that name
     * if it exists but is not valid, as a concurrent build that failed or crashed half way leaves it, so that the
     * script builds it again instead of keeping an index no query may use. A valid index of that name (one an operator
     * built beforehand) is kept. Called on a connection in auto-commit mode, outside any transaction, while the
     * migration lock is held. Default: nothing, for databases without concurrent index builds.
     *
     * @param connection the migration's connection, in auto-commit mode, its schema already in use
     * @param index the index's name as the script gives it, the prefix filled in
     * @return whether an invalid index was dropped
     * @throws SQLException if the check or the drop fails
     */
    default boolean dropInvalidIndex(Connection connection, String index) throws SQLException {
        return false;
    }

    /**
     * The statement that creates a schema if it does not exist.
     *
     * @param schema the schema's name, already checked to be a plain identifier
     * @return the {@code CREATE SCHEMA} statement
     */
    default String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + schema;
    }

    /**
     * Makes unqualified names in the following statements of the connection resolve in the schema, until the
     * returned handle is closed.
     *
     * @param connection the connection to change
     * @param schema the schema's name, already checked to be a plain identifier
     * @return the setting, which puts the connection's previous schema back when closed
     * @throws SQLException if the setting cannot be changed
     */
    Held useSchema(Connection connection, String schema) throws SQLException;

    /**
     * Whether the error is the violation of a unique key or primary key.
     *
     * @param e the error a statement threw
     * @return {@code true} if it reports a duplicate unique or primary key
     */
    default boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An SQL expression for the whole microseconds from one timestamp-with-time-zone expression to another, as a
     * {@code BIGINT}, exact (for the KPI pushdown's durations).
     *
     * @param start the SQL expression of the earlier timestamp
     * @param end the SQL expression of the later timestamp
     * @return the SQL expression of the microseconds between them; negative if {@code end} is before {@code start}
     */
    String microsBetween(String start, String end);

    /**
     * An SQL expression for a timestamp-with-time-zone expression plus a number of microseconds bound to one
     * parameter (a {@code BIGINT}), exact.
     *
     * @param timestamp the SQL expression of the timestamp
     * @return the SQL expression, with one {@code ?} for the microseconds
     */
    String plusMicros(String timestamp);

    /**
     * An SQL expression for the first local date (an SQL {@code DATE}) of the day, ISO week (Monday to Sunday) or
     * month, in the time zone, that holds a timestamp-with-time-zone expression: how the KPI pushdown groups by
     * period. The zone id is written into the SQL text; zone ids hold only letters, digits and {@code / _ + - :}.
     *
     * @param timestamp the SQL expression of the timestamp
     * @param granularity the period: day, ISO week or month
     * @param zone the time zone the periods are local to
     * @return the SQL expression of the period's first local date
     */
    String localPeriodStart(String timestamp, Granularity granularity, ZoneId zone);

    /**
     * The earliest instant a timestamp column holds; query bounds before it are moved to it.
     *
     * @return the earliest instant the database's timestamp columns can hold
     */
    Instant minInstant();

    /**
     * The latest instant a timestamp column holds; query bounds after it are moved to it.
     *
     * @return the latest instant the database's timestamp columns can hold
     */
    Instant maxInstant();

    /** A lock or a session setting, held until it is closed. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
