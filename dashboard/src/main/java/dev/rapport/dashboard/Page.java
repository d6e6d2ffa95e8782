package dev.rapport.dashboard;

import dev.rapport.dashboard.Charts.Axis;
import dev.rapport.dashboard.Charts.Bar;
import dev.rapport.dashboard.Charts.Tone;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiUnit;
import dev.rapport.kpi.LeagueTable;
import dev.rapport.spi.TimeRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes one dashboard page from {@link DashboardData}: the header, the headline tiles, then one section per theme
 * (satisfaction, speed, SLA compliance, workload, agents) and the table of every figure. Each chart is followed by
 * a collapsible table holding the exact numerators, denominators and exclusions it was drawn from.
 *
 * <p>Not thread-safe: one instance writes one page; {@link KpiDashboard} makes a new one per call.
 */
final class Page extends PageThemes {

    Page(DashboardData data, String title, Function<String, Optional<String>> agentNames, int topPerformers,
            Predicate<Kpi> slaKpis) {
        super(data, title, agentNames, topPerformers, slaKpis);
    }

    String render() {
        m.trusted("<!DOCTYPE html>\n");
        m.open("html", "lang", "en");
        head();
        m.open("body");
        m.open("main");
        header();
        tiles();
        satisfaction();
        speed();
        sla();
        workload();
        agents();
        allFigures();
        footer();
        m.close("main");
        m.close("body");
        m.close("html");
        return m.finish();
    }

    // ------------------------------------------------------------------------------------------------ frame

