package dev.rapport.benchmarks;

import dev.rapport.benchmarks.HandWrittenKpiSql.Acc;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.spi.kpi.Dimension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares, KPI by KPI, the pushdown on in-memory H2 with the hand-written H2 SQL of {@link HandWrittenKpiSql} on
 * the same data: for each part of the hand-written report (one statement or one walk, covering one or several KPIs),
 * the pushdown computes each of those KPIs once ({@code KpiEngine.compute}) and the hand-written SQL runs that part
 * once, alternately (the order swapping from pass to pass, so both contenders see the same load), after one untimed
 * warm-up pass; {@code -Dprobe.passes} timed passes (default 5). Logs per part the median wall time and the median
 * CPU time and allocated bytes of the calling thread (CPU also per KPI; H2 in memory runs its queries on the
 * caller's thread, so that time hardly depends on what else the machine runs) of each contender, their ratios, and
 * the sums over all parts. Not a JMH benchmark:
 * an A/B comparison that says which KPIs' SQL is slower than the baseline's. Arguments: the numbers of cases
 * (default 20000 100000); {@code -Dprobe.channel=true} breaks the report down by channel; {@code -Dprobe.parts=cases,
 * repeat} compares only the parts named; {@code -Dprobe.report=true} adds the whole report ({@code KpiEngine.report}
 * against {@code HandWrittenKpiSql.report}) as a last part, which the sum leaves out.
 */
public final class KpiH2Compare {

    private static final Logger LOG = LoggerFactory.getLogger(KpiH2Compare.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOCATIONS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One part of the hand-written report and the KPIs it computes. */
    private record Part(String name, List<String> kpis, HandWritten run) {
    }

    /** Runs one part of the hand-written report. */
    @FunctionalInterface
    private interface HandWritten {
        void run(Statement st, Map<String, Map<String, Acc>> acc) throws SQLException;
    }

    private KpiH2Compare() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the numbers of cases
     * @throws SQLException if a hand-written statement fails
     */
    public static void main(String[] args) throws SQLException {
        int[] sizes = args.length == 0 ? new int[] {20_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        boolean channel = Boolean.getBoolean("probe.channel");
        int passes = Integer.getInteger("probe.passes", 5);
        java.util.Set<String> only = System.getProperty("probe.parts") == null ? null
                : java.util.Set.of(System.getProperty("probe.parts").split(","));
        StringBuilder report = new StringBuilder();
        for (int size : sizes) {
            report.append(compare(size, channel, passes, only));
        }
        LOG.info("Pushdown / hand-written on H2{}, median of {} passes, load average {}:{}",
                channel ? " by channel" : "", passes, loadAverage(), report);
    }

    private static String compare(int cases, boolean channel, int passes, java.util.Set<String> only)
            throws SQLException {
        String loadBefore = loadAverage();
        try (KpiBenchH2 h2 = KpiBenchH2.open(KpiBenchData.Size.ofCases(cases))) {
            KpiEngine engine = KpiEngine.builder().storage(h2.storage()).source(KpiEngine.Source.STORAGE)
                    .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).settings(KpiSettings.defaults()).build();
            KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
            KpiRequest request = channel ? total.by(Dimension.CHANNEL) : total;
            HandWrittenKpiSql baseline = HandWrittenKpiSql.forH2(h2.dataSource(), KpiBenchDatabase.PREFIX,
                    KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF);
            List<String> statements = baseline.statements(channel);
            java.util.function.Function<Statement, HandWrittenKpiSqlH2> walks = st -> new HandWrittenKpiSqlH2(st,
                    KpiBenchDatabase.PREFIX, KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, channel);
            List<Part> parts = new ArrayList<>(List.of(
                    new Part("ratings", List.of("csat", "csat_mean", "nps", "ces"),
                            (s, acc) -> HandWrittenFigures.read(s, statements.get(0), acc)),
                    new Part("cases", List.of("first_reply_time", "first_resolution_time", "full_resolution_time",
                            "reopen_rate", "first_contact_resolution"),
                            (s, acc) -> HandWrittenFigures.read(s, statements.get(1), acc)),
                    new Part("next_reply", List.of("next_reply_time"), (s, acc) -> walks.apply(s).nextReplies(acc)),
                    new Part("repeat", List.of("repeat_contact_rate"), (s, acc) -> {
                        HandWrittenFigures.read(s, statements.get(2), acc);
                        walks.apply(s).repeatContacts(acc);
                    }),
                    new Part("interactions", List.of("average_handle_time", "compliments", "containment_rate"),
                            (s, acc) -> HandWrittenFigures.read(s, statements.get(3), acc)),
                    new Part("backlog", List.of("backlog"), (s, acc) -> walks.apply(s).backlog(acc)),
                    new Part("revenue_after_service", List.of("revenue_after_service"),
                            (s, acc) -> walks.apply(s).revenueAfterService(acc)),
                    new Part("customers", List.of("churn_rate", "retention_rate", "loyal_customer_share",
                            "historic_lifetime_value", "predictive_lifetime_value"),
                            (s, acc) -> HandWrittenFigures.read(s, statements.get(4), acc))));
            if (Boolean.getBoolean("probe.report")) {
                // the whole report: the engine's (shared questions asked once) against the hand-written one
                parts.add(new Part("report", List.of(), (s, acc) -> baseline.report(channel)));
            }
            parts.removeIf(p -> only != null && !only.contains(p.name()));
            Map<String, Kpi> kpis = new TreeMap<>();
            engine.kpis().forEach(k -> kpis.put(k.code(), k));
            // [part][0 pushdown wall, 1 pushdown cpu, 2 hand wall, 3 hand cpu, 4 pushdown bytes, 5 hand bytes][pass]
            long[][][] samples = new long[parts.size()][6][passes];
            Map<String, long[]> perKpi = new LinkedHashMap<>();
            for (int pass = 0; pass <= passes; pass++) {
                for (int p = 0; p < parts.size(); p++) {
                    Part part = parts.get(p);
                    for (int turn = 0; turn < 2; turn++) {
                        boolean pushdown = (pass + p + turn) % 2 == 0;
                        long wall = System.nanoTime();
                        long cpu = THREADS.getCurrentThreadCpuTime();
                        long bytes = ALLOCATIONS.getCurrentThreadAllocatedBytes();
                        if (pushdown && part.kpis().isEmpty()) {
                            engine.report(request);
                        } else if (pushdown) {
                            for (String code : part.kpis()) {
                                long started = THREADS.getCurrentThreadCpuTime();
                                engine.compute(kpis.get(code), request);
                                if (pass > 0) {
                                    perKpi.computeIfAbsent(code, k -> new long[passes])[pass - 1] =
                                            THREADS.getCurrentThreadCpuTime() - started;
                                }
                            }
                        } else {
                            // a connection of its own, as the hand-written report takes one per report: H2 reuses a
                            // session's last result of a statement it has already run on unchanged tables
                            try (Connection c = h2.dataSource().getConnection(); Statement st = c.createStatement()) {
                                part.run().run(st, new TreeMap<>());
                            }
                        }
                        if (pass > 0) {
                            samples[p][pushdown ? 0 : 2][pass - 1] = System.nanoTime() - wall;
                            samples[p][pushdown ? 1 : 3][pass - 1] = THREADS.getCurrentThreadCpuTime() - cpu;
                            samples[p][pushdown ? 4 : 5][pass - 1] =
                                    ALLOCATIONS.getCurrentThreadAllocatedBytes() - bytes;
                        }
                    }
                }
            }
            StringBuilder table = new StringBuilder(String.format("%n%,d cases (load average %s at the start, %s at"
                    + " the end), ms and MB allocated:%n%-22s %10s %10s %6s %10s %10s %6s %8s %8s   pushdown per KPI"
                    + " (cpu)%n", cases, loadBefore, loadAverage(), "part", "push wall", "hand wall", "ratio",
                    "push cpu", "hand cpu", "ratio", "push MB", "hand MB"));
            long[] sums = new long[6];
            for (int p = 0; p < parts.size(); p++) {
                long[] m = new long[6];
                for (int k = 0; k < 6; k++) {
                    m[k] = median(samples[p][k]);
                    sums[k] += parts.get(p).kpis().isEmpty() ? 0 : m[k];
                }
                StringBuilder each = new StringBuilder();
                for (String code : parts.get(p).kpis()) {
                    each.append(' ').append(code).append(' ').append(median(perKpi.get(code)) / 1_000_000);
                }
                table.append(row(parts.get(p).name(), m)).append(' ').append(each).append('\n');
            }
            table.append(row("sum", sums)).append('\n');
            LOG.info("{}", table);
            return table.toString();
        }
    }

    private static String row(String name, long[] m) {
        return String.format("%-22s %10d %10d %6.2f %10d %10d %6.2f %8d %8d", name, m[0] / 1_000_000,
                m[2] / 1_000_000, (double) m[0] / m[2], m[1] / 1_000_000, m[3] / 1_000_000, (double) m[1] / m[3],
                m[4] >> 20, m[5] >> 20);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
