package dev.rapport.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BulkIngestBenchmark}, {@link ClaimCompleteBenchmark} and {@link DispatchBenchmark} in one go and writes
 * each score beside its baseline, with the ratio, the duplicates counted and whether the target was met, as Markdown.
 * Stops at the first failing benchmark (a duplicate fails one). JMH options on the command line override the
 * defaults ({@code -f 1 -wi 2 -i 3}, iteration times as annotated); the system property {@code rapport.report} names
 * the output file (default {@code target/database-benchmark-report.md}).
 */
public final class DatabaseBenchmarkReport {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBenchmarkReport.class);

    /** Rapport's ingest must reach this share of raw COPY's rows per second (issue 14, target 5). */
    static final double INGEST_TARGET = 0.9;
    /** Two claimers must claim and complete at least this many items per second. */
    static final double CLAIM_TARGET = 5_000;
    /** Rapport on PostgreSQL must dispatch at least this share of db-scheduler's items per second. */
    static final double DISPATCH_TARGET = 1.0;

    private DatabaseBenchmarkReport() {
    }

    /** Runs the benchmarks and writes the report. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        Options commandLine = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        if (!commandLine.getParameter("durability").hasValue()) {
            builder.param("durability", "durable"); // the headline; -p durability=non-durable for the second column
        }
        Options options = builder
                .include(BulkIngestBenchmark.class.getName())
                .include(ClaimCompleteBenchmark.class.getName())
                .include(DispatchBenchmark.class.getName())
                .forks(1).warmupIterations(2).measurementIterations(3)
                .shouldFailOnError(true)
                .parent(commandLine)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String report = report(results);
        Path file = Path.of(System.getProperty("rapport.report", "target/database-benchmark-report.md"));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, report, StandardCharsets.UTF_8);
        LOG.info("Database benchmark report written to {}:\n{}", file.toAbsolutePath(), report);
    }

    /** A score, its error and the duplicates counted beside it. */
    private record Score(double value, double error, double duplicates) {
        static Score of(RunResult result) {
            Result<?> primary = result.getPrimaryResult();
            Result<?> duplicates = result.getSecondaryResults().get("duplicates");
            return new Score(primary.getScore(), primary.getScoreError(),
                    duplicates == null ? Double.NaN : duplicates.getScore());
        }
    }

    static String report(Collection<RunResult> results) {
        Map<String, Score> byKey = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String engine = result.getParams().getParam("engine");
            String threads = result.getParams().getParam("threads");
            String key = engine == null ? name : name + ":" + engine + ":" + threads;
            byKey.put(key, Score.of(result));
        }
        StringBuilder out = new StringBuilder();
        Score rapport = byKey.get("BulkIngestBenchmark.rapportIngest");
        Score raw = byKey.get("BulkIngestBenchmark.rawJdbcBatchInsert");
        Score copy = byKey.get("BulkIngestBenchmark.rawCopy");
        if (rapport != null || raw != null || copy != null) {
            out.append("| bulk ingest | rows offered/s |\n|---|---:|\n");
            out.append("| Rapport `ingestInteractions` | ").append(cell(rapport)).append(" |\n");
            out.append("| raw pgjdbc COPY of the new rows | ").append(cell(copy)).append(" |\n");
            out.append("| raw pgjdbc batched INSERT of the new rows | ").append(cell(raw)).append(" |\n");
            out.append(String.format(Locale.ROOT, "%nRapport / raw COPY: %s (target at least %.1f: %s); Rapport / raw"
                    + " INSERT: %s%n%n", ratio(rapport, copy), INGEST_TARGET, met(rapport, copy, INGEST_TARGET),
                    ratio(rapport, raw)));
        }
        Score claims = byKey.get("ClaimCompleteBenchmark.twoClaimers");
        if (claims != null) {
            out.append(String.format(Locale.ROOT, "claim-and-complete, two claimers: %s items/s, %s duplicates"
                    + " (target at least %,.0f/s and none: %s)%n%n", cell(claims), duplicates(claims), CLAIM_TARGET,
                    claims.value() >= CLAIM_TARGET && claims.duplicates() == 0 ? "met" : "missed"));
        }
        if (byKey.keySet().stream().anyMatch(k -> k.startsWith("DispatchBenchmark"))) {
            out.append("| threads | Rapport in memory (/s) | Rapport on PostgreSQL (/s) | db-scheduler (/s) |"
                    + " Rapport PG / db-scheduler | duplicates | target |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---|\n");
            for (String threads : new String[] {"1", "2", "4"}) {
                Score memory = byKey.get("DispatchBenchmark.dispatchAll:rapportInMemory:" + threads);
                Score postgres = byKey.get("DispatchBenchmark.dispatchAll:rapportPostgres:" + threads);
                Score scheduler = byKey.get("DispatchBenchmark.dispatchAll:dbScheduler:" + threads);
                if (memory == null && postgres == null && scheduler == null) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", threads, cell(memory),
                        cell(postgres), cell(scheduler), ratio(postgres, scheduler),
                        duplicates(memory) + " / " + duplicates(postgres) + " / " + duplicates(scheduler),
                        met(postgres, scheduler, DISPATCH_TARGET)));
            }
        }
        return out.toString();
    }

    private static String cell(Score score) {
        return score == null ? "-" : String.format(Locale.ROOT, "%,.0f ± %,.0f", score.value(), score.error());
    }

    private static String duplicates(Score score) {
        return score == null || Double.isNaN(score.duplicates()) ? "-"
                : String.format(Locale.ROOT, "%.0f", score.duplicates());
    }

    private static String ratio(Score a, Score b) {
        return a == null || b == null || b.value() <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", a.value() / b.value());
    }

    private static String met(Score a, Score b, double target) {
        if (a == null || b == null || b.value() <= 0) {
            return "-";
        }
        double share = a.value() / b.value();
        return share >= target ? "met"
                : String.format(Locale.ROOT, "missed by %.0f%%", 100 * (target - share) / target);
    }
}
