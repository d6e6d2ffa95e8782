package dev.rapport.jdbc;

import dev.rapport.spi.TimeRange;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Binds a half-open time range as two parameters, moving bounds beyond what the database's timestamps hold (such
 * as {@link TimeRange#ALL}'s) to the dialect's limits. Immutable and thread-safe.
 */
final class TimeBounds {

    private final Instant min;
    private final Instant max;

    TimeBounds(Dialect dialect) {
        this.min = dialect.minInstant();
        this.max = dialect.maxInstant();
    }

    void bind(Stmt st, TimeRange range) throws SQLException {
        st.instant(clamp(range.from())).instant(clamp(range.to()));
    }

    Instant clamp(Instant value) {
        return value.isBefore(min) ? min : value.isAfter(max) ? max : value;
    }
}
