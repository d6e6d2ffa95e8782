package dev.rapport.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RoutingBenchmark} and writes the scores with the ratios that matter to a Markdown table: the indexed
 * cost at 100,000 agents over the cost at 1,000 (must be at most 3), and the naive scan's cost over the index's at
 * each size. JMH options on the command line override the defaults ({@code -f 1 -wi 3 -i 5 -w 1s -r 1s}); the
 * system property {@code rapport.report} names the output file (default
 * {@code target/routing-benchmark-report.md}).
 */
public final class RoutingBenchmarkReport {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingBenchmarkReport.class);

    private RoutingBenchmarkReport() {
    }

    /** Runs the benchmark and writes the report. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        Options commandLine = new CommandLineOptions(args);
        Options options = new OptionsBuilder()
                .include(RoutingBenchmark.class.getName())
                .forks(1).warmupIterations(3).measurementIterations(5)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                .parent(commandLine)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String report = report(results);
        Path file = Path.of(System.getProperty("rapport.report", "target/routing-benchmark-report.md"));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, report, StandardCharsets.UTF_8);
        LOG.info("Routing benchmark report written to {}:\n{}", file.toAbsolutePath(), report);
    }

    static String report(Collection<RunResult> results) {
        Map<Integer, Map<String, double[]>> scores = new TreeMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            int agents = Integer.parseInt(result.getParams().getParam("agents"));
            var primary = result.getPrimaryResult();
            scores.computeIfAbsent(agents, a -> new TreeMap<>())
                    .put(method, new double[] {primary.getScore(), primary.getScoreError()});
        }
        StringBuilder out = new StringBuilder();
        out.append("| agents | indexed (us/op) | naive scan (us/op) | validation only (us/op) | naive / indexed |\n");
        out.append("|---:|---:|---:|---:|---:|\n");
        scores.forEach((agents, byMethod) -> out.append(String.format(Locale.ROOT,
                "| %,d | %s | %s | %s | %s |%n", agents, cell(byMethod.get("indexed")),
                cell(byMethod.get("naiveLinearScan")), cell(byMethod.get("validationOnly")),
                ratio(byMethod.get("naiveLinearScan"), byMethod.get("indexed")))));
        Map<String, double[]> smallest = scores.get(1_000);
        Map<String, double[]> largest = scores.get(100_000);
        if (smallest != null && largest != null) {
            out.append(String.format(Locale.ROOT, "%nindexed cost at 100,000 agents / at 1,000: %s (must be at most 3)%n",
                    ratio(largest.get("indexed"), smallest.get("indexed"))));
            double[] small = minus(smallest.get("indexed"), smallest.get("validationOnly"));
            double[] large = minus(largest.get("indexed"), largest.get("validationOnly"));
            out.append(String.format(Locale.ROOT,
                    "the same without request validation (indexed - validation only): %s%n", ratio(large, small)));
        }
        return out.toString();
    }

    private static String cell(double[] score) {
        return score == null ? "-" : String.format(Locale.ROOT, "%.3f ± %.3f", score[0], score[1]);
    }

    private static String ratio(double[] a, double[] b) {
        return a == null || b == null || b[0] <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", a[0] / b[0]);
    }

    private static double[] minus(double[] a, double[] b) {
        return a == null || b == null ? null : new double[] {a[0] - b[0], 0};
    }
}
