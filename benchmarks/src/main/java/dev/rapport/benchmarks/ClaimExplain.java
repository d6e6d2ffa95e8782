package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.jdbc.JdbcStorage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows what claiming due follow-ups costs on PostgreSQL as the backlog grows: for each backlog size (arguments,
 * default 10000 and 1000000 due follow-ups, plus 1% with expired leases and 10% not yet due), fills the table,
 * analyses it, logs {@code EXPLAIN (ANALYZE, BUFFERS)} of the claim statement the JDBC adapter sends and of the one
 * it sent before (one {@code OR} condition), each rolled back,
 * then times {@code claimDue(owner, 5 min, 100)} through {@link JdbcStorage} 20 times (each claim rolled back by
 * re-scheduling what it claimed) and logs the median. Not a JMH benchmark: a look at the plan, with the load average.
 */
public final class ClaimExplain {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimExplain.class);
    private static final String PREFIX = "rapport_";

    private ClaimExplain() {
    }

    /**
     * Runs the comparison.
     *
     * @param args backlog sizes
     * @throws SQLException if a statement fails
     */
    public static void main(String[] args) throws SQLException {
        int[] sizes = args.length == 0 ? new int[] {10_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        try (BenchmarkPostgres postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.DURABLE)) {
            JdbcStorage storage = JdbcStorage.builder().dataSource(postgres.dataSource()).tablePrefix(PREFIX).build();
            String table = PREFIX + "follow_up";
            for (int size : sizes) {
                fill(postgres, table, size);
                StringBuilder plan = new StringBuilder();
                for (String sql : new String[] {previousClaimSql(table), claimSql(table)}) {
                    plan.append(sql.startsWith("WITH") ? "\n-- now:" : "\n-- before:");
                    try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement()) {
                        c.setAutoCommit(false);
                        try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                            while (rs.next()) {
                                plan.append('\n').append(rs.getString(1));
                            }
                        }
                        c.rollback();
                    }
                }
                long[] nanos = new long[20];
                for (int n = 0; n < nanos.length; n++) {
                    long started = System.nanoTime();
                    int claimed = storage.followUps().claimDue("explain", Duration.ofMinutes(5), 100).size();
                    nanos[n] = System.nanoTime() - started;
                    if (claimed != 100) {
                        throw new IllegalStateException("claimed " + claimed + " of 100");
                    }
                    postgres.execute("UPDATE " + table + " SET status = 'SCHEDULED', lease_owner = NULL,"
                            + " lease_until = NULL WHERE lease_owner = 'explain'");
                }
                Arrays.sort(nanos);
                LOG.info("backlog {} due: claimDue(100) median {} ms (min {}, max {}), load average {}; plan:{}", size,
                        String.format("%.2f", nanos[10] / 1e6), String.format("%.2f", nanos[0] / 1e6),
                        String.format("%.2f", nanos[19] / 1e6), loadAverage(), plan);
            }
        }
    }

    /** The adapter's one-statement claim on PostgreSQL ({@code JdbcFollowUps}), with its parameters written in. */
    static String claimSql(String table) {
        return "WITH s AS (SELECT id, due_at FROM " + table + " WHERE status = 'SCHEDULED' AND due_at <= now()"
                + " ORDER BY due_at, id LIMIT 100 FOR UPDATE SKIP LOCKED), e AS (SELECT id, due_at FROM " + table
                + " WHERE status = 'CLAIMED' AND (lease_until IS NULL OR lease_until < now()) ORDER BY due_at, id"
                + " LIMIT 100 FOR UPDATE SKIP LOCKED) UPDATE " + table + " SET status = 'CLAIMED', lease_owner ="
                + " 'explain', lease_until = (now() + CAST(300000000 AS BIGINT) * INTERVAL '1 microsecond'),"
                + " updated_at = now(), version = version + 1 WHERE id = ANY(ARRAY(SELECT id FROM (SELECT id, due_at"
                + " FROM s UNION ALL SELECT id, due_at FROM e) d ORDER BY due_at, id LIMIT 100)) RETURNING id";
    }

    /** The claim the adapter sent before, one {@code OR} condition over both kinds of due rows. */
    static String previousClaimSql(String table) {
        return "UPDATE " + table + " SET status = 'CLAIMED', lease_owner = 'explain', lease_until = (now() + CAST(300000000"
                + " AS BIGINT) * INTERVAL '1 microsecond'), updated_at = now(), version = version + 1 WHERE id = ANY("
                + "ARRAY(SELECT id FROM " + table + " WHERE " + JdbcDue.DUE + " ORDER BY due_at, id LIMIT 100"
                + " FOR UPDATE SKIP LOCKED)) RETURNING id";
    }

    /** The due condition, as {@code JdbcFollowUps} writes it on PostgreSQL. */
    static final class JdbcDue {
        static final String DUE = "((status = 'SCHEDULED' AND due_at <= now()) OR (status = 'CLAIMED' AND"
                + " (lease_until IS NULL OR lease_until < now())))";

        private JdbcDue() {
        }
    }

    private static void fill(BenchmarkPostgres postgres, String table, int due) {
        postgres.execute("TRUNCATE " + table);
        int expired = Math.max(1, due / 100);
        int future = due / 10;
        postgres.execute("INSERT INTO " + table + " (id, customer_id, case_id, kind, channel, due_at, expires_at,"
                + " status, attempts, idempotency_key, lease_owner, lease_until, last_error, cancel_reason, item_values,"
                + " created_at, updated_at, version) SELECT gen_random_uuid(), gen_random_uuid(), NULL, 'reminder',"
                + " 'email', now() - (g % 100000) * INTERVAL '1 second', NULL, 'SCHEDULED', 0, 'k' || g, NULL, NULL,"
                + " NULL, NULL, '{}', now() - INTERVAL '2 days', now() - INTERVAL '2 days', 0"
                + " FROM generate_series(1, " + due + ") g");
        postgres.execute("INSERT INTO " + table + " (id, customer_id, case_id, kind, channel, due_at, expires_at,"
                + " status, attempts, idempotency_key, lease_owner, lease_until, last_error, cancel_reason, item_values,"
                + " created_at, updated_at, version) SELECT gen_random_uuid(), gen_random_uuid(), NULL, 'reminder',"
                + " 'email', now() - (g % 100000) * INTERVAL '1 second', NULL, 'CLAIMED', 1, 'e' || g, 'dead',"
                + " now() - INTERVAL '1 minute', NULL, NULL, '{}', now() - INTERVAL '2 days', now(), 1"
                + " FROM generate_series(1, " + expired + ") g");
        postgres.execute("INSERT INTO " + table + " (id, customer_id, case_id, kind, channel, due_at, expires_at,"
                + " status, attempts, idempotency_key, lease_owner, lease_until, last_error, cancel_reason, item_values,"
                + " created_at, updated_at, version) SELECT gen_random_uuid(), gen_random_uuid(), NULL, 'reminder',"
                + " 'email', now() + (1 + g % 100000) * INTERVAL '1 second', NULL, 'SCHEDULED', 0, 'f' || g, NULL,"
                + " NULL, NULL, NULL, '{}', now(), now(), 0 FROM generate_series(1, " + future + ") g");
        postgres.execute("VACUUM ANALYZE " + table);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
