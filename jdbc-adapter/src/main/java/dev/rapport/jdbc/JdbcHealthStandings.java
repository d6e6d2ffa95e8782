package dev.rapport.jdbc;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.customer.HealthStandings;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last known health band of each customer over JDBC (table {@code customer_health}). The compare-and-set is one
 * statement: an INSERT that clashes on the key when a standing exists, or an UPDATE guarded by the expected band, so
 * of two nodes expecting the same band only one changes the row. Thread-safe.
 */
final class JdbcHealthStandings implements HealthStandings {

    private static final String COLUMNS = "customer_id, band, score, evaluated_at, since";

    private final Db db;
    private final String table;

    JdbcHealthStandings(Db db, Names names) {
        this.db = db;
        this.table = names.of("customer_health");
    }

    @Override
    public Optional<HealthStanding> find(CustomerId customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE customer_id = ?")) {
                return st.uuid(customerId.value()).first(JdbcHealthStandings::row);
            }
        });
    }

    @Override
    public boolean replace(Optional<HealthBand> expected, HealthStanding next) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        if (expected.isEmpty()) {
            try {
                return db.write(c -> {
                    try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES ("
                            + Stmt.marks(5) + ")")) {
                        return st.uuid(next.customerId().value()).text(next.band().name()).integer(next.score())
                                .instant(next.evaluatedAt()).instant(next.since()).update() == 1;
                    }
                }, c -> new DuplicateEntityException("health standing", "customerId", "already stored"));
            } catch (DuplicateEntityException clash) {
                return false; // another evaluation stored one first; the write rolled back to its savepoint
            }
        }
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET band = ?, score = ?, evaluated_at = ?, since = ?"
                    + " WHERE customer_id = ? AND band = ?")) {
                return st.text(next.band().name()).integer(next.score()).instant(next.evaluatedAt())
                        .instant(next.since()).uuid(next.customerId().value()).text(expected.get().name())
                        .update() == 1;
            }
        }, null);
    }

    @Override
    public List<HealthStanding> findByBand(HealthBand band, Optional<CustomerId> after, int limit) {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE band = ?"
                    + (after.isPresent() ? " AND customer_id > ?" : "") + " ORDER BY customer_id LIMIT ?")) {
                st.text(band.name());
                if (after.isPresent()) {
                    st.uuid(after.get().value());
                }
                return st.integer(limit).list(JdbcHealthStandings::row);
            }
        });
    }

    @Override
    public boolean remove(CustomerId customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "DELETE FROM " + table + " WHERE customer_id = ?")) {
                return st.uuid(customerId.value()).update() == 1;
            }
        }, null);
    }

    private static HealthStanding row(Stmt.Row r) throws SQLException {
        return new HealthStanding(new CustomerId(r.uuid("customer_id")), HealthBand.valueOf(r.text("band")),
                r.integer("score"), r.instant("evaluated_at"), r.instant("since"));
    }
}
