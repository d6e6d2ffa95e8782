package dev.rapport.examples;

import dev.rapport.Rapport;
import dev.rapport.dashboard.DashboardData;
import dev.rapport.dashboard.KpiDashboard;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.test.SettableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A month of customer service on one page: plays a realistic March in a web shop's support team through the
 * Rapport facade (six channels, eight agents, cases with replies, reopens, surveys, compliments, purchases and
 * chatbot conversations; see {@link SupportMonth}), computes its KPIs with the {@link KpiEngine}, and writes the
 * {@link KpiDashboard} page: self-contained HTML with inline SVG charts, to open in any browser, offline.
 *
 * <p>Everything is deterministic: one fixed seed and a simulated clock, so every run draws the same page. It keeps
 * its data in an in-process H2 database through the JDBC adapter ({@link ExampleDatabase}). Run it from the root of
 * the project:
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.rapport.examples.DashboardMain
 * </pre>
 *
 * <p>The argument is the page's path, {@value #DEFAULT_OUTPUT_TEXT} when left out; the path written is printed.
 */
public final class DashboardMain {

    /** Where the page goes when no path is given, relative to the working directory. */
    public static final String DEFAULT_OUTPUT_TEXT = "target/rapport-dashboard.html";

    /** The shop's time zone: opening hours, days on the charts. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    /** The month reported. */
    public static final LocalDate MONTH = LocalDate.of(2024, 3, 1);

    /** The seed of every random choice of the simulation. */
    public static final long SEED = 20_240_301L;

    /** The first instant of the month, London time. */
    public static final Instant FROM = MONTH.atStartOfDay(ZONE).toInstant();

    /** The first instant after the month, London time (summer time has begun). */
    public static final Instant TO = MONTH.plusMonths(1).atStartOfDay(ZONE).toInstant();

    /** "Now" when the month is reported: the morning after it ended. */
    public static final Instant NOW = TO.plus(Duration.ofHours(8));

    private static final AtomicInteger RUNS = new AtomicInteger();

    private DashboardMain() {
    }

    /**
     * Plays the month and writes the dashboard.
     *
     * @param args optionally the path of the page to write; default {@value #DEFAULT_OUTPUT_TEXT}
     */
    public static void main(String[] args) {
        run(output(args), System.out);
    }

    /**
     * The shop's service levels, so that the page shows SLA compliance: a first reply within 4 hours and a
     * resolution within 2 days, around the clock (no business calendar), on every channel.
     */
    static final SlaPolicy SERVICE_LEVELS = SlaPolicy.builder()
            .rule(SlaRule.builder()
                    .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(4)))
                    .target(SlaTarget.FIRST_RESOLUTION, SlaTargetSpec.calendarTime(Duration.ofDays(2)))
                    .build())
            .build();

    /** The page's path: the first argument, or {@value #DEFAULT_OUTPUT_TEXT}. */
    static Path output(String[] args) {
        return args != null && args.length > 0 && !args[0].isBlank() ? Path.of(args[0])
                : Path.of(DEFAULT_OUTPUT_TEXT);
    }

    /**
     * What one run produced.
     *
     * @param file the page, as an absolute path
     * @param counts how many customers, cases, interactions, ratings... the month recorded
     * @param data the KPI results the page shows
     * @param html the page
     */
    record Run(Path file, Map<String, Integer> counts, DashboardData data, String html) {
    }

    /** Plays the month, computes the KPIs, writes the page to {@code output} and prints a summary to {@code out}. */
    static Run run(Path output, PrintStream out) {
        // Each run gets its own in-memory database, so running twice in one JVM never mixes two months.
        String name = "dashboard-" + RUNS.incrementAndGet();
        JdbcStorage storage = ExampleDatabase.open(name);
        out.println("Storing in " + ExampleDatabase.describe(name));
        SettableClock clock = new SettableClock(FROM);
        SupportMonth month;
        long started = System.nanoTime();
        KpiEngine engine;
        try (Rapport rapport = Rapport.builder().storage(storage).clock(clock).slaPolicy(SERVICE_LEVELS).build()) {
            month = new SupportMonth(rapport, clock, SEED, ZONE, NOW);
            month.play(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 2, 24));
            rapport.outboxRelay().ifPresent(relay -> drain(relay, storage));
            // the Rapport's own engine: it reports SLA compliance against SERVICE_LEVELS beside the built-in KPIs
            engine = rapport.kpis();
        }
        out.println("Played January to March in " + millis(started) + " ms: " + month.counts());

        started = System.nanoTime();
        KpiDashboard dashboard = KpiDashboard.builder()
                .title("Web shop support \u00b7 March 2024")
                .agentNames(month.agentNames())
                .build();
        DashboardData data = dashboard.collect(engine, KpiRequest.over(FROM, TO).byPeriod(Granularity.DAY, ZONE)
                .in("EUR"));
        out.println("Computed " + data.reports().stream().mapToInt(r -> r.results().size()).sum()
                + " KPI results and the league table in " + millis(started) + " ms");

        started = System.nanoTime();
        String html = dashboard.render(data);
        out.println("Rendered the page in " + millis(started) + " ms");
        Path file = output.toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dashboard to " + file, e);
        }
        summary(out, data, file, html);
        return new Run(file, Map.copyOf(month.counts()), data, html);
    }

    /** Relays until the outbox is empty, so that closing the Rapport interrupts no delivery. */
    private static void drain(OutboxRelay relay, JdbcStorage storage) {
        while (storage.outbox().orElseThrow().pendingCount() > 0) {
            if (relay.relayOnce().claimed() == 0) {
                Thread.onSpinWait(); // the background relay holds the rest; it will deliver them
            }
        }
    }

    private static void summary(PrintStream out, DashboardData data, Path file, String html) {
        out.println("March 2024 at a glance:");
        out.println("  CSAT                  " + share(data, Kpi.CSAT) + " satisfied ratings");
        out.println("  NPS                   " + data.total(Kpi.NPS).flatMap(KpiFigure::value)
                .map(v -> (v.signum() > 0 ? "+" : "") + v.setScale(1, RoundingMode.HALF_UP).toPlainString())
                .orElse("-") + " over "
                + data.total(Kpi.NPS).map(f -> f.denominator().toPlainString()).orElse("0") + " responses");
        out.println("  First reply (median)  " + data.total(Kpi.FIRST_REPLY_TIME)
                .flatMap(f -> f.statistic("median_seconds")).map(DashboardMain::minutes).orElse("-"));
        out.println("  First-contact res.    " + share(data, Kpi.FIRST_CONTACT_RESOLUTION) + " resolved cases");
        out.println("  Backlog on 1 April    " + data.total(Kpi.BACKLOG).map(f -> f.numerator().toPlainString())
                .orElse("-") + " open cases");
        data.leagueTable().flatMap(t -> t.rows().stream().findFirst()).ifPresent(best ->
                out.println("  Top agent             rank " + best.rank().map(String::valueOf).orElse("-")
                        + ", CSAT " + best.csat().value().map(DashboardMain::percent).orElse("-")));
        out.println("Wrote the dashboard (" + html.length() / 1024 + " KiB, "
                + (html.split("role=\"img\"", -1).length - 1) + " charts) to " + file);
        out.println("Open it in a browser: " + file.toUri());
    }

    private static String share(DashboardData data, Kpi kpi) {
        return data.total(kpi).map(f -> f.value().map(DashboardMain::percent).orElse("-") + " ("
                + f.numerator().toPlainString() + "/" + f.denominator().toPlainString() + ")").orElse("-");
    }

    private static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String minutes(BigDecimal seconds) {
        return seconds.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP).toPlainString() + " min";
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
