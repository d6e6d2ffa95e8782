package dev.rapport.benchmarks;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.StreamingKpiQueries;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the memory of the streaming KPI path ({@link StreamingKpiQueries} over the JDBC storage's repositories):
 * for each KPI of the full report (2024, EUR, total), the peak live heap while it is computed, sampled by a thread
 * that forces a full collection every {@value #SAMPLE_MILLIS} ms and reads the heap in use right after it, minus the
 * live heap before the KPI started. Run it on data sets of growing size (arguments {@code hundredth}, {@code tenth},
 * {@code full}) with {@code -XX:+UseSerialGC} so that {@code System.gc()} is a full, stop-the-world collection; an
 * optional second argument lists the KPI codes to measure (comma-separated), default all. Prints one line per KPI:
 * milliseconds, peak live bytes above the baseline, and for duration KPIs the durations held and bytes per duration.
 * Run alone: the sampler's forced collections see the whole JVM.
 */
public final class KpiMemoryProbe {

    private static final Logger LOG = LoggerFactory.getLogger(KpiMemoryProbe.class);
    static final long SAMPLE_MILLIS = 250;

    private KpiMemoryProbe() {
    }

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        KpiBenchData.Size size = KpiBenchDatabase.sizeNamed(args.length == 0 ? "hundredth" : args[0]);
        java.util.Set<String> only = args.length > 1 ? java.util.Set.of(args[1].split(",")) : null;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (KpiBenchDatabase database = KpiBenchDatabase.open(size)) {
            KpiEngine engine = KpiEngine.builder().storage(database.storage()).source(KpiEngine.Source.STREAMING)
                    .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).build();
            KpiRequest request = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
            for (Kpi kpi : engine.kpis()) {
                if (only != null && !only.contains(kpi.code())) {
                    continue;
                }
                System.gc();
                long baseline = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong(baseline);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        System.gc();
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(SAMPLE_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "heap-sampler");
                long started = System.nanoTime();
                sampler.start();
                KpiResult result = engine.compute(kpi, request);
                sampler.interrupt();
                sampler.join();
                long millis = (System.nanoTime() - started) / 1_000_000;
                long above = peak.get() - baseline;
                KpiFigure total = result.total();
                long held = kpi.unit() == dev.rapport.kpi.KpiUnit.SECONDS && !kpi.equals(Kpi.AVERAGE_HANDLE_TIME)
                        ? total.denominator().longValue()
                        : kpi.equals(Kpi.BACKLOG) ? total.numerator().longValue() : 0;
                LOG.info("{} {}: {} ms, peak live heap above baseline {} KiB (baseline {} KiB){}", size.key(),
                        kpi.code(), millis, above / 1024, baseline / 1024,
                        held > 0 ? ", durations held " + held + ", " + (above / held) + " bytes per duration" : "");
            }
        }
    }
}
