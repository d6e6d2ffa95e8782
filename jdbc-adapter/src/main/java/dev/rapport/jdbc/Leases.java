package dev.rapport.jdbc;

import java.sql.SQLException;
import java.time.Duration;

/** Helpers shared by the claims of follow-ups and outbox events. Stateless. */
final class Leases {

    private Leases() {
    }

    /** A hundred years in microseconds: longer leases are cut to it. */
    private static final long MAX_MICROS = Duration.ofDays(36_525).toNanos() / 1_000;

    /** The duration in microseconds, from 1 (or 0 when zero is allowed) to a hundred years. */
    static long micros(Duration duration) {
        if (duration.compareTo(Duration.ofDays(36_525)) > 0) {
            return MAX_MICROS;
        }
        return Math.max(duration.isZero() ? 0 : 1, duration.toNanos() / 1_000);
    }

    /**
     * Runs a bound optimistic claim update and tells whether it took the row. A row another transaction holds or
     * changed at the same moment is simply not taken: a lock timeout or a concurrent-update error counts as lost.
     */
    static boolean tryUpdate(Stmt st) throws SQLException {
        try {
            return st.statement().executeUpdate() == 1;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // H2: 50200 lock timeout (HYT00), 90131 concurrent update (state 90131), 40001 deadlock
            if (state.equals("HYT00") || state.equals("90131") || state.equals("40001")) {
                return false;
            }
            throw e;
        }
    }
}
