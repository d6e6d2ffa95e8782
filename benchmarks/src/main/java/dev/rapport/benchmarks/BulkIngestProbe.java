package dev.rapport.benchmarks;

import dev.rapport.spi.interaction.Interaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link BulkIngestBenchmark}'s Rapport ingest spends more than the raw {@code COPY} baseline, measured so that
 * load swings hit every contender alike: one JVM, one embedded PostgreSQL filled as the benchmark fills it, and per
 * round, one after the other, Rapport's ingest of the round's {@value BulkIngestBenchmark#ROWS} offered rows, the raw
 * {@code COPY} of the new ones, and the ingest's look-up alone (the statement {@code JdbcInteractions} runs per batch
 * to find the stored ids and external ids, the same text, one transaction per batch of
 * {@value BulkIngestBenchmark#BATCH}). Logs the medians in milliseconds per round, the ratio of the medians (raw
 * {@code COPY} time over Rapport's time, which is Rapport's score over the baseline's in the benchmark's terms), and
 * PostgreSQL's plan of one look-up with its timing and buffers. Not a benchmark; it explains one.
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
        String lookup = "SELECT id, external_id FROM " + BulkIngestBenchmark.PREFIX + "interaction WHERE id IN"
                + " (SELECT unnest(?::uuid[])) UNION ALL SELECT id, external_id FROM " + BulkIngestBenchmark.PREFIX
                + "interaction WHERE external_id IN (SELECT unnest(?::text[]))";
        List<long[]> times = new ArrayList<>();
        String plan = "";
        try {
            for (int round = 0; round < rounds; round++) {
                long[] t = new long[3];
                bench.nextRows();
                long start = System.nanoTime();
                bench.rapportIngest();
                t[0] = System.nanoTime() - start;
                bench.checkStored();
                bench.nextRows();
                start = System.nanoTime();
                bench.rawCopy();
                t[1] = System.nanoTime() - start;
                bench.checkStored();
                bench.nextRows();
                start = System.nanoTime();
                lookUps(bench, lookup, false);
                t[2] = System.nanoTime() - start;
                if (round == rounds - 1) {
                    plan = lookUps(bench, "EXPLAIN (ANALYZE, BUFFERS) " + lookup, true);
                }
                if (round >= 3) {
                    times.add(t);
                }
            }
        } finally {
            bench.stopDatabase();
        }
        double[] medians = new double[3];
        for (int k = 0; k < 3; k++) {
            int index = k;
            long[] column = times.stream().mapToLong(t -> t[index]).sorted().toArray();
            medians[k] = column[column.length / 2] / 1e6;
        }
        LOG.info(String.format(Locale.ROOT, "%,d rows stored, %s, %d counted rounds of %,d rows offered (load average"
                + " before %s, after %s), median ms per round: Rapport ingest %.1f, raw COPY %.1f, the look-up alone"
                + " %.1f; Rapport / raw COPY in the benchmark's terms (rows per second) %.2f; without the look-up it"
                + " would be %.2f%nPlan of one look-up (500 keys):%n%s", stored, durability, times.size(),
                BulkIngestBenchmark.ROWS, load, loadAverage(), medians[0], medians[1], medians[2],
                medians[1] / medians[0], medians[1] / (medians[0] - medians[2]), plan));
    }

    /** Runs the look-up for every batch of the round's offered rows, each in a transaction of its own. */
    private static String lookUps(BulkIngestBenchmark bench, String sql, boolean once) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = bench.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int from = 0; from < bench.rows.size(); from += BulkIngestBenchmark.BATCH) {
                    List<Interaction> batch = bench.rows.subList(from,
                            Math.min(bench.rows.size(), from + BulkIngestBenchmark.BATCH));
                    Object[] ids = batch.stream().map(i -> i.id().value()).toArray();
                    Object[] externalIds = batch.stream().flatMap(i -> i.externalId().stream()).toArray();
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.setArray(2, c.createArrayOf("text", externalIds));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (once) {
                                String line = rs.getString(1);
                                // the plan repeats the 500 keys; keep the shape
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
