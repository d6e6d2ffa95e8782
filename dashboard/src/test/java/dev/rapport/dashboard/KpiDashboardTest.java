package dev.rapport.dashboard;

import static dev.rapport.dashboard.DashboardScenario.BREAKOUT_NAME;
import static dev.rapport.dashboard.DashboardScenario.HOSTILE_CATEGORY;
import static dev.rapport.dashboard.DashboardScenario.PERIOD;
import static dev.rapport.dashboard.DashboardScenario.SCRIPT_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.LeagueTable;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

@DisplayName("KpiDashboard")
class KpiDashboardTest {

    private static final KpiRequest REQUEST = KpiRequest.over(PERIOD).byPeriod(Granularity.DAY, ZoneOffset.UTC);
    private static final List<String> CHART_TITLES = List.of("CSAT by day", "NPS by day",
            "First reply time by channel", "Next reply time by channel", "First resolution time by channel",
            "Full resolution time by channel", "Backlog by day", "Backlog by age", "Channel mix", "Contact reasons");

    private static DashboardScenario scenario;
    private static KpiDashboard dashboard;
    private static DashboardData data;
    private static String html;
    private static PageDom page;

    @BeforeAll
    static void renderTheStandardScenario() {
        scenario = DashboardScenario.standard();
        dashboard = KpiDashboard.builder().title("Support <b>&</b> \"care\"").agentNames(scenario.agentNames)
                .build();
        data = dashboard.collect(scenario.engine(), REQUEST);
        html = dashboard.render(data);
        page = PageDom.parse(html);
    }

    @Nested
    @DisplayName("the page")
    class ThePage {

