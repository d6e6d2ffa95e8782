package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which index H2 plans the key walks' statements through, from {@code EXPLAIN} on a migrated schema: the cost of a
 * page must not grow with the pages before it, so each run must seek through an index that starts with its filter and
 * ends with the id, in that index's order ("index sorted": H2 stops at the limit instead of sorting what follows).
 */
@DisplayName("The key walks' statements on H2")
class KeyWalkPlanTest {

    private final DataSource h2 = TestDatabases.h2Memory();
    private final String prefix = TestDatabases.freshPrefix();

    /** H2's plan of a key walk's page over the given states, after an id. */
    private String plan(String table, String column, List<String> states) throws SQLException {
        JdbcStorage.builder().dataSource(h2).tablePrefix(prefix).build();
        KeyWalkSql walk = new KeyWalkSql("id", prefix + table, column);
        try (Connection c = h2.getConnection();
             Stmt st = new Stmt(c, "EXPLAIN " + walk.sql(states.size(), true))) {
            KeyWalkSql.bind(st, states, Optional.of(UUID.randomUUID()), 100);
            return st.list(r -> r.text("plan")).get(0).toLowerCase(Locale.ROOT);
        }
    }

    private String plainPlan(String sql) throws SQLException {
        JdbcStorage.builder().dataSource(h2).tablePrefix(prefix).build();
        try (Connection c = h2.getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.replace("${prefix}", prefix));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1).toLowerCase(Locale.ROOT);
        }
    }

    @Test
    @DisplayName("seek the follow-ups in one status after an id through the (status, id) index, in its order")
    void followUpsInOneStatus() throws SQLException {
        // given / when
        String plan = plan("follow_up", "status", List.of("SENT"));

        // then
        assertThat(plan).contains(prefix + "follow_up_status_id_idx").contains("index sorted");
    }

    @Test
    @DisplayName("seek the complaints in each of several stages through the (stage, id) index, one short run each")
    void complaintsInSeveralStages() throws SQLException {
        // given / when
        String plan = plan("complaint", "stage", List.of("ACKNOWLEDGED", "INVESTIGATING", "RECEIVED"));

        // then
        assertThat(plan.split(prefix + "complaint_stage_id_idx", -1)).hasSize(4);
        assertThat(plan.split("index sorted", -1)).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    @DisplayName("seek the cases in a status through the (status, id) index, in its order")
    void casesInOneStatus() throws SQLException {
        // given / when
        String plan = plan("support_case", "status", List.of("OPEN"));

        // then
        assertThat(plan).contains(prefix + "support_case_status_id_idx").contains("index sorted");
    }

    @Test
    @DisplayName("seek the agents after an id through the primary key, in its order")
    void agentsAfterId() throws SQLException {
        // given / when
        String plan = plainPlan("SELECT id FROM ${prefix}agent WHERE id > RANDOM_UUID() ORDER BY id LIMIT 100");

        // then
        assertThat(plan).contains("primary_key").contains("index sorted");
    }

    @Test
    @DisplayName("count the dead letters through the outbox's (status, id) index")
    void deadLetterCount() throws SQLException {
        // given / when
        String plan = plainPlan("SELECT COUNT(*) FROM ${prefix}outbox WHERE status = 'DEAD'");

        // then
        assertThat(plan).contains(prefix + "outbox_status_idx");
    }
}
