package dev.rapport.benchmarks;

import dev.rapport.jdbc.BulkIngestResult;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.interaction.Interaction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link BulkIngestBenchmark}'s Rapport ingest spends more than the raw {@code COPY} baseline, measured so that
 * load swings hit every contender alike: one JVM, one embedded PostgreSQL filled as the benchmark fills it, and per
 * round, one after the other, Rapport's ingest of the round's {@value BulkIngestBenchmark#ROWS} offered rows and the
 * raw {@code COPY} of the new ones (wall time and the calling thread's CPU time of each), then three forms of the
 * duplicate look-up alone, each in its own transactions: the statement the ingest ran per batch of {@value
 * BulkIngestBenchmark#BATCH} until now (20 statements), the same statement over the call's keys at once, and the form
 * the ingest runs now, which sorts the call's keys and probes them in index order. Logs the medians in milliseconds per
 * round, the ratio of the medians (raw {@code COPY} time over Rapport's time, which is Rapport's score over the
 * baseline's in the benchmark's terms), what one more ingest asks of the database (connections, commits, statements,
 * through {@link StatementCounter}), and PostgreSQL's plans of the look-ups with their timing and buffers. Not a
 * benchmark; it explains one.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.BulkIngestProbe [stored]
 * [rounds] [durability]} (defaults 1000000, 15 and {@code durable}); the first three rounds are not counted.
 */
public final class BulkIngestProbe {

    private static final Logger LOG = LoggerFactory.getLogger(BulkIngestProbe.class);

    private BulkIngestProbe() {
    }

    /**
     * Fills the tables, runs the rounds and logs the medians, the ratio and the look-up's plan.
     *
     * @param args rows stored beforehand, rounds, durability
     * @throws Exception if the database or a contender fails
     */
    public static void main(String[] args) throws Exception {
        int stored = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String durability = args.length > 2 ? args[2] : "durable";
        String load = loadAverage();
        BulkIngestBenchmark bench = new BulkIngestBenchmark();
        bench.stored = stored;
        bench.durability = durability;
        bench.startDatabase();
        String table = BulkIngestBenchmark.PREFIX + "interaction";
        String lookup = "SELECT id, external_id FROM " + table + " WHERE id IN (SELECT unnest(?::uuid[]))"
                + " UNION ALL SELECT id, external_id FROM " + table + " WHERE external_id IN (SELECT unnest(?::text[]))";
        // the keys sorted, each probed by a nested loop the planner cannot turn into a hash join (LIMIT 1 keeps the
        // lateral subquery from being pulled up), so that consecutive probes walk the index in its order
        String sortedLookup = "SELECT x.id, x.external_id FROM (SELECT unnest(?::uuid[]) AS k ORDER BY 1) keys,"
                + " LATERAL (SELECT id, external_id FROM " + table + " WHERE id = keys.k LIMIT 1) x"
                + " UNION ALL SELECT x.id, x.external_id FROM (SELECT unnest(?::text[]) AS k ORDER BY 1) keys,"
                + " LATERAL (SELECT id, external_id FROM " + table + " WHERE external_id = keys.k LIMIT 1) x";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<long[]> times = new ArrayList<>();
        String plan = "";
        String counted;
        try {
            for (int round = 0; round < rounds; round++) {
                long[] t = new long[COLUMNS.length];
                bench.nextRows();
                long start = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                bench.rapportIngest();
                t[1] = threads.getCurrentThreadCpuTime() - cpu;
                t[0] = System.nanoTime() - start;
                bench.checkStored();
                bench.nextRows();
                start = System.nanoTime();
                cpu = threads.getCurrentThreadCpuTime();
                bench.rawCopy();
                t[3] = threads.getCurrentThreadCpuTime() - cpu;
                t[2] = System.nanoTime() - start;
                bench.checkStored();
                bench.nextRows();
                start = System.nanoTime();
                lookUps(bench, lookup, BulkIngestBenchmark.BATCH, false);
                t[4] = System.nanoTime() - start;
                start = System.nanoTime();
                lookUps(bench, lookup, BulkIngestBenchmark.ROWS, false);
                t[5] = System.nanoTime() - start;
                start = System.nanoTime();
                lookUps(bench, sortedLookup, BulkIngestBenchmark.ROWS, false);
                t[6] = System.nanoTime() - start;
                if (round == rounds - 1) {
                    plan = "per batch of 500 keys (before):\n"
                            + lookUps(bench, "EXPLAIN (ANALYZE, BUFFERS) " + lookup, BulkIngestBenchmark.BATCH, true)
                            + "the call's 10,000 keys in one statement:\n"
                            + lookUps(bench, "EXPLAIN (ANALYZE, BUFFERS) " + lookup, BulkIngestBenchmark.ROWS, true)
                            + "the call's keys sorted, by a lateral nested loop (now):\n"
                            + lookUps(bench, "EXPLAIN (ANALYZE, BUFFERS) " + sortedLookup, BulkIngestBenchmark.ROWS,
                                    true);
                }
                if (round >= 3) {
                    times.add(t);
                }
            }
            counted = countOneIngest(bench);
        } finally {
            bench.stopDatabase();
        }
        StringBuilder medians = new StringBuilder();
        double[] median = new double[COLUMNS.length];
        for (int k = 0; k < COLUMNS.length; k++) {
            int index = k;
            long[] column = times.stream().mapToLong(t -> t[index]).sorted().toArray();
            median[k] = column[column.length / 2] / 1e6;
            medians.append(String.format(Locale.ROOT, "%n  %-58s %8.1f", COLUMNS[k], median[k]));
        }
        LOG.info(String.format(Locale.ROOT, "%,d rows stored, %s, %d counted rounds of %,d rows offered (load average"
                + " before %s, after %s), median ms per round:%s%nRapport / raw COPY in the benchmark's terms (rows per"
                + " second, ratio of the medians) %.2f; without Rapport's look-up it would be %.2f%n%s%nPlans:%n%s",
                stored, durability, times.size(), BulkIngestBenchmark.ROWS, load, loadAverage(), medians,
                median[2] / median[0], median[2] / (median[0] - median[5]), counted, plan));
    }

    /** What each column of a round holds, in milliseconds. */
    private static final String[] COLUMNS = {
        "Rapport ingest, wall",
        "Rapport ingest, CPU of the calling thread",
        "raw COPY of the new rows, wall",
        "raw COPY of the new rows, CPU of the calling thread",
        "look-up per batch of 500 (before: 20 statements)",
        "look-up of the call, IN (SELECT unnest) (1 statement)",
        "look-up of the call, keys sorted, lateral (now: 1 statement)",
    };

    /** Ingests one more round through a counting data source and says what it asked of the database. */
    private static String countOneIngest(BulkIngestBenchmark bench) {
        StatementCounter counter = new StatementCounter(true);
        JdbcStorage counting = JdbcStorage.builder().dataSource(counter.wrap(bench.dataSource))
                .tablePrefix(BulkIngestBenchmark.PREFIX).migrate(false).build();
        bench.nextRows();
        counter.reset();
        BulkIngestResult result = counting.ingestInteractions(bench.rows);
        long connections = counter.connections.sum();
        long commits = counter.commits.sum();
        Map<String, Long> statements = counter.snapshot();
        bench.checkStored();
        return String.format(Locale.ROOT, "One Rapport ingest of %,d rows offered (%s): %d connections taken, %d"
                + " commits, statements (COPY goes through the driver's copy API, not counted here): %s; the raw"
                + " contender commits once per %d new rows (%d commits)", bench.rows.size(), result, connections,
                commits, statements.entrySet().stream().filter(e -> !e.getKey().startsWith("\u0000"))
                        .map(e -> e.getValue() + " x " + e.getKey()).toList(), BulkIngestBenchmark.BATCH,
                (bench.rows.size() * 9 / 10 + BulkIngestBenchmark.BATCH - 1) / BulkIngestBenchmark.BATCH);
    }

    /** Runs the look-up for every slice of {@code keys} of the round's offered rows, each in a transaction of its own. */
    private static String lookUps(BulkIngestBenchmark bench, String sql, int keys, boolean once) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = bench.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int from = 0; from < bench.rows.size(); from += keys) {
                    List<Interaction> batch = bench.rows.subList(from, Math.min(bench.rows.size(), from + keys));
                    Object[] ids = batch.stream().map(i -> i.id().value()).toArray();
                    Object[] externalIds = batch.stream().flatMap(i -> i.externalId().stream()).toArray();
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.setArray(2, c.createArrayOf("text", externalIds));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (once) {
                                String line = rs.getString(1);
                                // the plan repeats the keys; keep the shape
                                out.append(line.length() > 160 ? line.substring(0, 160) + "..." : line).append('\n');
                            }
                        }
                    }
                    c.commit();
                    if (once) {
                        break;
                    }
                }
            }
            c.setAutoCommit(true);
        }
        return out.toString();
    }

    private static String loadAverage() {
        try {
            return Arrays.toString(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim()
                    .split(" ", 4)).replace(",", "");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