        @Test
        @DisplayName("is one self-contained file: no script, nothing fetched, and a policy that forbids both")
        void selfContained() {
            // given the standard page

            // then
            assertThat(html).startsWith("<!DOCTYPE html>");
            assertThat(page.one("//meta[@http-equiv='Content-Security-Policy']").getAttribute("content"))
                    .isEqualTo("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                            + "form-action 'none'");
            Set<String> tags = page.elements().stream().map(Element::getTagName).collect(Collectors.toSet());
            assertThat(tags).doesNotContainAnyElementsOf(List.of("script", "img", "image", "link", "iframe",
                    "object", "embed", "use", "a", "foreignObject", "form", "audio", "video", "font"));
            for (Element e : page.elements()) {
                for (int i = 0; i < e.getAttributes().getLength(); i++) {
                    String name = e.getAttributes().item(i).getNodeName().toLowerCase();
                    assertThat(name).as("attribute of <%s>", e.getTagName())
                            .doesNotStartWith("on").isNotIn("src", "href", "xlink:href", "srcset", "action");
                }
            }
            assertThat(html).doesNotContain("http:", "https:", "url(", "@import", "<script");
        }

        @Test
        @DisplayName("draws every chart as an SVG image with its own title and a description of its data")
        void accessibleCharts() {
            // given the standard page

            // when
            List<Element> svgs = page.all("//svg");

            // then
            assertThat(svgs).extracting(s -> text(s, "title")).containsExactlyElementsOf(CHART_TITLES);
            for (Element svg : svgs) {
                assertThat(svg.getAttribute("role")).isEqualTo("img");
                String[] labelledBy = svg.getAttribute("aria-labelledby").split(" ");
                assertThat(labelledBy).hasSize(2);
                assertThat(page.one("//*[@id='" + labelledBy[0] + "']").getTagName()).isEqualTo("title");
                assertThat(page.one("//*[@id='" + labelledBy[1] + "']").getTagName()).isEqualTo("desc");
                assertThat(text(svg, "desc")).isNotBlank();
                assertThat(page.all("//svg[@id='" + svg.getAttribute("id") + "']//*[@class='axis-title']"))
                        .as("axis titles of %s", text(svg, "title")).isNotEmpty();
            }
        }

        @Test
        @DisplayName("lists every KPI with what it counted out of what in units for people, the exact numbers on "
                + "hover, and its exclusions")
        void everyFigure() {
            // given the standard page

            // then
            assertThat(data.kpis()).contains(Kpi.CSAT, Kpi.NPS, Kpi.FIRST_REPLY_TIME, Kpi.BACKLOG);
            for (Kpi kpi : data.kpis()) {
                KpiFigure total = data.total(kpi).orElseThrow();
                Element row = page.one("//tr[@id='kpi-" + kpi.code() + "']");
                assertThat(cell(row, "numerator")).as(kpi.code())
                        .isEqualTo(Format.numerator(kpi.unit(), total, data.result(kpi).orElseThrow().parameters()));
                assertThat(cell(row, "denominator")).as(kpi.code()).isEqualTo(Format.denominator(kpi.unit(), total));
                assertThat(page.one("//tr[@id='kpi-" + kpi.code() + "']/td[contains(@class,'numerator')]")
                        .getAttribute("title")).as(kpi.code()).isEqualTo(total.numerator().toPlainString());
                assertThat(cell(row, "excluded")).as(kpi.code()).isEqualTo(Format.exclusions(total.excluded()));
            }
            assertThat(data.total(Kpi.FULL_RESOLUTION_TIME).orElseThrow().excluded().total()).isEqualTo(7);
            assertThat(cell(page.one("//tr[@id='kpi-full_resolution_time']"), "excluded"))
                    .isEqualTo("7: unresolved 7");
            assertThat(cell(page.one("//tr[@id='kpi-first_reply_time']"), "numerator")).endsWith(" in all")
                    .doesNotContainPattern("\\d{4}");
            assertThat(cell(page.one("//tr[@id='kpi-backlog']"), "denominator")).isEqualTo(Format.NO_VALUE);
        }

        @Test
        @DisplayName("puts a point per day on the CSAT chart, whose tooltip gives that day's value as a fraction")
        void csatPoints() {
            // given
            KpiResult csat = data.result(Kpi.CSAT, Dimension.PERIOD).orElseThrow();

            // when
            List<Element> dots = page.all("//svg[title='CSAT by day']//*[@class='series s0 dots']/circle");

            // then
            assertThat(csat.groups()).hasSize(14);
            assertThat(dots).hasSize((int) csat.groups().stream().filter(f -> f.value().isPresent()).count());
            for (int i = 0; i < dots.size(); i++) {
                KpiFigure day = csat.groups().get(i);
                assertThat(text(dots.get(i), "title")).contains(Format.percent(day.value().orElseThrow()) + " = "
                        + day.numerator() + " / " + day.denominator());
            }
        }

        @Test
        @DisplayName("draws the seven-day line from summed numerators and denominators, not averaged percentages")
        void rollingLine() {
            // given
            KpiResult csat = data.result(Kpi.CSAT, Dimension.PERIOD).orElseThrow();
            BigDecimal numerator = BigDecimal.ZERO;
            BigDecimal denominator = BigDecimal.ZERO;
            for (KpiFigure f : csat.groups().subList(7, 14)) {
                numerator = numerator.add(f.numerator());
                denominator = denominator.add(f.denominator());
            }

            // when
            List<Element> points = page.all("//svg[title='CSAT by day']//*[@class='series s0']/circle");

            // then
            assertThat(points).hasSize(14);
            assertThat(text(points.get(13), "title")).contains("11 Mar 2024 to 17 Mar 2024", numerator + " / "
                    + denominator);
        }

        @Test
        @DisplayName("shows median and 90th percentile of reply and resolution times, overall and per channel")
        void distributions() {
            // given
            KpiResult byChannel = data.result(Kpi.FIRST_REPLY_TIME, Dimension.CHANNEL).orElseThrow();
            KpiFigure total = data.total(Kpi.FIRST_REPLY_TIME).orElseThrow();

            // when
            String chart = page.chart("First reply time by channel").getTextContent();

            // then
            assertThat(chart).contains("All channels", "median " + Format.duration(total.statistic("median_seconds")
                    .orElseThrow()), "p90 " + Format.duration(total.statistic("p90_seconds").orElseThrow()));
            assertThat(byChannel.groups()).hasSize(4);
            for (KpiFigure f : byChannel.groups()) {
                assertThat(chart).contains(f.group().label(), "median "
                        + Format.duration(f.statistic("median_seconds").orElseThrow()), "n=" + f.denominator());
            }
        }

        @Test
        @DisplayName("counts every contact in the channel mix, those without a category included")
        void channelMix() {
            // given
            KpiResult contacts = data.result(Kpi.REPEAT_CONTACT_RATE, Dimension.CHANNEL).orElseThrow();

            // when
            String chart = page.chart("Channel mix").getTextContent();

            // then
            for (KpiFigure f : contacts.groups()) {
                long all = f.denominator().longValue() + f.excluded().total();
                assertThat(chart).contains(f.group().label(), all + " \u00b7 ");
            }
            assertThat(chart).contains("chatbot", "14 \u00b7 ");
        }

        @Test
        @DisplayName("highlights the top performers of the league table and lists agents with few ratings unranked")
        void leagueTable() {
            // given
            LeagueTable table = data.leagueTable().orElseThrow();

            // when
            List<Element> rows = page.all("//table[@id='league-table']/tbody/tr");

            // then
            assertThat(rows).hasSize(table.rows().size()).hasSize(4);
            assertThat(rows).extracting(r -> r.getAttribute("class"))
                    .containsExactly("top", "top", "top", "unranked");
            for (int i = 0; i < rows.size(); i++) {
                LeagueTable.Row row = table.rows().get(i);
                assertThat(cell(rows.get(i), "agent")).isEqualTo(scenario.agentNames.get(row.agent()));
                assertThat(rows.get(i).getTextContent()).contains("(" + row.csat().numerator() + "/"
                        + row.csat().denominator() + ")");
            }
            assertThat(cell(rows.get(3), "agent")).isEqualTo("Ravi Iyer");
        }

        @Test
        @DisplayName("renders the same data to the same page")
        void deterministic() {
            // when
            String again = dashboard.render(data);

            // then
            assertThat(again).isEqualTo(html);
        }
    }

