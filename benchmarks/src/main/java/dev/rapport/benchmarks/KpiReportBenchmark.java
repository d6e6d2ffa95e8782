package dev.rapport.benchmarks;

import dev.rapport.benchmarks.HandWrittenKpiSql.Figure;
import dev.rapport.jdbc.JdbcStorage;
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
 * The full KPI report at scale, in seconds per report, on H2 in memory (the embedded default) or on embedded
 * PostgreSQL ({@code fsync} on): Rapport's {@link KpiEngine} answering every KPI by pushdown ({@code Source.STORAGE}:
 * {@code JdbcKpiQueries}), the same engine streaming the records ({@code Source.STREAMING}: the reference,
 * {@code StreamingKpiQueries}), and the baseline, {@link HandWrittenKpiSql}, the same figures written by hand for the
 * database ({@link HandWrittenKpiSqlH2} for what differs on H2). The data set is {@link KpiBenchData} of the
 * {@code cases} parameter's size ({@link KpiBenchData.Size#ofCases}: a customer per five cases, five interactions and
 * half a rating per case; 1,000,000 cases is the PostgreSQL headline, {@link KpiBenchData.Size#FULL}); PostgreSQL keeps
 * it on disk ({@link KpiBenchDatabase}), H2 loads it in each trial ({@link KpiBenchH2}). The report covers 2024 in
 * euros at 2025-01-15 with the default settings: with {@code breakdown=TOTAL} all 21 built-in KPIs, with
 * {@code breakdown=CHANNEL} the 16 that can be broken down by channel, each with its total and one figure per channel.
 *
 * <p>Before anything is timed, the trial computes the report by pushdown and by hand-written SQL once and fails unless
 * {@link KpiParity} finds them equal. JMH runs the three contenders one after the other; {@link #main} with
 * {@code interleaved} runs them in turn, round after round, in one JVM over one load of the data, which is how the
 * recorded comparison is made, and {@code perkpi} times each KPI at two sizes (see {@code docs/benchmarks.md}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class KpiReportBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(KpiReportBenchmark.class);

    /** H2: in memory, loaded per trial; POSTGRESQL: embedded, kept on disk. */
    @Param({"H2", "POSTGRESQL"})
    public String database;

    /** The data set's number of cases (1000000 is PostgreSQL's headline size). */
    @Param({"10000", "100000"})
    public int cases;

    /** TOTAL: every KPI, total only; CHANNEL: the KPIs that can be broken down by channel, total and per channel. */
    @Param({"TOTAL", "CHANNEL"})
    public String breakdown;

    private Contenders contenders;
    private KpiRequest request;
    private boolean byChannel;

    /** Opens (and loads) the data set, then checks the baseline gives Rapport's figures. */
    @Setup(Level.Trial)
    public void setUp() {
        contenders = Contenders.open(database, cases);
        byChannel = breakdown.equals("CHANNEL");
        request = request(byChannel);
        check(contenders.pushdown, request, contenders.handWritten, byChannel);
    }

    private static KpiRequest request(boolean byChannel) {
        KpiRequest total = KpiRequest.over(KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO).in("EUR");
        return byChannel ? total.by(Dimension.CHANNEL) : total;
    }

    /** The database with the data set, and the three ways of computing the report over it. */
    static final class Contenders implements AutoCloseable {
        final KpiEngine pushdown;
        final KpiEngine streaming;
        final HandWrittenKpiSql handWritten;
        private final AutoCloseable database;

        private Contenders(JdbcStorage storage, HandWrittenKpiSql handWritten, AutoCloseable database) {
            Clock clock = Clock.fixed(KpiBenchData.AS_OF, ZoneOffset.UTC);
            this.pushdown = KpiEngine.builder().storage(storage).source(KpiEngine.Source.STORAGE).clock(clock)
                    .settings(KpiSettings.defaults()).build();
            this.streaming = KpiEngine.builder().storage(storage).source(KpiEngine.Source.STREAMING).clock(clock)
                    .settings(KpiSettings.defaults()).build();
            this.handWritten = handWritten;
            this.database = database;
        }

        static Contenders open(String database, int cases) {
            KpiBenchData.Size size = KpiBenchData.Size.ofCases(cases);
            if (database.equals("H2")) {
                KpiBenchH2 h2 = KpiBenchH2.open(size);
                return new Contenders(h2.storage(), HandWrittenKpiSql.forH2(h2.dataSource(), KpiBenchDatabase.PREFIX,
                        KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF), h2);
            }
            KpiBenchDatabase postgres = KpiBenchDatabase.open(size);
            return new Contenders(postgres.storage(), new HandWrittenKpiSql(postgres.postgres().dataSource(),
                    KpiBenchDatabase.PREFIX, KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF),
                    postgres);
        }

        @Override
        public void close() {
            try {
                database.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database failed", e);
            }
        }
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

    /** Stops PostgreSQL, keeping the data; drops the H2 database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        contenders.close();
    }

    /** Rapport's full report, every KPI by pushdown. */
    @Benchmark
    public KpiReport rapportPushdown() {
        return contenders.pushdown.report(request);
    }

    /** Rapport's full report, every KPI by the streaming engine (the reference). */
    @Benchmark
    public KpiReport rapportStreaming() {
        return contenders.streaming.report(request);
    }

    /** The baseline: the same figures by hand-written SQL. */
    @Benchmark
    public Map<String, Map<String, Figure>> handWrittenSql() {
        return contenders.handWritten.report(byChannel);
    }

    /**
     * The three contenders interleaved over one load of the data set, in one JVM: after the parity check and one
     * untimed report by each (the streaming engine's skipped with {@code -Dkpi.skipStreamingWarmup=true}: it is the
     * slowest by far, and its first round then includes warming up; {@code -Dkpi.skipStreaming=true} leaves it out
     * altogether), {@code rounds} rounds in each of which every contender computes the report once, the order
     * rotating from round to round (pushdown, streaming, hand-written; then streaming, hand-written, pushdown; ...),
     * so that a change in the machine's load falls on all three. Logs every sample, then each contender's mean,
     * minimum and maximum, the ratios of the means and the pushdown's ratio to the hand-written SQL per round.
     */
    static void interleaved(String database, int cases, boolean byChannel, int rounds) {
        String[] names = {"pushdown", "streaming", "hand-written"};
        try (Contenders c = Contenders.open(database, cases)) {
            KpiRequest request = request(byChannel);
            check(c.pushdown, request, c.handWritten, byChannel);
            boolean streaming = !Boolean.getBoolean("kpi.skipStreaming");
            if (streaming && !Boolean.getBoolean("kpi.skipStreamingWarmup")) {
                c.streaming.report(request);
            }
            int[] order = streaming ? new int[] {0, 1, 2} : new int[] {0, 2};
            long[][] samples = new long[3][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < order.length; turn++) {
                    int who = order[(round + turn) % order.length];
                    long started = System.nanoTime();
                    switch (who) {
                        case 0 -> c.pushdown.report(request);
                        case 1 -> c.streaming.report(request);
                        default -> c.handWritten.report(byChannel);
                    }
                    samples[who][round] = System.nanoTime() - started;
                    LOG.info("{} {} cases {} round {}: {} {} ms", database, cases, byChannel ? "CHANNEL" : "TOTAL",
                            round + 1, names[who], samples[who][round] / 1_000_000);
                }
            }
            double[] means = new double[3];
            StringBuilder summary = new StringBuilder();
            for (int who : order) {
                java.util.LongSummaryStatistics stats = java.util.Arrays.stream(samples[who]).summaryStatistics();
                means[who] = stats.getAverage() / 1e9;
                summary.append(String.format("%n  %-12s mean %.3f s, min %.3f s, max %.3f s", names[who], means[who],
                        stats.getMin() / 1e9, stats.getMax() / 1e9));
            }
            StringBuilder ratios = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                ratios.append(String.format(" %.2f", (double) samples[0][round] / samples[2][round]));
            }
            summary.append(String.format("%n  pushdown / hand-written %.2f (per round:%s)", means[0] / means[2],
                    ratios));
            if (streaming) {
                summary.append(String.format(", pushdown / streaming %.2f", means[0] / means[1]));
            }
            LOG.info("{} {} cases {}, {} rounds, load average {}:{}", database, cases,
                    byChannel ? "CHANNEL" : "TOTAL", rounds, loadAverage(), summary);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * Runs the parity check once per breakdown without JMH on PostgreSQL, printing what differs, for working on the
     * SQL. Argument: the data set's size ({@code full}, {@code tenth}, {@code hundredth}); then {@code sql} or
     * {@code sqlh2} writes the hand-written statements (PostgreSQL's, H2's) to the temporary directory instead,
     * {@code profile} times each KPI. Or {@code interleaved <H2|POSTGRESQL> <cases> <TOTAL|CHANNEL> [rounds]}: see
     * {@link #interleaved}.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("interleaved")) {
            interleaved(args[1], Integer.parseInt(args[2]), args[3].equals("CHANNEL"),
                    args.length > 4 ? Integer.parseInt(args[4]) : 3);
            return;
        }
        KpiBenchData.Size size = KpiBenchDatabase.sizeNamed(args.length == 0 ? "hundredth" : args[0]);
        if (args.length > 1 && (args[1].equals("sql") || args[1].equals("sqlh2"))) {
            HandWrittenKpiSql hand = args[1].equals("sqlh2") ? HandWrittenKpiSql.forH2(null, KpiBenchDatabase.PREFIX,
                    KpiBenchData.PERIOD_FROM, KpiBenchData.PERIOD_TO, KpiBenchData.AS_OF)
                    : new HandWrittenKpiSql(null, KpiBenchDatabase.PREFIX, KpiBenchData.PERIOD_FROM,
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
