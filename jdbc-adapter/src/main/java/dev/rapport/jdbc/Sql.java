package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text built in pieces, with the values of its parameters kept in the order their marks appear, so that
 * fragments with parameters can be nested and combined. Values are always bound, never written into the text.
 * Not thread-safe; one per statement.
 */
final class Sql {

    /** Binds one parameter. */
    @FunctionalInterface
    interface Binder {
        void bind(Stmt st) throws SQLException;
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Binder> binders = new ArrayList<>();
    private final TimeBounds bounds;

    Sql(TimeBounds bounds) {
        this.bounds = bounds;
    }

    /** Appends text without parameters. */
    Sql add(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends another fragment, with its parameters. */
    Sql add(Sql other) {
        text.append(other.text);
        binders.addAll(other.binders);
        return this;
    }

    /** Appends text holding one parameter mark, bound to an instant (moved into the database's range). */
    Sql instant(String sql, Instant value) {
        Instant clamped = bounds.clamp(value);
        return add(sql, st -> st.instant(clamped));
    }

    /** Appends text holding one parameter mark, bound to a string. */
    Sql text(String sql, String value) {
        return add(sql, st -> st.text(value));
    }

    /** Appends text holding one parameter mark, bound to a number. */
    Sql bigint(String sql, long value) {
        return add(sql, st -> st.bigint(value));
    }

    private Sql add(String sql, Binder binder) {
        text.append(sql);
        binders.add(binder);
        return this;
    }

    /** The statement, prepared on the connection with every parameter bound. */
    Stmt prepare(Connection connection) throws SQLException {
        Stmt st = new Stmt(connection, text.toString());
        try {
            for (Binder b : binders) {
                b.bind(st);
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
