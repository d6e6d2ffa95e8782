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
 * then one timed pass per size, and logs each KPI's time and its growth from the smallest size: a quick look for
 * queries whose cost grows faster than the data, not a benchmark (no JMH, one sample each). Arguments: the numbers of
 * cases (default 1000 4000 16000); {@code -Dprobe.channel=true} breaks the report down by channel;
 * {@code -Dprobe.source=STREAMING} times the streaming engine instead.
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
        Map<String, long[]> times = new LinkedHashMap<>();
        for (int s = 0; s < sizes.length; s++) {
            try (KpiBenchH2 h2 = KpiBenchH2.open(KpiBenchData.Size.ofCases(sizes[s]))) {
                KpiEngine engine = KpiEngine.builder().storage(h2.storage()).source(source)
                        .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).build();
                KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
                KpiRequest request = channel ? total.by(Dimension.CHANNEL) : total;
                for (int pass = 0; pass < 2; pass++) {
                    for (Kpi kpi : engine.kpis()) {
                        if (!engine.dimensions(kpi).contains(request.breakdown().dimension())) {
                            continue;
                        }
                        long started = System.nanoTime();
                        engine.compute(kpi, request);
                        long elapsed = System.nanoTime() - started;
                        if (pass == 1) {
                            times.computeIfAbsent(kpi.code(), k -> new long[sizes.length])[s] = elapsed;
                            LOG.info("{} cases, {}: {} ms", sizes[s], kpi.code(), elapsed / 1_000_000);
                        }
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("\nKPI");
        for (int size : sizes) {
            table.append('\t').append(size).append(" ms");
        }
        table.append("\tlast / first\n");
        times.forEach((kpi, t) -> {
            table.append(kpi);
            for (long n : t) {
                table.append('\t').append(n / 1_000_000);
            }
            table.append('\t').append(String.format("%.1f", (double) t[t.length - 1] / Math.max(1, t[0]))).append('\n');
        });
        LOG.info("{} on H2{}:{}", source, channel ? " by channel" : "", table);
    }
}
