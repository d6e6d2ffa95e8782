package dev.rapport.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The dashboard example, run once per test JVM and shared by the tests that look at its page: playing the month and
 * computing its KPIs takes seconds, and the run is deterministic, so running it once is enough.
 */
final class ExampleDashboard {

    /**
     * One run and what it printed.
     *
     * @param run the files and data it produced
     * @param output what it printed
     */
    record Printed(DashboardMain.Run run, String output) {
    }

    private static Printed printed;

    private ExampleDashboard() {
    }

    /** The run that wrote {@code target/rapport-dashboard.html}, made on first use. */
    static synchronized Printed run() {
        if (printed == null) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            DashboardMain.Run run = DashboardMain.run(Path.of(DashboardMain.DEFAULT_OUTPUT_TEXT), out);
            printed = new Printed(run, captured.toString(StandardCharsets.UTF_8));
        }
        return printed;
    }
}