    private void head() {
        m.open("head");
        m.empty("meta", "charset", "utf-8");
        m.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        // Nothing may be fetched or run: the page is one self-contained file.
        m.empty("meta", "http-equiv", "Content-Security-Policy", "content",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
        m.empty("meta", "name", "referrer", "content", "no-referrer");
        m.element("title", title + " \u00b7 " + periodText());
        m.open("style").trusted(Styles.CSS).close("style");
        m.close("head");
    }

    private void header() {
        m.open("header", "class", "page");
        m.open("div");
        m.element("h1", title);
        m.element("p", periodText() + " \u00b7 times in " + zoneName() + " \u00b7 computed "
                + STAMP.format(generatedAt().atZone(zone)), "class", "sub");
        m.close("div");
        m.element("p", "Each share is what was counted out of how many, with the records left out counted by "
                + "reason. Hover a point, bar or tile for its counts; open \u201cNumbers\u201d under a chart for "
                + "the table.", "class", "note");
        m.close("header");
    }

    private void footer() {
        m.open("footer");
        m.element("p", "Rapport KPI dashboard. Definitions of every KPI, its numerator, denominator and exclusions: "
                + "docs/kpis.md. Values on charts and tiles are rounded; hover a count in a table for its exact value. "
                + "Percentiles are linear interpolations between closest ranks.");
        m.close("footer");
    }

    private String zoneName() {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private String periodText() {
        TimeRange period = data.period();
        ZonedDateTime from = period.from().atZone(zone);
        ZonedDateTime to = period.to().atZone(zone);
        if (from.toLocalTime().equals(LocalTime.MIDNIGHT) && to.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            LocalDate last = to.toLocalDate().minusDays(1);
            return last.equals(from.toLocalDate()) ? Format.day(last)
                    : Format.day(from.toLocalDate()) + " \u2013 " + Format.day(last);
        }
        return STAMP.format(from) + " \u2013 " + STAMP.format(to);
    }

    private Instant generatedAt() {
        return data.reports().stream().map(KpiReport::generatedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    // ------------------------------------------------------------------------------------------------ workload

    private void workload() {
        section("Workload and demand", "workload");
        overTime(Kpi.BACKLOG, "Backlog", "Unresolved cases at the end of each period", null, true);
        backlogAges();
        channelMix();
        contactReasons();
        endSection();
    }

    private void backlogAges() {
        Optional<KpiResult> found = data.result(Kpi.BACKLOG);
        openCard("Backlog by age", "Unresolved cases at the end of the period, by how long they have been open");
        if (found.isEmpty()) {
            missing("No open cases counted in this report.");
            closeCard();
            return;
        }
        KpiResult result = found.get();
        KpiFigure f = result.total();
        List<Bar> columns = new ArrayList<>();
        f.statistics().forEach((name, count) -> {
            if (name.startsWith("aged_")) {
                columns.add(new Bar(ageBand(name), count.doubleValue(), Format.count(count),
                        count.toPlainString() + " unresolved cases " + ageBand(name) + " old at the end of the period",
                        name.endsWith("_and_more") ? Tone.ACCENT : Tone.PLAIN));
            }
        });
        double max = columns.stream().mapToDouble(Bar::value).max().orElse(1);
        Charts.columns(m, labels("Backlog by age", "Unresolved cases at the end of the period by age: "
                        + String.join(", ", columns.stream().map(c -> c.label() + " " + c.valueLabel()).toList())
                        + "; " + Format.exact(f.numerator()) + " in all"),
                "Age of the case", Axis.counts(max, "Cases"),
                columns);
        numbers(result, List.of(result), "Group");
        closeCard();
    }

    /** {@code aged_under_1d} as {@code < 1d}, {@code aged_1d_to_3d} as {@code 1d–3d}, {@code aged_30d_and_more} as {@code ≥ 30d}. */
    static String ageBand(String statistic) {
        String band = statistic.substring("aged_".length());
        if (band.startsWith("under_")) {
            return "< " + band.substring("under_".length());
        }
        if (band.endsWith("_and_more")) {
            return "\u2265 " + band.substring(0, band.length() - "_and_more".length());
        }
        if (band.contains("_to_")) {
            return band.replace("_to_", "\u2013");
        }
        return band;
    }

    private void channelMix() {
        Optional<KpiResult> found = data.result(Kpi.REPEAT_CONTACT_RATE, Dimension.CHANNEL);
        openCard("Channel mix", "Contacts per channel: cases opened, and customer messages outside a case");
        if (found.isEmpty()) {
            missing("Contacts are not split by channel in this report.");
            closeCard();
            return;
        }
        KpiResult result = found.get();
        long all = contacts(result.total());
        List<Bar> bars = new ArrayList<>();
        result.groups().stream().sorted(Comparator.comparingLong(Page::contacts).reversed()).forEach(f -> {
            long n = contacts(f);
            String share = all == 0 ? Format.NO_VALUE : Format.percent(BigDecimal.valueOf(n)
                    .divide(BigDecimal.valueOf(all), KpiFigure.PRECISION));
            bars.add(new Bar(groupText(f.group()), n, Format.count(BigDecimal.valueOf(n)) + " \u00b7 " + share,
                    groupText(f.group()) + ": " + n + " contacts, " + share + " of " + all + "; "
                            + Format.exact(f.denominator()) + " with a category, of which "
                            + Format.exact(f.numerator()) + " repeats; " + Format.exclusionSentences(f.excluded()),
                    Tone.PLAIN));
        });
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        Charts.bars(m, labels("Channel mix", barsDescription("Contacts per channel", bars)),
                Axis.counts(max, "Contacts"), bars);
        numbers(result, List.of(result), "Channel");
        closeCard();
    }

    private void contactReasons() {
        Optional<KpiResult> found = data.result(Kpi.REPEAT_CONTACT_RATE, Dimension.CATEGORY);
        openCard("Contact reasons", "Contacts per category; highlighted where the repeat-contact rate is above "
                + "the overall rate");
        if (found.isEmpty()) {
            missing("Contacts are not split by category in this report.");
            closeCard();
            return;
        }
        KpiResult result = found.get();
        double overall = result.total().value().map(BigDecimal::doubleValue).orElse(1d);
        List<KpiFigure> sorted = result.groups().stream()
                .sorted(Comparator.comparingLong(Page::contacts).reversed()).toList();
        List<Bar> bars = new ArrayList<>();
        for (KpiFigure f : sorted.subList(0, Math.min(MAX_CATEGORIES, sorted.size()))) {
            long n = contacts(f);
            String repeat = f.value().map(Format::percent).orElse(Format.NO_VALUE);
            boolean above = f.value().map(v -> v.doubleValue() > overall).orElse(false);
            bars.add(new Bar(groupText(f.group()), n, Format.count(BigDecimal.valueOf(n)) + " \u00b7 " + repeat
                    + " repeat", tooltip("Repeat contacts " + groupText(f.group()), result, f) + "; " + n
                    + " contacts in all", above ? Tone.ACCENT : Tone.PLAIN));
        }
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        String more = sorted.size() > MAX_CATEGORIES ? " (the " + MAX_CATEGORIES + " largest of " + sorted.size()
                + ")" : "";
        Charts.bars(m, labels("Contact reasons", barsDescription("Contacts per category" + more, bars)),
                Axis.counts(max, "Contacts" + more), bars);
        numbers(result, List.of(result), "Category");
        closeCard();
    }

    /** Every contact of a group of the repeat-contact KPI: those with a category and those left out without one. */
    private static long contacts(KpiFigure f) {
        return f.denominator().longValue() + f.excluded().total();
    }

    // ------------------------------------------------------------------------------------------------ agents

    private void agents() {
        section("Agents", "agents");
        Optional<LeagueTable> found = data.leagueTable();
        m.open("div", "class", "card wide");
        m.element("h3", "Agent league table");
        if (found.isEmpty()) {
            missing("No agent ranking in this report.");
            m.close("div");
            endSection();
            return;
        }
        LeagueTable table = found.get();
        m.element("p", "Ranked by CSAT, then first-contact resolution, compliments and median first reply time. "
                + "Agents with fewer than " + table.minimumRatings() + " CSAT ratings are listed unranked. "
                + (topPerformers > 0 ? "The top " + topPerformers + " are highlighted." : ""), "class", "caption");
        m.open("table", "class", "league", "id", "league-table");
        m.open("thead").open("tr");
        for (String h : List.of("Rank", "Agent", "CSAT", "First-contact resolution", "First reply (median)",
                "Resolution (median)", "Compliments")) {
            m.element("th", h, "scope", "col");
        }
        m.close("tr").close("thead");
        m.open("tbody");
        if (table.rows().isEmpty()) {
            m.open("tr").element("td", "No agent has figures in this period.", "colspan", "7").close("tr");
        }
        for (LeagueTable.Row row : table.rows()) {
            boolean top = row.rank().map(r -> r <= topPerformers).orElse(false);
            m.open("tr", "class", top ? "top" : row.rank().isPresent() ? "ranked" : "unranked");
            if (row.rank().isPresent()) {
                m.open("td", "class", "rank");
                m.element("span", String.valueOf(row.rank().get()), "class", top ? "medal m" + Math.min(3,
                        row.rank().get()) : "place");
                m.close("td");
            } else {
                m.element("td", Format.NO_VALUE, "class", "rank", "title", "fewer than " + table.minimumRatings()
                        + " CSAT ratings: not ranked");
            }
            String agent = row.agent();
            m.element("td", agentName(agent), "class", "agent", "title", "agent " + agent);
            shareCell(row.csat(), "ratings");
            shareCell(row.firstContactResolution(), "resolved cases");
            durationCell(row.firstReplyTime());
            durationCell(row.firstResolutionTime());
            m.element("td", Format.count(row.compliments().numerator()), "class", "num", "title",
                    Format.exact(row.compliments().numerator()) + " compliments; "
                            + Format.exclusionSentences(row.compliments().excluded()));
            m.close("tr");
        }
        m.close("tbody");
        m.close("table");
        m.close("div");
        endSection();
    }

    private void shareCell(KpiFigure f, String of) {
        String tip = Format.value(f, Map.of()) + " = " + Format.fraction(f) + " " + of + "; "
                + Format.exclusionSentences(f.excluded());
        m.open("td", "class", "share", "title", tip);
        if (f.value().isPresent()) {
            double width = Math.max(0, Math.min(100, f.value().get().doubleValue() * 100));
            m.open("span", "class", "meter", "aria-hidden", "true");
            m.open("span", "style", "width:" + Charts.num(width) + "%").close("span");
            m.close("span");
        }
        m.element("span", Format.value(f, Map.of()), "class", "figure");
        m.element("span", " (" + Format.exact(f.numerator()) + "/" + Format.exact(f.denominator()) + ")",
                "class", "muted");
        m.close("td");
    }

    private void durationCell(KpiFigure f) {
        String tip = "median " + statText(f, "median_seconds") + ", mean " + Format.value(f, Map.of()) + ", p90 "
                + statText(f, "p90_seconds") + "; " + Format.exact(f.numerator()) + " s over "
                + Format.exact(f.denominator()) + " cases; " + Format.exclusionSentences(f.excluded());
        m.open("td", "class", "num", "title", tip);
        m.element("span", statText(f, "median_seconds"), "class", "figure");
        m.element("span", " (n=" + Format.exact(f.denominator()) + ")", "class", "muted");
        m.close("td");
    }

    // ------------------------------------------------------------------------------------------------ all figures

    private void allFigures() {
        section("Every figure", "figures");
        m.open("div", "class", "card wide");
        m.element("h3", "All KPIs over the whole period");
        m.element("p", "How each figure is made: a share is the first number out of the second, a time is the "
                + "mean over the cases measured, a count is just counted. A dash means nothing to measure. Records "
                + "left out are counted by reason.", "class", "caption");
        m.open("table", "class", "figures", "id", "all-figures");
        m.open("thead").open("tr");
        for (String h : List.of("KPI", "Value", "Counted", "Out of", "Left out", "Details",
                "Settings")) {
            m.element("th", h, "scope", "col");
        }
        m.close("tr").close("thead");
        m.open("tbody");
        for (Kpi kpi : data.kpis()) {
            KpiResult result = data.result(kpi).orElseThrow();
            KpiFigure f = result.total();
            m.open("tr", "id", "kpi-" + kpi.code());
            m.element("th", label(kpi), "scope", "row", "title", kpi.code());
            m.element("td", Format.value(result, f) + (kpi.unit() == KpiUnit.SECONDS && f.value().isPresent()
                    ? " mean" : ""), "class", "num value");
            m.element("td", Format.numerator(kpi.unit(), f, result.parameters()), "class", "num numerator",
                    "title", Format.exact(f.numerator()));
            m.element("td", Format.denominator(kpi.unit(), f), "class", "num denominator",
                    "title", Format.exact(f.denominator()));
            m.element("td", Format.exclusions(f.excluded()), "class", "excluded",
                    "title", Format.exclusionSentences(f.excluded()));
            m.element("td", Format.statistics(f.statistics()), "class", "small");
            m.element("td", Format.settings(result.parameters()), "class", "small");
            m.close("tr");
        }
        m.close("tbody");
        m.close("table");
        m.close("div");
        endSection();
    }
}
