package dev.rapport.jdbc;

import dev.rapport.spi.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import dev.rapport.spi.StorageException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A prepared statement with typed, positional binders: the adapter binds every value as a parameter, never into
 * the SQL text. Instants are truncated to the microsecond and bound as UTC timestamps with time zone; money as an
 * exact decimal and a currency code; UUIDs natively. Not thread-safe; one per statement execution.
 */
final class Stmt implements AutoCloseable {

    /** Maps one result row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    /** Consumes one result row. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(Row row) throws SQLException;
    }

    /**
     * Rows fetched per round trip by {@link #forEach}; inside a transaction, PostgreSQL's driver then reads the
     * result through a cursor instead of holding all of it.
     */
    static final int STREAM_FETCH_SIZE = 1_000;

    /**
     * The statement this thread prepared last, so that a failure can be traced to its entity and field (see
     * {@link SqlFailures}); forgotten when the thread's transaction ends.
     */
    private static final ThreadLocal<Stmt> LAST = new ThreadLocal<>();

    private final PreparedStatement ps;
    private final String sql;
    /**
     * Per parameter (index 0 is parameter 1): the longest text bound to it, across the rows of a batch, negative
     * when the text held NUL. No values are kept. Grown as parameters are bound.
     */
    private int[] textLengths = new int[0];
    private int index;

    Stmt(Connection connection, String sql) throws SQLException {
        this.sql = sql;
        LAST.set(this);
        this.ps = connection.prepareStatement(sql);
    }

    /** A statement that returns the named columns of the rows it writes, read with {@link #generatedKeys}. */
    Stmt(Connection connection, String sql, String[] keyColumns) throws SQLException {
        this.sql = sql;
        LAST.set(this);
        this.ps = connection.prepareStatement(sql, keyColumns);
    }

    /** What is known of the statement this thread prepared last, for locating a failure; null if none. */
    static SqlFailures.Statement lastOnThread() {
        Stmt last = LAST.get();
        if (last == null) {
            return null;
        }
        java.util.Map<Integer, Integer> lengths = new java.util.TreeMap<>();
        List<Integer> nul = new ArrayList<>();
        for (int i = 0; i < last.textLengths.length; i++) {
            int length = last.textLengths[i];
            if (length != 0) {
                lengths.put(i + 1, Math.abs(length) - 1);
            }
            if (length < 0) {
                nul.add(i + 1);
            }
        }
        return new SqlFailures.Statement(last.sql, lengths, nul);
    }

    /** Forgets the statement this thread prepared last. */
    static void forgetThread() {
        LAST.remove();
    }

    /** Counts the rows of generated keys the statement, or its batch, returned. */
    long countGeneratedKeys() throws SQLException {
        long n = 0;
        try (ResultSet rs = ps.getGeneratedKeys()) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    PreparedStatement statement() {
        return ps;
    }

    Stmt uuid(UUID value) throws SQLException {
        ps.setObject(++index, value);
        return this;
    }

    Stmt text(String value) throws SQLException {
        if (value == null) {
            ps.setNull(++index, Types.VARCHAR);
        } else {
            ps.setString(++index, value);
            noteText(index, value);
        }
        return this;
    }

    /** Notes a bound text's length (stored plus one, so that 0 means none) and whether it held NUL. */
    private void noteText(int parameter, String value) {
        if (textLengths.length < parameter) {
            textLengths = java.util.Arrays.copyOf(textLengths, Math.max(parameter, textLengths.length * 2));
        }
        int known = textLengths[parameter - 1];
        boolean nul = known < 0 || value.indexOf('\u0000') >= 0;
        int longest = Math.max(Math.abs(known), value.length() + 1);
        textLengths[parameter - 1] = nul ? -longest : longest;
    }

    Stmt text(Optional<String> value) throws SQLException {
        return text(value.orElse(null));
    }

    Stmt instant(Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(++index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            OffsetDateTime timestamp;
            try {
                timestamp = toTimestamp(value);
            } catch (StorageException e) {
                SqlFailures.Location at = SqlFailures.ofParameter(sql, index + 1);
                throw new StorageException(e.getMessage(), null, "22008", at.entity(), at.field());
            }
            ps.setObject(++index, timestamp);
        }
        return this;
    }

    Stmt instant(Optional<Instant> value) throws SQLException {
        return instant(value.orElse(null));
    }

    Stmt date(LocalDate value) throws SQLException {
        if (value == null) {
            ps.setNull(++index, Types.DATE);
        } else {
            ps.setObject(++index, value);
        }
        return this;
    }

    Stmt integer(int value) throws SQLException {
        ps.setInt(++index, value);
        return this;
    }

    Stmt bigint(long value) throws SQLException {
        ps.setLong(++index, value);
        return this;
    }

    Stmt bigint(Long value) throws SQLException {
        if (value == null) {
            ps.setNull(++index, Types.BIGINT);
        } else {
            ps.setLong(++index, value);
        }
        return this;
    }

    Stmt bool(boolean value) throws SQLException {
        ps.setBoolean(++index, value);
        return this;
    }

    Stmt bool(Optional<Boolean> value) throws SQLException {
        if (value.isPresent()) {
            ps.setBoolean(++index, value.get());
        } else {
            ps.setNull(++index, Types.BOOLEAN);
        }
        return this;
    }

    /** Binds two parameters: the amount and the currency code. */
    Stmt money(Optional<Money> value) throws SQLException {
        if (value.isPresent()) {
            ps.setBigDecimal(++index, value.get().amount());
            ps.setString(++index, value.get().currency().getCurrencyCode());
        } else {
            ps.setNull(++index, Types.NUMERIC);
            ps.setNull(++index, Types.VARCHAR);
        }
        return this;
    }

    /** Binds each value of a collection, for an {@code IN (?, ?, ...)} list. */
    Stmt texts(Collection<String> values) throws SQLException {
        for (String value : values) {
            text(value);
        }
        return this;
    }

    /** Binds each UUID of a collection, for an {@code IN (?, ?, ...)} list. */
    Stmt uuids(Collection<UUID> values) throws SQLException {
        for (UUID value : values) {
            uuid(value);
        }
        return this;
    }

    /**
     * Binds an SQL array of the given element type (for example {@code "uuid"} or {@code "text"}), for
     * {@code = ANY(?)} or {@code unnest(?)}; the element type is the database's name for it.
     */
    Stmt array(String elementType, Object[] values) throws SQLException {
        ps.setArray(++index, ps.getConnection().createArrayOf(elementType, values));
        return this;
    }

    int update() throws SQLException {
        return ps.executeUpdate();
    }

    /** Starts binding from the first parameter again, to run the statement once more. */
    Stmt reset() {
        index = 0;
        return this;
    }

    void addBatch() throws SQLException {
        ps.addBatch();
        index = 0;
    }

    <T> List<T> list(RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            Row row = new Row(rs);
            while (rs.next()) {
                out.add(mapper.map(row));
            }
        }
        return out;
    }