    @Nested
    @DisplayName("escaping")
    class Escaping {

        @Test
        @DisplayName("shows an agent named like a script or an attribute breakout only as text")
        void hostileAgentNames() {
            // given the standard page, whose agents include both names

            // then the raw markup never appears
            assertThat(html).doesNotContain(SCRIPT_NAME, BREAKOUT_NAME, "<img", "onerror=alert(2)>");
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;",
                    "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
            // and a browser reads back exactly the names
            List<String> agents = page.all("//td[@class='agent']").stream().map(Element::getTextContent).toList();
            assertThat(agents).contains(SCRIPT_NAME, BREAKOUT_NAME);
        }

        @Test
        @DisplayName("shows a category that would close an SVG title only as text, in the chart, tooltips and tables")
        void hostileCategory() {
            // given the standard page, whose categories include one with markup

            // then
            assertThat(html).doesNotContain(HOSTILE_CATEGORY, "<svg onload");
            assertThat(page.chart("Contact reasons").getTextContent()).contains(HOSTILE_CATEGORY);
            assertThat(page.all("//details//th").stream().map(Element::getTextContent)).contains(HOSTILE_CATEGORY);
            assertThat(page.all("//svg").stream().map(Element::getAttributes).filter(a -> a.getNamedItem("onload")
                    != null)).isEmpty();
        }

        @Test
        @DisplayName("escapes the title in the heading and the document title")
        void hostileTitle() {
            // given the standard page, titled with markup

            // then
            assertThat(html).doesNotContain("<b>&</b>");
            assertThat(page.one("//h1").getTextContent()).isEqualTo("Support <b>&</b> \"care\"");
            assertThat(page.one("/html/head/title").getTextContent()).startsWith("Support <b>&</b> \"care\"");
        }

