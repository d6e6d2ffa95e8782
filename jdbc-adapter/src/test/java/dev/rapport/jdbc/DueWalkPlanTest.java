package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which index H2 plans the walk over the follow-ups due in a range through ({@link DueWalkSql}), from {@code EXPLAIN}
 * on a migrated schema: a page must cost what its range holds, not what the status holds before it, so each run must
 * seek through the {@code (status, due_at, id)} index in that index's order ("index sorted": H2 stops at the limit).
 */
@DisplayName("The walk over the follow-ups due in a range on H2")
class DueWalkPlanTest {

    private static final Instant FROM = Instant.parse("2025-03-10T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-17T00:00:00Z");

    private final DataSource h2 = TestDatabases.h2Memory();
    private final String prefix = TestDatabases.freshPrefix();

    /** H2's plan of a page, the first or one after a follow-up. */
    private String plan(boolean after) throws SQLException {
        JdbcStorage.builder().dataSource(h2).tablePrefix(prefix).build();
        try (Connection c = h2.getConnection();
             Stmt st = new Stmt(c, "EXPLAIN " + DueWalkSql.sql("id, due_at", prefix + "follow_up", after))) {
            st.text("SENT").text("survey");
            if (after) {
                st.instant(FROM.plusSeconds(60)).uuid(UUID.randomUUID()).integer(100).text("SENT").text("survey")
                        .instant(FROM.plusSeconds(60)).instant(TO).integer(100).integer(100);
            } else {
                st.instant(FROM).instant(TO).integer(100);
            }
            return st.list(r -> r.text("plan")).get(0).toLowerCase(Locale.ROOT);
        }
    }

    @Test
    @DisplayName("seeks the first page from the range's start through the (status, due_at, id) index, in its order")
    void firstPage() throws SQLException {
        // given / when
        String plan = plan(false);

        // then
        assertThat(plan).contains(prefix + "follow_up_status_idx").contains("index sorted");
    }

    @Test
    @DisplayName("seeks a later page in two runs through the (status, due_at, id) index, each in its order")
    void laterPage() throws SQLException {
        // given / when
        String plan = plan(true);

        // then
        assertThat(plan.split(prefix + "follow_up_status_idx", -1)).hasSize(3);
        assertThat(plan.split("index sorted", -1)).hasSize(3);
    }
}
