package dev.rapport.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what one call of each {@link SingleOperationBenchmark} operation asks of the database: connections taken,
 * statements executed (each execute or batch is one round trip), commits and rollbacks, other connection calls that
 * may reach the server (isolation, auto-commit, metadata), and the SQL text of every statement with how often it ran
 * per call. Also the median and fastest time of a call over the same calls, on one thread, and the median CPU time
 * of the calling thread per call (from {@code ThreadMXBean}: on H2, which runs in the calling thread, the whole cost
 * of a call, and little disturbed by other processes waiting for the CPU), and the median bytes the calling thread
 * allocated per call (on H2 the database's allocations too; not disturbed by load at all): a hint where time goes, not a
 * benchmark. Not a benchmark itself; it explains what the benchmark measures. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.SingleOperationStatements [database...]}
 * where each database is {@code h2}, {@code h2file} or {@code postgres} (durable); all three by default. The system
 * property {@code single.calls} sets the number of counted calls per operation (default 200, after as many
 * uncounted ones).
 */
public final class SingleOperationStatements {

    private static final Logger LOG = LoggerFactory.getLogger(SingleOperationStatements.class);

    private SingleOperationStatements() {
    }

    /** One operation of the benchmark. */
    @FunctionalInterface
    private interface Operation {
        void run(SingleOperationBenchmark benchmark) throws Exception;
    }

    /**
     * Runs every operation on every database named and logs the counts per call.
     *
     * @param args the databases: {@code h2}, {@code h2file}, {@code postgres}; all three when none
     * @throws Exception if a database or an operation fails
     */
    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("single.calls", 200);
        String[] databases = args.length == 0 ? new String[] {"h2", "h2file", "postgres"} : args;
        Map<String, Operation> operations = new java.util.LinkedHashMap<>();
        operations.put("registerCustomer", SingleOperationBenchmark::registerCustomer);
        operations.put("openCase", SingleOperationBenchmark::openCase);
        operations.put("recordInteraction", SingleOperationBenchmark::recordInteraction);
        operations.put("recordFeedback", SingleOperationBenchmark::recordFeedback);
        operations.put("rawCustomer", SingleOperationBenchmark::rawCustomer);
        operations.put("rawCase", SingleOperationBenchmark::rawCase);
        operations.put("rawInteraction", SingleOperationBenchmark::rawInteraction);
        operations.put("rawFeedback", SingleOperationBenchmark::rawFeedback);
        for (String database : databases) {
            StatementCounter counting = new StatementCounter(false);
            DataSource[] unwrapped = new DataSource[1];
            SingleOperationBenchmark benchmark = new SingleOperationBenchmark();
            benchmark.database = database;
            benchmark.durability = "durable";
            benchmark.wrapDataSource = target -> {
                unwrapped[0] = target;
                return counting.wrap(target);
            };
            benchmark.start();
            StringBuilder table = new StringBuilder("| operation | connections | statements | commits | rollbacks |"
                    + " other calls | median us | fastest us | median thread CPU us | median bytes allocated by the thread"
                    + " | outbox pending after |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
            StringBuilder texts = new StringBuilder();
            for (Map.Entry<String, Operation> operation : operations.entrySet()) {
                for (int i = 0; i < calls; i++) {
                    operation.getValue().run(benchmark);
                }
                counting.reset();
                long[] nanos = new long[calls];
                long[] cpu = new long[calls];
                long[] allocated = new long[calls];
                for (int i = 0; i < calls; i++) {
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long allocatedStart = allocations.getCurrentThreadAllocatedBytes();
                    long start = System.nanoTime();
                    operation.getValue().run(benchmark);
                    nanos[i] = System.nanoTime() - start;
                    cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
                    allocated[i] = allocations.getCurrentThreadAllocatedBytes() - allocatedStart;
                }
                Arrays.sort(nanos);
                Arrays.sort(cpu);
                Arrays.sort(allocated);
                table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d | %d | %d |%n",
                        operation.getKey(), counting.connections.sum() / (double) calls,
                        counting.executes.sum() / (double) calls, counting.commits.sum() / (double) calls,
                        counting.rollbacks.sum() / (double) calls, counting.otherCalls.sum() / (double) calls,
                        nanos[calls / 2] / 1000, nanos[0] / 1000, cpu[calls / 2] / 1000, allocated[calls / 2],
                        pending(unwrapped[0])));
                texts.append(operation.getKey()).append(":\n");
                new TreeMap<>(counting.sql).forEach((sql, n) -> texts.append(String.format(Locale.ROOT,
                        "  %.2f x %s%n", n.sum() / (double) calls, sql)));
                new TreeMap<>(counting.other).forEach((call, n) -> texts.append(String.format(Locale.ROOT,
                        "  %.2f x Connection.%s()%n", n.sum() / (double) calls, call)));
            }
            benchmark.stop();
            LOG.info("Per call of SingleOperationBenchmark on {} ({} calls each, one thread):\n{}\n{}", database, calls,
                    table, texts);
        }
    }

    /** The events waiting in the outbox of the benchmark's prefix, read past the counters. */
    private static long pending(DataSource unwrapped) throws java.sql.SQLException {
        try (java.sql.Connection c = unwrapped.getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + SingleOperationBenchmark.PREFIX
                        + "outbox WHERE status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
