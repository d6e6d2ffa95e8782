package dev.rapport.jdbc;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.ReassignedRecords;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Merge records over JDBC, and the move of a customer's rows with one UPDATE per table. Thread-safe. */
final class JdbcCustomerMerges implements CustomerMerges {

    private final Db db;
    private final String merges;
    private final String customers;
    private final String interactions;
    private final String cases;
    private final String feedback;
    private final String followUps;
    private final String complaints;

    JdbcCustomerMerges(Db db, Names names) {
        this.db = db;
        this.merges = names.of("customer_merge");
        this.customers = names.of("customer");
        this.interactions = names.of("interaction");
        this.cases = names.of("support_case");
        this.feedback = names.of("feedback");
        this.followUps = names.of("follow_up");
        this.complaints = names.of("complaint");
    }

    @Override
    public ReassignedRecords reassign(CustomerId from, CustomerId into) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
        if (from.equals(into)) {
            throw new IllegalArgumentException("a customer's records cannot be reassigned to the same customer");
        }
        return db.write(c -> new ReassignedRecords(
                move(c, interactions, false, from, into),
                move(c, cases, true, from, into),
                move(c, feedback, false, from, into),
                move(c, followUps, true, from, into),
                move(c, complaints, true, from, into)), c -> null);
    }

    private static int move(Connection c, String table, boolean versioned, CustomerId from, CustomerId into)
            throws SQLException {
        try (Stmt st = new Stmt(c, "UPDATE " + table + " SET customer_id = ?"
                + (versioned ? ", version = version + 1" : "") + " WHERE customer_id = ?")) {
            return st.uuid(into.value()).uuid(from.value()).update();
        }
    }

    @Override
    public CustomerMerge retire(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + merges + " (merged_id, into_id, merged_at, actor)"
                    + " VALUES (?, ?, ?, ?)")) {
                st.uuid(merge.merged().value()).uuid(merge.into().value()).instant(merge.mergedAt())
                        .text(merge.actor()).update();
            }
            // identities go with the customer row (ON DELETE CASCADE)
            try (Stmt st = new Stmt(c, "DELETE FROM " + customers + " WHERE id = ?")) {
                if (st.uuid(merge.merged().value()).update() == 0) {
                    throw new CustomerNotFoundException(merge.merged());
                }
            }
            return merge;
        }, c -> new DuplicateEntityException("customer merge", "merged",
                "customer " + merge.merged() + " was already merged"));
    }

    @Override
    public Optional<CustomerMerge> findByMerged(CustomerId merged) {
        Objects.requireNonNull(merged, "merged");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT merged_id, into_id, merged_at, actor FROM " + merges
                    + " WHERE merged_id = ?")) {
                return st.uuid(merged.value()).first(JdbcCustomerMerges::row);
            }
        });
    }

    @Override
    public List<CustomerMerge> findInto(CustomerId into) {
        Objects.requireNonNull(into, "into");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT merged_id, into_id, merged_at, actor FROM " + merges
                    + " WHERE into_id = ? ORDER BY merged_at, merged_id")) {
                return st.uuid(into.value()).list(JdbcCustomerMerges::row);
            }
        });
    }

    private static CustomerMerge row(Stmt.Row r) throws SQLException {
        return new CustomerMerge(new CustomerId(r.uuid("merged_id")), new CustomerId(r.uuid("into_id")),
                r.instant("merged_at"), r.text("actor"));
    }
}
