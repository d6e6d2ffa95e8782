package dev.rapport.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RoutingPathBenchmark} and writes one Markdown table: per router, database and node count, assignments
 * per second (throughput), p50 and p99 of one operation (sample time), and the shared-state router's figures over
 * the per-node router's. The one-minute load average before and after the run goes under the table. JMH options on
 * the command line override the benchmark's own; the system property {@code rapport.report} names the output file
 * (default {@code target/routing-path-benchmark-report.md}).
 */
public final class RoutingPathBenchmarkReport {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPathBenchmarkReport.class);

    private RoutingPathBenchmarkReport() {
    }

    /** Runs the benchmark and writes the report. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        Options commandLine = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        if (!commandLine.getParameter("durability").hasValue()) {
            builder.param("durability", "durable"); // the headline; -p durability=non-durable for the second column
        }
        Options options = builder.include(RoutingPathBenchmark.class.getName()).parent(commandLine).build();
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        Collection<RunResult> results = new Runner(options).run();
        String report = report(results) + String.format(Locale.ROOT,
                "%nRun from %s to %s; load average (1, 5, 15 min) before: %s, after: %s.%n", started, Instant.now(),
                loadBefore, loadAverage());
        Path file = Path.of(System.getProperty("rapport.report", "target/routing-path-benchmark-report.md"));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, report, StandardCharsets.UTF_8);
        LOG.info("Routing path benchmark report written to {}:\n{}", file.toAbsolutePath(), report);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String report(Collection<RunResult> results) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String database : new String[] {"postgres", "h2"}) {
            for (String nodes : new String[] {"1", "2"}) {
                for (String router : new String[] {"shared", "perNode"}) {
                    rows.put(database + ":" + nodes + ":" + router, new Row());
                }
            }
        }
        for (RunResult result : results) {
            var params = result.getParams();
            String key = params.getParam("database") + ":" + params.getParam("nodes") + ":" + params.getParam("router");
            Row row = rows.computeIfAbsent(key, k -> new Row());
            String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            Result<?> primary = result.getPrimaryResult();
            if (method.equals("assignmentsPerSecond")) {
                row.opsPerSecond = primary.getScore();
                row.opsError = primary.getScoreError();
            } else {
                Statistics statistics = primary.getStatistics();
                row.p50 = statistics.getPercentile(50);
                row.p99 = statistics.getPercentile(99);
                row.samples = statistics.getN();
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("| router | database | nodes | assignments/s | p50 (ms) | p99 (ms) | samples |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        rows.forEach((key, row) -> {
            String[] parts = key.split(":");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", parts[2], parts[0],
                    parts[1], Double.isNaN(row.opsPerSecond) ? "-"
                            : String.format(Locale.ROOT, "%,.0f ± %,.0f", row.opsPerSecond, row.opsError),
                    number(row.p50), number(row.p99), row.samples < 0 ? "-" : String.format(Locale.ROOT, "%,d",
                            row.samples)));
        });
        out.append("\n| database | nodes | shared / per-node, assignments/s | shared / per-node, p50 | shared / "
                + "per-node, p99 |\n|---|---:|---:|---:|---:|\n");
        for (String database : new String[] {"postgres", "h2"}) {
            for (String nodes : new String[] {"1", "2"}) {
                Row shared = rows.get(database + ":" + nodes + ":shared");
                Row perNode = rows.get(database + ":" + nodes + ":perNode");
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", database, nodes,
                        ratio(shared.opsPerSecond, perNode.opsPerSecond), ratio(shared.p50, perNode.p50),
                        ratio(shared.p99, perNode.p99)));
            }
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** One contender's figures. */
    private static final class Row {
        double opsPerSecond = Double.NaN;
        double opsError = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long samples = -1;
    }
}
