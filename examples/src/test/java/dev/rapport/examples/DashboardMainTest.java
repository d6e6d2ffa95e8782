package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.dashboard.DashboardData;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.LeagueTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DashboardMain")
class DashboardMainTest {

    private static final List<String> CHARTS = List.of("CSAT by day", "NPS by day", "First reply time by channel",
            "Next reply time by channel", "First resolution time by channel", "Full resolution time by channel",
            "SLA first reply by channel", "SLA first reply by day", "SLA first resolution by channel",
            "SLA first resolution by day", "Backlog by day", "Backlog by age", "Channel mix", "Contact reasons");

    @Test
    @DisplayName("plays the month, writes the page where it says, and prints a summary")
    void writesThePage() throws Exception {
        // when
        ExampleDashboard.Printed printed = ExampleDashboard.run();

        // then
        Path file = printed.run().file();
        assertThat(file).isEqualTo(Path.of("target", "rapport-dashboard.html").toAbsolutePath());
        assertThat(Files.readString(file)).isEqualTo(printed.run().html());
        assertThat(printed.output().lines()).containsSubsequence(
                "March 2024 at a glance:",
                "Wrote the dashboard (" + printed.run().html().length() / 1024 + " KiB, 14 charts) to " + file,
                "Open it in a browser: " + file.toUri());
        assertThat(printed.output()).startsWith("Storing in jdbc:h2:mem:dashboard-").contains("  CSAT  ",
                "  Backlog on 1 April  ");
    }

    @Test
    @DisplayName("plays the same month every time: a fixed seed on a simulated clock")
    void deterministic() {
        // when
        Map<String, Integer> counts = ExampleDashboard.run().run().counts();

        // then the same number of everything as every other run
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("customers", 398, "purchases", 500,
                "cases", 711, "interactions", 2489, "csat", 290, "nps", 216, "ces", 115, "compliments", 44,
                "bot conversations", 298));
    }

    @Test
    @DisplayName("plays a realistic month: six channels and a chatbot, reopens, a backlog, an unranked newcomer")
    void realistic() {
        // given
        DashboardData data = ExampleDashboard.run().run().data();

        // then
        assertThat(data.result(Kpi.REPEAT_CONTACT_RATE, Dimension.CHANNEL).orElseThrow().groups())
                .extracting(f -> f.group().label())
                .containsExactlyInAnyOrder("chat", "chatbot", "email", "facebook", "phone", "web_form", "whatsapp");
        assertThat(data.total(Kpi.REOPEN_RATE).orElseThrow().numerator()).isPositive();
        assertThat(data.total(Kpi.BACKLOG).orElseThrow().numerator()).isPositive();
        assertThat(data.total(Kpi.CSAT).orElseThrow().denominator()).isGreaterThan(BigDecimal.valueOf(200));
        assertThat(data.total(Kpi.CONTAINMENT_RATE).orElseThrow().value()).isPresent();
        assertThat(data.total(Kpi.REVENUE_AFTER_SERVICE).orElseThrow().denominator()).isPositive();
        LeagueTable league = data.leagueTable().orElseThrow();
        assertThat(league.rows()).hasSize(8);
        assertThat(league.rows()).filteredOn(r -> r.rank().isEmpty()).singleElement()
                .satisfies(r -> assertThat(r.csat().denominator()).isLessThan(BigDecimal.valueOf(5)));
    }

    @Test
    @DisplayName("draws every chart as SVG in the page, and the page's numbers are the report's")
    void chartsAndNumbers() {
        // given
        DashboardMain.Run run = ExampleDashboard.run().run();
        String html = run.html();
        DashboardData data = run.data();

        // then every chart is an SVG image with its title
        Matcher svgs = Pattern.compile("<svg [^>]*role=\"img\"[^>]*><title id=\"[^\"]+\">([^<]+)</title>")
                .matcher(html);
        List<String> titles = svgs.results().map(m -> m.group(1)).toList();
        assertThat(titles).containsExactlyElementsOf(CHARTS);
        assertThat(html).doesNotContain("<script", "http:", "https:");

        // and every figure's exact numerator and denominator are in the table of figures, on hover
        for (Kpi kpi : data.kpis()) {
            KpiFigure total = data.total(kpi).orElseThrow();
            assertThat(html).as(kpi.code()).containsPattern(Pattern.quote("<tr id=\"kpi-" + kpi.code() + "\">")
                    + ".*?" + Pattern.quote("<td class=\"num numerator\" title=\"" + total.numerator().toPlainString()
                    + "\">") + "[^<]+" + Pattern.quote("</td><td class=\"num denominator\" title=\""
                    + total.denominator().toPlainString() + "\">"));
        }

        // and the headline tiles show the report's values
        KpiFigure csat = data.total(Kpi.CSAT).orElseThrow();
        assertThat(tile(html, "csat")).contains(percent(csat.value().orElseThrow()),
                csat.numerator() + " of " + csat.denominator() + " ratings satisfied");
        KpiFigure backlog = data.total(Kpi.BACKLOG).orElseThrow();
        assertThat(tile(html, "backlog")).contains("<div class=\"value\">" + backlog.numerator() + "</div>");

        // and each agent of the league table is named, with their CSAT as a fraction
        for (LeagueTable.Row row : data.leagueTable().orElseThrow().rows()) {
            assertThat(html).contains("title=\"agent " + row.agent() + "\">",
                    "(" + row.csat().numerator() + "/" + row.csat().denominator() + ")");
        }
        assertThat(html).contains(">Maya Patel</td>", ">Luis Garc\u00eda</td>", ">Ravi Iyer</td>");
    }

    @Test
    @DisplayName("writes to the path given as first argument, else to target/rapport-dashboard.html")
    void outputPath() {
        assertThat(DashboardMain.output(new String[] {"reports/march.html"})).isEqualTo(Path.of("reports/march.html"));
        assertThat(DashboardMain.output(new String[0])).isEqualTo(Path.of("target/rapport-dashboard.html"));
        assertThat(DashboardMain.output(new String[] {" "})).isEqualTo(Path.of("target/rapport-dashboard.html"));
    }

    private static String tile(String html, String code) {
        Matcher m = Pattern.compile("<div class=\"tile\" id=\"tile-" + code + "\".*?</div></div>").matcher(html);
        assertThat(m.find()).as("tile %s", code).isTrue();
        return m.group();
    }

    private static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
