package dev.rapport.benchmarks;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.spi.kpi.Dimension;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times each KPI of the report by pushdown on in-memory H2 at several data set sizes, one untimed warm-up pass and
 * then {@code -Dprobe.passes} timed passes per size (default 3), and logs each KPI's median time and its growth from
 * the smallest size: a look for queries whose cost grows faster than the data, not a JMH benchmark. Arguments: the
 * numbers of cases (default 1000 4000 16000); {@code -Dprobe.channel=true} breaks the report down by channel;
 * {@code -Dprobe.source=STREAMING} times the streaming engine instead; {@code -Dprobe.kpis=csat,nps} times only the
 * KPIs named. Besides wall time it takes each KPI's CPU time of the calling thread and the bytes it allocates
 * ({@code ThreadMXBean}): H2 in memory runs every query on the caller's thread, so those barely depend on what else
 * runs on the machine, and their growth is the evidence under load; the table gives the median of each.
 */
public final class KpiH2Probe {

    private static final Logger LOG = LoggerFactory.getLogger(KpiH2Probe.class);
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOCATIONS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private KpiH2Probe() {
    }

    /** Runs the probe. */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 4_000, 16_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        boolean channel = Boolean.getBoolean("probe.channel");
        KpiEngine.Source source = KpiEngine.Source.valueOf(System.getProperty("probe.source", "STORAGE"));
        int passes = Integer.getInteger("probe.passes", 3);
        java.util.Set<String> only = System.getProperty("probe.kpis") == null ? null
                : java.util.Set.of(System.getProperty("probe.kpis").split(","));
        Map<String, long[]> times = new LinkedHashMap<>();
        Map<String, long[]> cpuTimes = new LinkedHashMap<>();
        Map<String, long[]> allocations = new LinkedHashMap<>();
        for (int s = 0; s < sizes.length; s++) {
            try (KpiBenchH2 h2 = KpiBenchH2.open(KpiBenchData.Size.ofCases(sizes[s]))) {
                KpiEngine engine = KpiEngine.builder().storage(h2.storage()).source(source)
                        .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).build();
                KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
                KpiRequest request = channel ? total.by(Dimension.CHANNEL) : total;
                Map<String, long[]> samples = new LinkedHashMap<>();
                Map<String, long[]> cpuSamples = new LinkedHashMap<>();
                Map<String, long[]> byteSamples = new LinkedHashMap<>();
                for (int pass = 0; pass <= passes; pass++) {
                    for (Kpi kpi : engine.kpis()) {
                        if (!engine.dimensions(kpi).contains(request.breakdown().dimension())
                                || only != null && !only.contains(kpi.code())) {
                            continue;
                        }
                        long bytes = ALLOCATIONS.getCurrentThreadAllocatedBytes();
                        long cpu = THREADS.getCurrentThreadCpuTime();
                        long started = System.nanoTime();
                        engine.compute(kpi, request);
                        long elapsed = System.nanoTime() - started;
                        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                        bytes = ALLOCATIONS.getCurrentThreadAllocatedBytes() - bytes;
                        if (pass > 0) {
                            samples.computeIfAbsent(kpi.code(), k -> new long[passes])[pass - 1] = elapsed;
                            cpuSamples.computeIfAbsent(kpi.code(), k -> new long[passes])[pass - 1] = cpu;
                            byteSamples.computeIfAbsent(kpi.code(), k -> new long[passes])[pass - 1] = bytes;
                            LOG.info("{} cases, {}: {} ms, {} ms of CPU, {} MB", sizes[s], kpi.code(),
                                    elapsed / 1_000_000, cpu / 1_000_000, bytes >> 20);
                        }
                    }
                }
                medians(samples, times, s, sizes.length);
                medians(cpuSamples, cpuTimes, s, sizes.length);
                medians(byteSamples, allocations, s, sizes.length);
            }
        }
        StringBuilder table = new StringBuilder("\nKPI");
        for (String unit : new String[] {"ms", "ms CPU", "MB"}) {
            for (int size : sizes) {
                table.append("\t").append(size).append(" cases, ").append(unit);
            }
            table.append("\tlast / first");
        }
        table.append('\n');
        times.forEach((kpi, t) -> {
            table.append(kpi);
            column(table, t, 1_000_000);
            column(table, cpuTimes.get(kpi), 1_000_000);
            column(table, allocations.get(kpi), 1 << 20);
            table.append('\n');
        });
        LOG.info("{} on H2{}, median of {} passes (wall time, CPU time of the thread, bytes allocated), load average"
                + " {}:{}", source, channel ? " by channel" : "", passes, loadAverage(), table);
    }

    private static void medians(Map<String, long[]> samples, Map<String, long[]> into, int size, int sizes) {
        for (Map.Entry<String, long[]> e : samples.entrySet()) {
            long[] sorted = e.getValue().clone();
            java.util.Arrays.sort(sorted);
            into.computeIfAbsent(e.getKey(), k -> new long[sizes])[size] = sorted[sorted.length / 2];
        }
    }

    private static void column(StringBuilder table, long[] values, long unit) {
        for (long n : values) {
            table.append('\t').append(n / unit);
        }
        table.append('\t').append(String.format("%.1f", (double) values[values.length - 1]
                / Math.max(1, values[0]))).append('\t');
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
