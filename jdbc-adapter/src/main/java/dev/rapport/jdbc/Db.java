package dev.rapport.jdbc;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's transactions and its small JDBC helper. A transaction binds one connection to the calling thread;
 * nested calls join it; the outermost call commits, or rolls back when the work throws. While a host transaction
 * runs (see {@link ConnectionProvider#isHostTransactionActive()}), the outermost call works under a savepoint
 * instead and leaves the commit to the host.
 *
 * <p>Every repository write made inside a running transaction runs under its own savepoint, so that a failing call
 * changes nothing and leaves the transaction usable (PostgreSQL otherwise aborts the whole transaction on the first
 * error). In a transaction the adapter began itself (no host transaction), on PostgreSQL and H2, those savepoints
 * cost less: see {@link WriteSavepoints}. Thread-safe: each thread has its own transaction.
 */
final class Db implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Db.class);

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Binds a query's own parameters. */
    interface Binder {
        void bind(Stmt statement) throws SQLException;
    }

    /** Reads the rows of a bound query, possibly completing them with further queries on the same connection. */
    interface Rows<T> {
        List<T> read(Connection connection, Stmt statement) throws SQLException;
    }

    /**
     * Finds out, after a unique key was violated and the failing work rolled back, which key clashed; returns the
     * typed exception to throw, or null if it cannot tell.
     */
    @FunctionalInterface
    interface Diagnosis {
        RuntimeException explain(Connection connection) throws SQLException;
    }

    private static final class Tx {
        final Connection connection;
        final boolean hostManaged;
        /** How many writes run on this transaction right now, one inside the other. */
        int writes;
        /** Whether an earlier write's named savepoint is still to be released (see {@link WriteSavepoints}). */
        boolean unreleased;

        Tx(Connection connection, boolean hostManaged) {
            this.connection = connection;
            this.hostManaged = hostManaged;
        }
    }

    /** Carries an SQL failure out of a transaction so that it is translated after the rollback. */
    private static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The failing statement, taken before the transaction ends and forgets it. */
        final SqlFailures.Statement statement;

        SqlFailure(SQLException cause) {
            super(cause);
            this.statement = Stmt.lastOnThread();
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }

    private final ConnectionProvider provider;
    final Dialect dialect;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    /** Named savepoints for writes in the adapter's own transactions, or null where the dialect has none. */
    private final WriteSavepoints named;

    Db(ConnectionProvider provider, Dialect dialect) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.named = WriteSavepoints.of(dialect);
    }

    ConnectionProvider provider() {
        return provider;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (current.get() != null) {
            return work.get();
        }
        Connection connection = acquire();
        boolean host = provider.isHostTransactionActive();
        Boolean autoCommit = null;
        Savepoint savepoint = null;
        try {
            if (host) {
                savepoint = connection.setSavepoint();
            } else {
                autoCommit = connection.getAutoCommit();
                if (autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            release(connection, null);
            throw storageFailure("could not begin a transaction", e);
        }
        current.set(new Tx(connection, host));
        T result;
        try {
            result = work.get();
        } catch (Throwable e) {
            // checked exceptions thrown sneakily roll back too
            current.remove();
            rollback(connection, savepoint);
            release(connection, autoCommit);
            throw Db.<RuntimeException>sneaky(e);
        }
        current.remove();
        try {
            if (host) {
                connection.releaseSavepoint(savepoint);
            } else {
                connection.commit();
            }
        } catch (SQLException e) {
            rollback(connection, savepoint);
            release(connection, autoCommit);
            throw storageFailure("the transaction could not be committed; nothing was written", e);
        }
        release(connection, autoCommit);
        return result;
    }

    /**
     * Runs a paged query: the SQL ends with its ORDER BY, which must be total; the page's limit and offset are
     * appended, one row more than the page is fetched to tell whether a next page exists.
     */
    <T> Page<T> page(String sql, PageRequest page, Binder binder, Rows<T> rows) {
        Objects.requireNonNull(page, "page");
        return read(c -> {
            try (Stmt st = new Stmt(c, sql + " LIMIT ? OFFSET ?")) {
                binder.bind(st);
                st.integer(page.limit() + 1).integer(page.offset());
                return Page.fromOverfetched(rows.read(c, st), page);
            }
        });
    }

    /** How many ids one {@code IN (...)} list binds at most. */
    static final int IN_LIST = 500;

    /**
     * The distinct UUIDs of typed ids, in their first order, for an {@code IN (...)} list.
     *
     * @throws NullPointerException if the collection or an id is null
     */
    static <I> List<UUID> distinctIds(Collection<I> ids, Function<I, UUID> value) {
        Objects.requireNonNull(ids, "ids");
        Set<UUID> distinct = new LinkedHashSet<>();
        for (I id : ids) {
            distinct.add(value.apply(Objects.requireNonNull(id, "id")));
        }
        return List.copyOf(distinct);
    }

    /** The list cut into parts of at most {@link #IN_LIST} elements. */
    static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_LIST) {
            parts.add(values.subList(from, Math.min(values.size(), from + IN_LIST)));
        }
        return parts;
    }

    /** Runs reading work, joining the running transaction if there is one. */
    <T> T read(Work<T> work) {
        Tx tx = current.get();
        if (tx != null) {
            try {
                return work.apply(tx.connection);
            } catch (SQLException e) {
                throw translate(e, tx.connection, null, Stmt.lastOnThread());
            }
        }
        try {
            return ownTransaction(work);
        } catch (SqlFailure f) {
            throw translate(f.sql(), null, null, f.statement);
        }
    }

    /**
     * Runs writing work so that it changes nothing if it fails: under a savepoint inside a running transaction,
     * else in a transaction of its own. Unique violations are explained by the diagnosis.
     */
    <T> T write(Work<T> work, Diagnosis diagnosis) {
        Tx tx = current.get();
        if (tx != null) {
            // the outermost write of a transaction the adapter began: a named savepoint, whose release waits for the
            // next write or the commit; host transactions and nested writes keep the connection's own savepoints
            if (named != null && !tx.hostManaged && tx.writes == 0) {
                return writeUnderNamedSavepoint(tx, work, diagnosis);
            }
            Connection c = tx.connection;
            Savepoint savepoint;
            try {
                savepoint = c.setSavepoint();
            } catch (SQLException e) {
                throw translate(e, c, null, Stmt.lastOnThread());
            }
            tx.writes++;
            try {
                T result = work.apply(c);
                c.releaseSavepoint(savepoint);
                return result;
            } catch (SQLException e) {
                SqlFailures.Statement statement = Stmt.lastOnThread();
                rollbackTo(c, savepoint);
                throw translate(e, c, diagnosis, statement);
            } catch (Throwable e) {
                rollbackTo(c, savepoint);
                throw Db.<RuntimeException>sneaky(e);
            } finally {
                tx.writes--;
            }
        }
        try {
            return ownTransaction(work);
        } catch (SqlFailure f) {
            if (diagnosis != null && dialect.isUniqueViolation(f.sql())) {
                RuntimeException explained;
                try {
                    explained = read(diagnosis::explain);
                } catch (RuntimeException e) {
                    explained = null;
                }
                if (explained != null) {
                    throw explained;
                }
            }
            throw translate(f.sql(), null, null, f.statement);
        }
    }

    /** A write under the dialect's named savepoint: see {@link WriteSavepoints}. */
    private <T> T writeUnderNamedSavepoint(Tx tx, Work<T> work, Diagnosis diagnosis) {
        Connection c = tx.connection;
        try {
            named.set(c, tx.unreleased);
        } catch (SQLException e) {
            throw translate(e, c, null, Stmt.lastOnThread());
        }
        tx.unreleased = false;
        tx.writes++;
        try {
            T result = work.apply(c);
            tx.unreleased = true;
            return result;
        } catch (SQLException e) {
            SqlFailures.Statement statement = Stmt.lastOnThread();
            rollbackToNamed(c);
            throw translate(e, c, diagnosis, statement);
        } catch (Throwable e) {
            rollbackToNamed(c);
            throw Db.<RuntimeException>sneaky(e);
        } finally {
            tx.writes--;
        }
    }

    private void rollbackToNamed(Connection connection) {
        try {
            named.rollback(connection);
        } catch (SQLException e) {
            LOG.warn("Rollback to savepoint failed (SQL state {})", e.getSQLState());
        }
    }

    /** Runs the work in a transaction of its own; an SQL failure leaves it as a {@link SqlFailure} after rollback. */
    private <T> T ownTransaction(Work<T> work) {
        return inTransaction(() -> {
            try {
                return work.apply(current.get().connection);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /** Whether a transaction runs on this thread. */
    boolean inTransaction() {
        return current.get() != null;
    }

    private RuntimeException translate(SQLException e, Connection connection, Diagnosis diagnosis,
            SqlFailures.Statement statement) {
        if (diagnosis != null && connection != null && dialect.isUniqueViolation(e)) {
            try {
                RuntimeException explained = diagnosis.explain(connection);
                if (explained != null) {
                    return explained;
                }
            } catch (SQLException ignored) {
                // fall through to the generic failure
            }
        }
        return storageFailure("the database failed", e, SqlFailures.locate(e, statement, catalog(connection)));
    }

    /**
     * The catalog read on the failing transaction's connection (usable again after its savepoint was rolled back),
     * or, when that transaction ended, in a transaction of its own; a lookup that fails tells nothing.
     */
    private SqlFailures.Catalog catalog(Connection connection) {
        return new SqlFailures.Catalog() {
            @Override
            public List<String> checkColumns(String constraint) {
                return lookUp(connection, List.of(), c -> {
                    List<String> columns = new ArrayList<>();
                    try (Stmt st = new Stmt(c, "SELECT column_name FROM information_schema.constraint_column_usage"
                            + " WHERE lower(constraint_name) = lower(?) ORDER BY column_name")) {
                        st.text(constraint).list(r -> columns.add(r.text("column_name")));
                    }
                    return columns;
                });
            }

            @Override
            public int maxLength(String table, String column) {
                String name = table.replace("\"", "");
                String base = name.substring(name.lastIndexOf('.') + 1);
                return lookUp(connection, -1, c -> {
                    try (Stmt st = new Stmt(c, "SELECT character_maximum_length FROM information_schema.columns"
                            + " WHERE lower(table_name) = lower(?) AND lower(column_name) = lower(?)")) {
                        return st.text(base).text(column).first(r -> r.integer("character_maximum_length"))
                                .orElse(-1);
                    }
                });
            }
        };
    }

    private <T> T lookUp(Connection connection, T unknown, Work<T> query) {
        try {
            if (connection != null) {
                return query.apply(connection);
            }
            return inTransaction() ? unknown : read(query);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not read the catalog to locate a failure ({})", e.getClass().getName());
            return unknown;
        }
    }

    /**
     * A storage exception for an SQL failure. Errors of the integrity-constraint and data-exception classes (SQL
     * states 22 and 23) quote the offending values, which may be personal data: their text is withheld and only
     * the state and vendor code are kept.
     */
    static StorageException storageFailure(String message, SQLException e) {
        return storageFailure(message, e, SqlFailures.locate(e, Stmt.lastOnThread(), null));
    }

    /**
     * A storage exception for an SQL failure that names the entity and field where they are known; the message
     * names them too, with the SQL state.
     */
    static StorageException storageFailure(String message, SQLException e, SqlFailures.Location at) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = (at.entity() == null ? "" : ", entity " + at.entity())
                + (at.field() == null ? "" : ", field " + at.field());
        String text = message + " (SQL state " + state + ", vendor code " + e.getErrorCode() + where + ")";
        if (state.startsWith("22") || state.startsWith("23")) {
            LOG.debug("SQL failure with state {} and vendor code {}; details withheld", state, e.getErrorCode());
            return new StorageException(text, new SQLException("details withheld: they may quote personal data",
                    state, e.getErrorCode()), state.isEmpty() ? null : state, at.entity(), at.field());
        }
        return new StorageException(text, e, state.isEmpty() ? null : state, at.entity(), at.field());
    }

    private Connection acquire() {
        try {
            return provider.getConnection();
        } catch (SQLException e) {
            throw storageFailure("no database connection could be obtained", e);
        }
    }

    private void release(Connection connection, Boolean autoCommit) {
        Stmt.forgetThread();
        try {
            if (Boolean.TRUE.equals(autoCommit)) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("Could not restore auto-commit on a connection (SQL state {})", e.getSQLState());
        } finally {
            try {
                provider.releaseConnection(connection);
            } catch (SQLException e) {
                LOG.warn("Could not release a connection (SQL state {})", e.getSQLState());
            }
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint) {
        try {
            if (savepoint != null) {
                connection.rollback(savepoint);
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.warn("Rollback failed (SQL state {})", e.getSQLState());
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            LOG.warn("Rollback to savepoint failed (SQL state {})", e.getSQLState());
        }
    }
}