    /** Reads every row, in turn, without keeping them: for results streamed a batch of rows at a time. */
    void forEach(RowConsumer consumer) throws SQLException {
        ps.setFetchSize(STREAM_FETCH_SIZE);
        try (ResultSet rs = ps.executeQuery()) {
            Row row = new Row(rs);
            while (rs.next()) {
                consumer.accept(row);
            }
        }
    }

    <T> Optional<T> first(RowMapper<T> mapper) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(new Row(rs))) : Optional.empty();
        }
    }

    @Override
    public void close() throws SQLException {
        ps.close();
    }

    /**
     * The instant as a UTC timestamp, truncated to the microsecond.
     *
     * @throws StorageException with SQL state 22008 (datetime field overflow) if no timestamp can hold it, as for
     *         {@code Instant.MAX}; entities never carry such an instant (see {@code ValueDomain})
     */
    static OffsetDateTime toTimestamp(Instant value) {
        try {
            return value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new StorageException("an instant beyond any timestamp the database holds (SQL state 22008)", null,
                    "22008", null, null);
        }
    }

    /** {@code ?, ?, ...} with n marks, for IN lists. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Typed getters over the current row of a result set. */
    static final class Row {
        private final ResultSet rs;

        Row(ResultSet rs) {
            this.rs = rs;
        }

        UUID uuid(String column) throws SQLException {
            return rs.getObject(column, UUID.class);
        }

        Optional<UUID> optUuid(String column) throws SQLException {
            return Optional.ofNullable(rs.getObject(column, UUID.class));
        }

        String text(String column) throws SQLException {
            return rs.getString(column);
        }

        Optional<String> optText(String column) throws SQLException {
            return Optional.ofNullable(rs.getString(column));
        }

        Instant instant(String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        Optional<Instant> optInstant(String column) throws SQLException {
            return Optional.ofNullable(instant(column));
        }

        Optional<LocalDate> optDate(String column) throws SQLException {
            return Optional.ofNullable(rs.getObject(column, LocalDate.class));
        }

        int integer(String column) throws SQLException {
            return rs.getInt(column);
        }

        long bigint(String column) throws SQLException {
            return rs.getLong(column);
        }

        Optional<Long> optBigint(String column) throws SQLException {
            long value = rs.getLong(column);
            return rs.wasNull() ? Optional.empty() : Optional.of(value);
        }

        BigDecimal decimal(String column) throws SQLException {
            return rs.getBigDecimal(column);
        }

        boolean bool(String column) throws SQLException {
            return rs.getBoolean(column);
        }

        Optional<Boolean> optBool(String column) throws SQLException {
            boolean value = rs.getBoolean(column);
            return rs.wasNull() ? Optional.empty() : Optional.of(value);
        }

        Optional<Money> money(String amountColumn, String currencyColumn) throws SQLException {
            BigDecimal amount = rs.getBigDecimal(amountColumn);
            String currency = rs.getString(currencyColumn);
            if (amount == null || currency == null) {
                return Optional.empty();
            }
            return Optional.of(new Money(amount, java.util.Currency.getInstance(currency)));
        }
    }
}
