package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The savepoints of repository writes in a transaction the adapter began itself, cheaper than the connection's own:
 * one fixed name, {@value #NAME}, set and rolled back with SQL whose text never changes.
 *
 * <p>On PostgreSQL {@code Connection.setSavepoint()} and {@code releaseSavepoint} are a round trip each, so a write
 * cost two round trips beyond its own statements. Here a write's savepoint is released only when the next write
 * begins, in the same round trip that sets the next one ({@code RELEASE SAVEPOINT ...; SAVEPOINT ...}, one message
 * to the server), and the last one by the commit: one round trip per write, and never more than one savepoint of
 * this name open, so no subtransactions pile up. A failing write rolls back to its savepoint and releases it in one
 * round trip, so the transaction stays usable and keeps every earlier write, as before.
 *
 * <p>On H2, {@code setSavepoint()} prepares a statement with a new name each time, which H2 parses anew; a
 * savepoint of a fixed name replaces the one before, needs no release, and its statement is served from the
 * session's cache.
 *
 * <p>Only for transactions the adapter began: there nobody but the adapter uses the connection, so nothing can
 * roll back or release the savepoint behind its back. In a host's transaction, and for a write nested in another,
 * the connection's own savepoints are used. Stateless; thread-safe.
 */
final class WriteSavepoints {

    /** The savepoint's name. */
    static final String NAME = "rapport_write";

    private final String set;
    private final String releaseAndSet;
    private final String rollback;

    private WriteSavepoints(String set, String releaseAndSet, String rollback) {
        this.set = set;
        this.releaseAndSet = releaseAndSet;
        this.rollback = rollback;
    }

    /**
     * The named savepoints for a dialect, or null if the dialect is not one the adapter ships (whose databases'
     * savepoint SQL it knows).
     */
    static WriteSavepoints of(Dialect dialect) {
        if (dialect instanceof PostgresDialect) {
            return new WriteSavepoints("SAVEPOINT " + NAME, "RELEASE SAVEPOINT " + NAME + "; SAVEPOINT " + NAME,
                    "ROLLBACK TO SAVEPOINT " + NAME + "; RELEASE SAVEPOINT " + NAME);
        }
        if (dialect instanceof H2Dialect) {
            return new WriteSavepoints("SAVEPOINT " + NAME, "SAVEPOINT " + NAME, "ROLLBACK TO SAVEPOINT " + NAME);
        }
        return null;
    }

    /** Sets the savepoint, first releasing the one an earlier write left if {@code unreleased}. */
    void set(Connection connection, boolean unreleased) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(unreleased ? releaseAndSet : set);
        }
    }

    /** Rolls back to the savepoint and releases it. */
    void rollback(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(rollback);
        }
    }
}
