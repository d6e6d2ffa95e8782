package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Hands the storage contract a fresh, empty store per test: one migrated table prefix per test class, emptied
 * before each test.
 */
final class ContractSupport {

    private static final List<String> TABLES = List.of("customer_identity", "customer", "interaction", "support_case",
            "feedback", "follow_up", "agent", "outbox", "outbox_sequence", "complaint_root_cause", "complaint_audit",
            "complaint", "complaint_improvement", "complaint_ref_counter", "routing_work", "routing_holding", "automation_firing",
            "survey_answer", "audit_trail");

    private final DataSource dataSource;
    private JdbcStorage storage;

    ContractSupport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    JdbcStorage emptyStorage() {
        if (storage == null) {
            storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(TestDatabases.freshPrefix()).build();
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                st.executeUpdate("DELETE FROM " + storage.tablePrefix() + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the tables", e);
        }
        return storage;
    }
}