        @Test
        @DisplayName("escapes the five markup characters and replaces what a page may not hold")
        void escapeRules() {
            // when
            String escaped = Markup.escape("a&b<c>d\"e'f\u0000g\u0007h\uD800i\uDE00j\u0085k\uFFFEl\t\n\r\uD83D\uDE00m");

            // then
            assertThat(escaped).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f\uFFFDg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uFFFDl"
                    + "\t\n\r\uD83D\uDE00m");
        }

        @Test
        @DisplayName("replaces control characters and lone surrogates in agent names")
        void controlCharacters() {
            // given
            KpiDashboard named = KpiDashboard.builder()
                    .agentNames(id -> Optional.of("Nul\u0000Bell\u0007Half\uD83D")).build();

            // when
            String rendered = named.render(data);

            // then
            assertThat(rendered).doesNotContain("\u0000", "\u0007", "Half\uD83D<").contains("Nul\uFFFDBell\uFFFDHalf\uFFFD");
            PageDom.parse(rendered);
        }
    }

    @Nested
    @DisplayName("SLA compliance")
    class Sla {

        @Test
        @DisplayName("says there is no SLA data when the report holds no SLA KPI")
        void noSlaData() {
            // given the standard page, computed without SLA calculator

            // then
            assertThat(page.one("//*[@id='no-sla-data']").getTextContent())
                    .isEqualTo("No service-level targets are set for this period, so there is no compliance to show.");
            assertThat(page.all("//*[@id='tile-sla_compliance']")).isEmpty();
        }

        @Test
        @DisplayName("draws an SLA KPI per channel and per day, with its numerator and denominator, when present")
        void slaFromCalculator() {
            // given
            FixedSlaCalculator sla = new FixedSlaCalculator();
            KpiDashboard plain = KpiDashboard.withDefaults();

            // when
            DashboardData withSla = plain.collect(scenario.engine(sla), REQUEST);
            PageDom slaPage = PageDom.parse(plain.render(withSla));

            // then
            assertThat(slaPage.all("//*[@id='no-sla-data']")).isEmpty();
            assertThat(slaPage.one("//*[@id='tile-sla_compliance']").getTextContent()).contains("80.0%",
                    "112 of 140 targets met");
            assertThat(slaPage.chart("SLA compliance by channel").getTextContent()).contains("All channels",
                    "80.0% (112/140)", "email", "90.0% (9/10)", "chat", "95.0% (19/20)");
            assertThat(slaPage.all("//svg[title='SLA compliance by day']//*[@class='series s0']/circle"))
                    .hasSize(14);
            Element row = slaPage.one("//tr[@id='kpi-sla_compliance']");
            assertThat(cell(row, "numerator")).isEqualTo("112");
            assertThat(cell(row, "denominator")).isEqualTo("140");
            assertThat(cell(row, "excluded")).isEqualTo("3: unresolved 3");
        }
    }

    @Nested
    @DisplayName("what it is given")
    class Input {

        @Test
        @DisplayName("renders a single report, and each section it cannot fill says in plain words what is missing")
        void singleReport() {
            // given
            KpiReport totals = scenario.engine().report(KpiRequest.over(PERIOD));

            // when
            String single = dashboard.render(totals);
            PageDom singlePage = PageDom.parse(single);

            // then
            assertThat(singlePage.one("//*[@id='tile-csat']").getTextContent())
                    .contains(Format.percent(totals.result(Kpi.CSAT).orElseThrow().total().value().orElseThrow()));
            assertThat(single).contains("CSAT is not shown over time in this report", "No agent ranking in this report",
                    "Contacts are not split by channel in this report", "Not split by channel in this report.");
            assertThat(singlePage.all("//svg")).extracting(s -> text(s, "title")).containsExactly(
                    "First reply time by channel", "Next reply time by channel", "First resolution time by channel",
                    "Full resolution time by channel", "Backlog by age");
        }

