package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.jdbc.JdbcStorage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what Rapport's dispatcher asks of PostgreSQL per dispatched follow-up, the figures of issue 14's target 4
 * that load does not distort: connections taken, statements executed (each execute or batch is one round trip),
 * commits, other connection calls that may reach the server (auto-commit, isolation, read-only), the SQL text of
 * every statement with how often it ran per item and the wall time its calls took per item (waiting included, so a
 * hint under load, not a measurement), and the JVM's CPU time per item (every thread of the process, so
 * also the pool's, the JIT's and the benchmark's) and the embedded PostgreSQL's CPU time per item (its postmaster and
 * backends, read from {@code /proc}; Linux only). It runs both contenders of
 * {@link DispatchBenchmark} and {@link DispatchNodes}, {@link RapportDispatch} and {@link DbSchedulerDispatch}, one
 * after the other on one embedded PostgreSQL, through the same counting wrapper. Not a benchmark; it explains one:
 * counts and CPU time per item are what a loaded machine does not distort.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.DispatchStatements
 * [threads...]} (default 1, 4 and 10); system properties {@code dispatch.items} (items per round, default 4,000),
 * {@code dispatch.rounds} (rounds per contender and thread count, the first uncounted; default 3),
 * {@code dispatch.engines} ({@code rapport,dbScheduler} by default) and {@code dispatch.durability}
 * ({@code non-durable} by default, or {@code durable}).
 */
public final class DispatchStatements {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchStatements.class);

    private DispatchStatements() {
    }

    /**
     * Dispatches a warm-up round and a counted round per thread count and logs the counts per item.
     *
     * @param args the thread counts; 1, 4 and 10 when none
     * @throws Exception if the database or the dispatcher fails
     */
    public static void main(String[] args) throws Exception {
        int items = Integer.getInteger("dispatch.items", 4_000);
        int rounds = Integer.getInteger("dispatch.rounds", 3);
        String durability = System.getProperty("dispatch.durability", "non-durable");
        List<String> engines = List.of(System.getProperty("dispatch.engines", "rapport,dbScheduler").split(","));
        String[] threadCounts = args.length == 0 ? new String[] {"1", "4", "10"} : args;
        StringBuilder table = new StringBuilder("| engine | threads | round | items | connections | statements"
                + " | commits | other calls | JVM CPU us | PostgreSQL CPU us | wall ms | items/s |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder texts = new StringBuilder();
        String loadBefore = loadAverage();
        try (BenchmarkPostgres postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability))) {
            StatementCounter counting = new StatementCounter(true);
            DataSource counted = counting.wrap(postgres.dataSource());
            JdbcStorage storage = JdbcStorage.builder().dataSource(counted).tablePrefix(DispatchBenchmark.PREFIX)
                    .build();
            RapportDispatch.storeCustomers(storage);
            DbSchedulerDispatch.createTable(postgres);
            long postmaster = postmaster(postgres);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (String threadCount : threadCounts) {
                int threads = Integer.parseInt(threadCount);
                for (String engine : engines) {
                    DispatchEngine contender = engine.equals("rapport") ? new RapportDispatch(() -> {
                        postgres.execute("TRUNCATE " + DispatchBenchmark.PREFIX + "follow_up, "
                                + DispatchBenchmark.PREFIX + "outbox, " + DispatchBenchmark.PREFIX
                                + "outbox_sequence");
                        return storage;
                    }, threads) : new DbSchedulerDispatch(postgres, threads, counting::wrap);
                    for (int round = 0; round < rounds; round++) {
                        contender.prepare(items);
                        counting.reset();
                        long cpu = os.getProcessCpuTime();
                        long serverCpu = serverCpu(postmaster);
                        long start = System.nanoTime();
                        contender.runUntilDone(Duration.ofMinutes(10));
                        long wall = System.nanoTime() - start;
                        cpu = os.getProcessCpuTime() - cpu;
                        serverCpu = serverCpu(postmaster) - serverCpu;
                        Map<String, Long> sql = counting.snapshot();
                        long[] totals = {counting.connections.sum(), counting.executes.sum(),
                                counting.commits.sum(), counting.otherCalls.sum()};
                        contender.finishAndCheck();
                        if (round == 0) {
                            continue; // warm-up
                        }
                        double perItem = items;
                        table.append(String.format(Locale.ROOT,
                                "| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f | %d | %.0f |%n",
                                engine, threads, round, items, totals[0] / perItem, totals[1] / perItem,
                                totals[2] / perItem, totals[3] / perItem, cpu / 1000.0 / perItem,
                                serverCpu / 1000.0 / perItem, wall / 1_000_000, items / (wall / 1e9)));
                        if (round == rounds - 1) {
                            texts.append(engine).append(", ").append(threads).append(" threads, per item:\n");
                            sql.forEach((text, n) -> {
                                if (!text.startsWith("\u0000")) {
                                    Long spent = sql.get("\u0000" + text);
                                    texts.append(String.format(Locale.ROOT, "  %.4f x %s%s%n", n / perItem,
                                            spent == null ? "" : String.format(Locale.ROOT, "[%.1f us per item, wall]"
                                                    + " ", spent / 1000.0 / perItem), text));
                                }
                            });
                        }
                    }
                    contender.close();
                }
            }
            LOG.info("Dispatch on {} PostgreSQL ({}), per item; load average before {}, after {}:\n{}\n{}",
                    durability, postgres.settings(), loadBefore, loadAverage(), table, texts);
        }
    }

    /** The process id of the embedded server's postmaster: the parent of any of its backends. */
    private static long postmaster(BenchmarkPostgres postgres) {
        long backend = postgres.queryLong("SELECT pg_backend_pid()");
        return stat(backend)[1];
    }

    /**
     * CPU time in nanoseconds the server's processes used so far: the postmaster's own, that of its children that
     * ended (backends whose connections closed), and that of its live children; read from {@code /proc}, so only on
     * Linux (0 elsewhere).
     */
    private static long serverCpu(long postmaster) {
        long ticks = 0;
        try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path dir : (Iterable<java.nio.file.Path>) processes::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long[] stat = stat(pid);
                if (pid == postmaster) {
                    ticks += stat[2] + stat[3] + stat[4] + stat[5];
                } else if (stat[1] == postmaster) {
                    ticks += stat[2] + stat[3];
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** Of /proc/pid/stat: pid, parent pid, utime, stime, cutime, cstime in clock ticks; zeros if it is gone. */
    private static long[] stat(long pid) {
        try {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[6];
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
