package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard page in a real browser: headless Chromium (Debian's {@code chromium} package) renders the example's
 * page, takes a screenshot to {@code target/rapport-dashboard.png}, and dumps the DOM it built. Skipped, not failed,
 * where no Chromium is installed; every browser run is bounded by a process timeout.
 */
@DisplayName("The dashboard in headless Chromium")
class DashboardInChromiumTest {

    /** Where Debian's chromium package installs the browser; {@code -Drapport.chromium=...} names another instead. */
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Path.of("target", "rapport-dashboard.png");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Reports in {@code <pre id="measured">} how many figures it looked at and each one whose text boxes sit on more
     * than one line (tops more than 8 px apart, half a line of the tables' type).
     */
    private static final String MEASURE_WRAPPED_FIGURES = """
            <script>
            (function () {
              var lines = [], count = 0;
              document.querySelectorAll('td.num, td.value, td.numerator, td.denominator, .figure, .tile .value')
                  .forEach(function (el) {
                    var range = document.createRange();
                    range.selectNodeContents(el);
                    var tops = Array.prototype.map.call(range.getClientRects(), function (r) { return r.top; });
                    count++;
                    if (tops.length && Math.max.apply(null, tops) - Math.min.apply(null, tops) > 8) {
                      lines.push('wrapped ' + el.className + ': ' + el.textContent.trim());
                    }
                  });
              lines.push('measured ' + count);
              var pre = document.createElement('pre');
              pre.id = 'measured';
              pre.textContent = lines.join('\\n');
              document.body.appendChild(pre);
            })();
            </script>
            """;

    private Path chromium;

    /** Each test is skipped, and reported so, where no Chromium is installed. */
    @BeforeEach
    void findChromium() {
        String named = System.getProperty("rapport.chromium");
        List<String> candidates = named == null || named.isBlank() ? CANDIDATES : List.of(named);
        Optional<Path> found = candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "no Chromium installed (looked for " + candidates
                + "); install Debian's chromium package to run the browser test");
        chromium = found.get();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("renders the page to a 1280 x 2000 screenshot with nothing on the console")
    void screenshot() throws Exception {
        // given
        Path page = ExampleDashboard.run().run().file();
        Files.deleteIfExists(SCREENSHOT);

        // when
        Browser run = Browser.run(chromium, "--enable-logging=stderr", "--v=0",
                "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1280,2000", page.toUri().toString());

        // then
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        assertThat(SCREENSHOT).exists();
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png).startsWith(PNG_SIGNATURE);
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        assertThat(header.getInt()).as("width").isEqualTo(1280);
        assertThat(header.getInt()).as("height").isEqualTo(2000);
        assertThat(png.length).as("a page full of charts, not a blank one").isGreaterThan(100_000);
        assertThat(run.consoleMessages()).as("console messages (errors, policy violations)").isEmpty();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("builds a DOM holding every chart's SVG with its title, description and drawing")
    void renderedDom() throws Exception {
        // given
        Path page = ExampleDashboard.run().run().file();

        // when
        Browser run = Browser.run(chromium, "--dump-dom", page.toUri().toString());

        // then
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        List<String> svgs = elements(run.stdout(), "svg");
        assertThat(svgs).hasSize(14);
        for (String svg : svgs) {
            assertThat(svg).contains("role=\"img\"").containsPattern("<title id=\"[^\"]+\">[^<]+</title>")
                    .containsPattern("<desc id=\"[^\"]+\">[^<]+</desc>").contains("class=\"axis-title\"");
        }
        assertThat(chart(svgs, "CSAT by day")).contains("<path class=\"line\"", "<circle class=\"point\"");
        assertThat(chart(svgs, "NPS by day")).contains("<path class=\"line\"", "<circle class=\"point\"");
        assertThat(chart(svgs, "Backlog by day")).contains("<path class=\"area\"", "<path class=\"line\"");
        for (String distribution : List.of("First reply time by channel", "Next reply time by channel",
                "First resolution time by channel", "Full resolution time by channel")) {
            assertThat(chart(svgs, distribution)).contains("<rect class=\"band\"", "<line class=\"median\"",
                    "<circle class=\"mean\"", "All channels");
        }
        assertThat(chart(svgs, "Backlog by age")).contains("<rect class=\"bar");
        assertThat(chart(svgs, "SLA first reply by channel")).contains("<rect class=\"bar", "All channels");
        assertThat(chart(svgs, "SLA first resolution by day")).contains("<path class=\"line\"");
        assertThat(chart(svgs, "Channel mix")).contains("<rect class=\"bar", "email", "chatbot");
        assertThat(chart(svgs, "Contact reasons")).contains("<rect class=\"bar", "delivery");
        assertThat(run.stdout()).contains("id=\"league-table\"", "Maya Patel").doesNotContain("id=\"no-sla-data\"");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("writes every table for people: units and words, no ISO durations, long decimals or constant names, "
            + "and no figure broken across lines")
    void tablesReadForPeople() throws Exception {
        // given a copy of the page with a script that finds the figures the browser laid out on more than one line
        // (the page's own policy forbids scripts, so the copy drops it)
        String html = Files.readString(ExampleDashboard.run().run().file(), StandardCharsets.UTF_8);
        Path measured = Files.createTempFile("rapport-dashboard-measured-", ".html");
        try {
            Files.writeString(measured, html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                    .replace("</body>", MEASURE_WRAPPED_FIGURES + "</body>"), StandardCharsets.UTF_8);

            // when
            Browser run = Browser.run(chromium, "--window-size=1280,2000", "--dump-dom", measured.toUri().toString());

            // then
            assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
            Matcher report = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL)
                    .matcher(run.stdout());
            assertThat(report.find()).as("the measuring script ran").isTrue();
            List<String> lines = report.group(1).lines().toList();
            assertThat(lines).as("figures measured").anyMatch(line -> line.matches("measured [1-9]\\d+"));
            assertThat(lines).as("figures laid out on more than one line")
                    .noneMatch(line -> line.startsWith("wrapped"));
            List<String> cells = elements(run.stdout(), "td").stream()
                    .map(cell -> cell.replaceAll("<[^>]+>", "").replace("&nbsp;", " ").replace('\u00a0', ' '))
                    .toList();
            assertThat(cells).hasSizeGreaterThan(100)
                    .noneMatch(text -> text.matches("(?s).*\\bP(T\\d|\\d+D).*"))
                    .noneMatch(text -> text.matches("(?s).*\\d\\.\\d{3,}.*"))
                    .noneMatch(text -> text.matches("(?s).*\\b[A-Z]+_[A-Z_]+\\b.*"))
                    .noneMatch(text -> text.matches("(?s).*\\d+ = \\d+ / 1\\b.*"));
            assertThat(run.stdout()).doesNotContain("KpiEngine", "calculator", "configure");
        } finally {
            Files.deleteIfExists(measured);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("reports what the page would log, so a clean console means something: a control page with a script")
    void consoleCheckBites() throws Exception {
        // given a page under the dashboard's policy that tries to run a script and load an image
        Path page = Files.createTempFile("rapport-control-", ".html");
        try {
            Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><meta http-equiv="
                    + "\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>"
                    + "</head><body><p>control</p><script>console.error('ran')</script>"
                    + "<img src=\"https://example.com/x.png\" alt=\"\"/></body></html>");

            // when
            Browser run = Browser.run(chromium, "--enable-logging=stderr", "--v=0", "--dump-dom",
                    page.toUri().toString());

            // then the policy blocked both, and the check saw it
            assertThat(run.exitCode()).isZero();
            assertThat(run.consoleMessages()).hasSizeGreaterThanOrEqualTo(2)
                    .anyMatch(line -> line.contains("inline script"))
                    .anyMatch(line -> line.contains("https://example.com/x.png"))
                    .noneMatch(line -> line.contains("\"ran\""));
        } finally {
            Files.deleteIfExists(page);
        }
    }

    /** The chart with this title among the SVG elements. */
    private static String chart(List<String> svgs, String title) {
        return svgs.stream().filter(s -> s.contains(">" + title + "</title>")).findFirst()
                .orElseThrow(() -> new AssertionError("no chart titled " + title));
    }

    /** Every element with this tag in serialised markup, outermost only (SVGs do not nest here). */
    private static List<String> elements(String html, String tag) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + "[ >].*?</" + tag + ">", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /**
     * One headless Chromium run: a fresh profile, no network services, output captured to files, killed with all
     * its child processes if it outlives {@link #PROCESS_TIMEOUT}.
     */
    private record Browser(int exitCode, String stdout, String stderr) {

        static Browser run(Path chromium, String... arguments) throws IOException, InterruptedException {
            Path profile = Files.createTempDirectory("rapport-chromium-");
            Path out = Files.createTempFile("rapport-chromium-", ".out");
            Path err = Files.createTempFile("rapport-chromium-", ".err");
            try {
                List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
                command.addAll(List.of(arguments));
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("Chromium did not finish within " + PROCESS_TIMEOUT + "; stderr:\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Browser(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                deleteTree(profile);
            }
        }

        /** The lines Chromium logged for the page's console: errors, warnings, blocked loads and scripts. */
        List<String> consoleMessages() {
            return stderr.lines().filter(line -> line.contains(":CONSOLE") || line.contains("Uncaught")).toList();
        }

        private static void deleteTree(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
