package dev.rapport.benchmarks;

import dev.rapport.benchmarks.HandWrittenKpiSql.Figure;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.spi.kpi.Dimension;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full KPI report at scale on embedded PostgreSQL ({@code fsync} on), in seconds per report: Rapport's
 * {@link KpiEngine} answering every KPI by pushdown ({@code Source.STORAGE}: {@code JdbcKpiQueries}) beside the
 * baseline, {@link HandWrittenKpiSql}, the same figures written by hand. The data set is {@link KpiBenchData.Size#FULL}
 * (200,000 customers, 500 agents in 25 teams, 1,000,000 cases, 5,000,000 interactions, 500,000 ratings), kept on disk
 * by {@link KpiBenchDatabase} and loaded only the first time. The report covers 2024 in euros at 2025-01-15 with the
 * default settings: with {@code breakdown=TOTAL} all 21 built-in KPIs, with {@code breakdown=CHANNEL} the 16 that can
 * be broken down by channel, each with its total and one figure per channel.
 *
 * <p>Before anything is timed, the trial computes both once and fails unless {@link KpiParity} finds them equal.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class KpiReportBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(KpiReportBenchmark.class);

    /** TOTAL: every KPI, total only; CHANNEL: the KPIs that can be broken down by channel, total and per channel. */
    @Param({"TOTAL", "CHANNEL"})
    public String breakdown;

    private KpiBenchDatabase database;
    private KpiEngine engine;
    private KpiRequest request;
    private HandWrittenKpiSql handWritten;
    private boolean byChannel;

    /** Opens (and the first time loads) the data set, then checks the baseline gives Rapport's figures. */
    @Setup(Level.Trial)
    public void setUp() {
        database = KpiBenchDatabase.open(KpiBenchData.Size.FULL);
        engine = KpiEngine.builder().storage(database.storage()).source(KpiEngine.Source.STORAGE)
                .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).settings(KpiSettings.defaults()).build();
        byChannel = breakdown.equals("CHANNEL");
        KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
        request = byChannel ? total.by(Dimension.CHANNEL) : total;
        handWritten = new HandWrittenKpiSql(database.postgres().dataSource(), KpiBenchDatabase.PREFIX,
                KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF);
        check(engine, request, handWritten, byChannel);
    }

    /**
     * Computes both reports once and fails unless they agree.
     *
     * @throws IllegalStateException listing the differences
     */
    static KpiReport check(KpiEngine engine, KpiRequest request, HandWrittenKpiSql handWritten, boolean byChannel) {
        long started = System.nanoTime();
        KpiReport report = engine.report(request);
        long rapport = System.nanoTime() - started;
        started = System.nanoTime();
        Map<String, Map<String, Figure>> hand = handWritten.report(byChannel);
        long baseline = System.nanoTime() - started;
        long[] compared = {0};
        List<String> differences = KpiParity.differences(report, hand, compared);
        if (!differences.isEmpty()) {
            throw new IllegalStateException(differences.size() + " differences between Rapport and the hand-written"
                    + " SQL:\n" + String.join("\n", differences));
        }
        LOG.info("Parity: {} KPIs, {} numbers compared, all equal (untimed check run: Rapport {} ms, hand-written {} ms)",
                report.results().size(), compared[0], rapport / 1_000_000, baseline / 1_000_000);
        return report;
    }

    /** Stops PostgreSQL, keeping the data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    /** Rapport's full report, every KPI by pushdown. */
    @Benchmark
    public KpiReport rapportPushdown() {
        return engine.report(request);
    }

    /** The baseline: the same figures by hand-written SQL. */
    @Benchmark
    public Map<String, Map<String, Figure>> handWrittenSql() {
        return handWritten.report(byChannel);
    }

    /**
     * Runs the parity check once per breakdown without JMH, printing what differs, for working on the SQL. Argument:
     * the data set's size ({@code full}, {@code tenth}, {@code hundredth}).
     */
    public static void main(String[] args) {
        KpiBenchData.Size size = KpiBenchDatabase.sizeNamed(args.length == 0 ? "hundredth" : args[0]);
        if (args.length > 1 && args[1].equals("sql")) {
            HandWrittenKpiSql hand = new HandWrittenKpiSql(null, KpiBenchDatabase.PREFIX, KpiBenchData.PERIOD_FROM,
                    KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF);
            for (boolean channel : new boolean[] {false, true}) {
                List<String> statements = hand.statements(channel);
                for (int n = 0; n < statements.size(); n++) {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                                "kpi-hand-" + (channel ? "channel-" : "total-") + (n + 1) + ".sql"),
                                statements.get(n) + ";\n");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            return;
        }
        try (KpiBenchDatabase database = KpiBenchDatabase.open(size)) {
            if (args.length > 1 && args[1].equals("serve")) {
                LOG.info("Serving on port {}", database.postgres().queryText("SELECT inet_server_port()"));
                try {
                    Thread.sleep(Long.parseLong(args[2]) * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            KpiEngine engine = KpiEngine.builder().storage(database.storage()).source(KpiEngine.Source.STORAGE)
                    .clock(Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC)).build();
            HandWrittenKpiSql hand = new HandWrittenKpiSql(database.postgres().dataSource(), KpiBenchDatabase.PREFIX,
                    KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF);
            KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
            if (args.length > 1 && args[1].equals("profile")) {
                for (boolean channel : new boolean[] {false, true}) {
                    KpiRequest request = channel ? total.by(Dimension.CHANNEL) : total;
                    for (dev.rapport.kpi.Kpi kpi : engine.kpis()) {
                        if (engine.dimensions(kpi).contains(request.breakdown().dimension())) {
                            long started = System.nanoTime();
                            engine.compute(kpi, request);
                            LOG.info("{} {}: {} ms", channel ? "CHANNEL" : "TOTAL", kpi.code(),
                                    (System.nanoTime() - started) / 1_000_000);
                        }
                    }
                }
                return;
            }
            for (boolean channel : new boolean[] {false, true}) {
                try {
                    KpiReport report = check(engine, channel ? total.by(Dimension.CHANNEL) : total, hand, channel);
                    java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                            "kpi-report-" + size.key() + (channel ? "-channel" : "-total") + ".csv"), report.toCsv());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (IllegalStateException e) {
                    LOG.error("{}", e.getMessage());
                }
            }
        }
    }
}
