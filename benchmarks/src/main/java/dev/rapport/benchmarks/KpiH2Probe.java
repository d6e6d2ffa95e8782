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
 * KPIs named.
 */
public final class KpiH2Probe {

    private static final Logger LOG = LoggerFactory.getLogger(KpiH2Probe.class);

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
        for (int s = 0; s < sizes.length; s++) {
            try (KpiBenchH2 h2 = KpiBenchH2.open(KpiBenchData.Size.ofCases(sizes[s]))) {
                KpiEngine engine = KpiEngine.builder().storage(h2.storage()).source(source)
                        .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).build();
                KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
                KpiRequest request = channel ? total.by(Dimension.CHANNEL) : total;
                Map<String, long[]> samples = new LinkedHashMap<>();
                for (int pass = 0; pass <= passes; pass++) {
                    for (Kpi kpi : engine.kpis()) {
                        if (!engine.dimensions(kpi).contains(request.breakdown().dimension())
                                || only != null && !only.contains(kpi.code())) {
                            continue;
                        }
                        long started = System.nanoTime();
                        engine.compute(kpi, request);
                        long elapsed = System.nanoTime() - started;
                        if (pass > 0) {
                            samples.computeIfAbsent(kpi.code(), k -> new long[passes])[pass - 1] = elapsed;
                            LOG.info("{} cases, {}: {} ms", sizes[s], kpi.code(), elapsed / 1_000_000);
                        }
                    }
                }
                for (Map.Entry<String, long[]> e : samples.entrySet()) {
                    long[] sorted = e.getValue().clone();
                    java.util.Arrays.sort(sorted);
                    times.computeIfAbsent(e.getKey(), k -> new long[sizes.length])[s] = sorted[sorted.length / 2];
                }
            }
        }
        StringBuilder table = new StringBuilder("\nKPI");
        for (int size : sizes) {
            table.append("\t").append(size).append(" cases, ms");
        }
        table.append("\tlast / first\n");
        times.forEach((kpi, t) -> {
            table.append(kpi);
            for (long n : t) {
                table.append('\t').append(n / 1_000_000);
            }
            table.append('\t').append(String.format("%.1f", (double) t[t.length - 1] / Math.max(1, t[0]))).append('\n');
        });
        LOG.info("{} on H2{}, median of {} passes, load average {}:{}", source, channel ? " by channel" : "", passes,
                loadAverage(), table);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
