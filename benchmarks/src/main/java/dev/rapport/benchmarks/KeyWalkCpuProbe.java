package dev.rapport.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The period reads of {@link KeyWalkBenchmark} on in-process H2, timed in the thread's CPU time rather than the wall
 * clock, for a machine too loaded for JMH's averages to mean much: H2 runs in the calling thread, so its CPU time is
 * the query's whole cost. Arguments: how many times to read the period by due time (the baseline, the walk over every
 * sent follow-up, is read a tenth as often, at least once), then the table sizes (default 200, then 10000 and
 * 100000). For each size, fills the table as the benchmark does, warms up, and logs the CPU time per read of both.
 * Not JMH; a probe.
 */
public final class KeyWalkCpuProbe {

    private static final Logger LOG = LoggerFactory.getLogger(KeyWalkCpuProbe.class);

    private KeyWalkCpuProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the number of reads by due time, then the table sizes
     * @throws SQLException if the database fails
     */
    public static void main(String[] args) throws SQLException {
        String[] given = args.length == 0 ? new String[] {"200", "10000", "100000"} : args;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int repeats = Integer.parseInt(given[0]);
        int baselineRepeats = Math.max(1, repeats / 10);
        for (int a = 1; a < given.length; a++) {
            KeyWalkBenchmark walk = new KeyWalkBenchmark();
            walk.rows = Integer.parseInt(given[a]);
            walk.database = "h2";
            walk.fill();
            for (int i = 0; i < 20; i++) {
                walk.periodByDue();
            }
            for (int i = 0; i < 3; i++) {
                walk.periodBySentWalk();
            }
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < repeats; i++) {
                walk.periodByDue();
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < baselineRepeats; i++) {
                walk.periodBySentWalk();
            }
            long end = threads.getCurrentThreadCpuTime();
            LOG.info("{} rows: CPU per read of the period, by due time {} ms, by the walk over every sent follow-up"
                    + " {} ms", walk.rows, String.format("%.2f", (middle - start) / 1e6 / repeats),
                    String.format("%.2f", (end - middle) / 1e6 / baselineRepeats));
            walk.stop();
        }
    }
}