        @Test
        @DisplayName("renders a period without records without inventing numbers")
        void emptyPeriod() {
            // given
            DashboardScenario nothing = DashboardScenario.empty();

            // when
            DashboardData none = dashboard.collect(nothing.engine(), REQUEST);
            String empty = dashboard.render(none);
            PageDom emptyPage = PageDom.parse(empty);

            // then
            assertThat(empty).doesNotContain("NaN", "Infinity");
            assertThat(emptyPage.one("//*[@id='tile-csat']/*[@class='value']").getTextContent())
                    .isEqualTo(Format.NO_VALUE);
            assertThat(emptyPage.chart("CSAT by day").getTextContent()).contains("No data in this period");
            assertThat(emptyPage.all("//svg")).hasSize(CHART_TITLES.size());
            assertThat(emptyPage.one("//table[@id='league-table']").getTextContent())
                    .contains("No agent has figures in this period.");
        }

        @Test
        @DisplayName("rejects reports over different periods, and a league table over another period")
        void samePeriod() {
            // given
            KpiReport march = scenario.engine().report(KpiRequest.over(PERIOD), List.of(Kpi.CSAT));
            KpiReport week = scenario.engine().report(KpiRequest.over(TimeRange.of(PERIOD.from(),
                    PERIOD.from().plus(Duration.ofDays(7)))), List.of(Kpi.CSAT));

            // then
            assertThatThrownBy(() -> DashboardData.of(march, week)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("reports"));
            assertThatThrownBy(() -> DashboardData.of(march).withLeagueTable(scenario.engine()
                    .leagueTable(week.period()))).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("leagueTable"));
            assertThatThrownBy(() -> DashboardData.of()).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("reports"));
        }

        @Test
        @DisplayName("rejects bad settings, naming each")
        void badSettings() {
            // when
            KpiDashboard.Builder builder = KpiDashboard.builder().title(" ").topPerformers(-1)
                    .agentNames((java.util.function.Function<String, Optional<String>>) null).slaKpis(null);

            // then
            assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("title", "agentNames", "topPerformers", "slaKpis"));
            assertThatThrownBy(() -> KpiDashboard.builder().title("x".repeat(201)).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::rule).containsExactly("Size"));
        }

        @Test
        @DisplayName("rejects missing arguments, naming them")
        void missingArguments() {
            assertThatThrownBy(() -> dashboard.render((DashboardData) null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("data"));
            assertThatThrownBy(() -> dashboard.render((KpiReport) null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("report"));
            assertThatThrownBy(() -> dashboard.collect(null, null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("engine", "request"));
        }

        @Test
        @DisplayName("draws days for a month, weeks for a quarter and months for longer periods")
        void granularity() {
            // given
            java.time.Instant from = PERIOD.from();

            // then
            assertThat(KpiDashboard.granularity(TimeRange.of(from, from.plus(Duration.ofDays(31)))))
                    .isEqualTo(Granularity.DAY);
            assertThat(KpiDashboard.granularity(TimeRange.of(from, from.plus(Duration.ofDays(92)))))
                    .isEqualTo(Granularity.WEEK);
            assertThat(KpiDashboard.granularity(TimeRange.of(from, from.plus(Duration.ofDays(730)))))
                    .isEqualTo(Granularity.MONTH);
        }

        @Test
        @DisplayName("is shared safely: renders from several threads at once equal the single-threaded page")
        void threadSafe() throws Exception {
            // given
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<String>> pages = new ArrayList<>();

            // when
            try {
                for (int i = 0; i < 8; i++) {
                    pages.add(pool.submit(() -> dashboard.render(data)));
                }
                // then
                for (Future<String> rendered : pages) {
                    assertThat(rendered.get()).isEqualTo(html);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String text(Element parent, String child) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    /** The text of the row's cell with the class, or the row's first cell of that class. */
    private static String cell(Element row, String cssClass) {
        for (org.w3c.dom.Node n = row.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no cell of class " + cssClass + " in " + row.getTextContent());
    }
}
