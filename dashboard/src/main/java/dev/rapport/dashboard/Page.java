package dev.rapport.dashboard;

import dev.rapport.dashboard.Charts.Axis;
import dev.rapport.dashboard.Charts.Bar;
import dev.rapport.dashboard.Charts.Labels;
import dev.rapport.dashboard.Charts.Point;
import dev.rapport.dashboard.Charts.Range;
import dev.rapport.dashboard.Charts.Reference;
import dev.rapport.dashboard.Charts.Series;
import dev.rapport.dashboard.Charts.Tone;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.Granularity;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
final class Page {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_CATEGORIES = 10;
    private static final int ROLLING_DAYS = 7;

    private final DashboardData data;
    private final String title;
    private final Function<String, Optional<String>> agentNames;
    private final int topPerformers;
    private final Predicate<Kpi> slaKpis;
    private final Markup m = new Markup();
    private final ZoneId zone;
    private int charts;

    Page(DashboardData data, String title, Function<String, Optional<String>> agentNames, int topPerformers,
            Predicate<Kpi> slaKpis) {
        this.data = data;
        this.title = title;
        this.agentNames = agentNames;
        this.topPerformers = topPerformers;
        this.slaKpis = slaKpis;
        this.zone = periodReport().map(r -> r.breakdown().zone()).orElse(ZoneOffset.UTC);
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

    // ------------------------------------------------------------------------------------------------ tiles

    private void tiles() {
        m.open("section", "class", "tiles", "aria-label", "Headline figures");
        tile(Kpi.CSAT, "CSAT", f -> Format.exact(f.numerator()) + " of " + Format.exact(f.denominator())
                + " ratings satisfied", false);
        tile(Kpi.NPS, "NPS", f -> Format.exact(f.denominator()) + " responses: " + stat(f, "promoters")
                .map(Format::exact).orElse("0") + " promoters, " + stat(f, "detractors").map(Format::exact)
                .orElse("0") + " detractors", false);
        tile(Kpi.FIRST_REPLY_TIME, "First reply (median)", f -> "p90 " + stat(f, "p90_seconds")
                .map(Format::duration).orElse(Format.NO_VALUE) + " \u00b7 " + Format.exact(f.denominator())
                + " cases", true);
        tile(Kpi.FIRST_RESOLUTION_TIME, "Resolution (median)", f -> "p90 " + stat(f, "p90_seconds")
                .map(Format::duration).orElse(Format.NO_VALUE) + " \u00b7 " + Format.exact(f.denominator())
                + " cases", true);
        tile(Kpi.FIRST_CONTACT_RESOLUTION, "First-contact resolution", f -> Format.exact(f.numerator()) + " of "
                + Format.exact(f.denominator()) + " resolved cases", false);
        tile(Kpi.REPEAT_CONTACT_RATE, "Repeat contacts", f -> Format.exact(f.numerator()) + " of "
                + Format.exact(f.denominator()) + " contacts", false);
        tile(Kpi.BACKLOG, "Backlog at the end", f -> "median age " + stat(f, "age_median_seconds")
                .map(Format::duration).orElse(Format.NO_VALUE), false);
        for (Kpi kpi : slaKpis()) {
            tile(kpi, label(kpi), f -> Format.exact(f.numerator()) + " of " + Format.exact(f.denominator())
                    + " targets met", false);
        }
        m.close("section");
    }

    private void tile(Kpi kpi, String label, Function<KpiFigure, String> detail, boolean median) {
        Optional<KpiResult> result = data.result(kpi);
        if (result.isEmpty()) {
            return;
        }
        KpiFigure f = result.get().total();
        String value = median ? stat(f, "median_seconds").map(Format::duration).orElse(Format.NO_VALUE)
                : Format.value(result.get(), f);
        m.open("div", "class", "tile", "id", "tile-" + kpi.code(), "title", tooltip(label, result.get(), f));
        m.element("div", label, "class", "label");
        m.element("div", value, "class", "value");
        m.element("div", detail.apply(f), "class", "detail");
        if (!f.excluded().isEmpty()) {
            m.element("div", f.excluded().total() + " excluded", "class", "detail excluded");
        }
        m.close("div");
    }

    // ------------------------------------------------------------------------------------------------ satisfaction

    private void satisfaction() {
        section("Satisfaction over time", "satisfaction");
        overTime(Kpi.CSAT, "CSAT", "Share of ratings at or above the satisfaction threshold, per period",
                Axis.fixed(0, 100, 20, t -> Math.round(t) + "%", "CSAT (% satisfied)"), false);
        overTime(Kpi.NPS, "NPS", "% promoters (9\u201310) minus % detractors (0\u20136), per period",
                Axis.fixed(-100, 100, 50, t -> (t > 0 ? "+" : "") + Math.round(t), "NPS (points)"), false);
        endSection();
    }

    /**
     * A KPI over the periods of a period breakdown, or a note saying why there is none. Flow KPIs over many days are
     * drawn as faint daily dots under a bold line over the last seven days (the sums of their numerators over the
     * sums of their denominators, exact because both add up across days), which shows the trend without hiding a
     * single day; stock KPIs and short series are one line.
     */
    private void overTime(Kpi kpi, String name, String caption, Axis axis, boolean stock) {
        Optional<KpiResult> found = data.result(kpi, Dimension.PERIOD);
        String word = found.map(r -> periodWord(r.breakdown().granularity())).orElse("period");
        openCard(name + " by " + word, caption);
        if (found.isEmpty()) {
            missing(name + " is not shown over time in this report.");
            closeCard();
            return;
        }
        KpiResult result = found.get();
        List<KpiFigure> groups = result.groups();
        boolean rolling = !stock && result.breakdown().granularity() == Granularity.DAY
                && groups.size() >= 2 * ROLLING_DAYS;
        List<Point> points = new ArrayList<>();
        for (KpiFigure f : groups) {
            points.add(new Point(f.value().map(v -> plotted(kpi, v)).orElse(null), Format.value(result, f),
                    tooltip(name + " " + groupText(f.group()), result, f)));
        }
        List<Series> series = new ArrayList<>();
        if (rolling) {
            series.add(new Series("each day", points, false, false));
            series.add(new Series("last " + ROLLING_DAYS + " days", rolling(result, name), true, true));
        } else {
            series.add(new Series(name, points, true, true));
        }
        Optional<Reference> reference = stock ? Optional.empty() : result.total().value()
                .map(v -> new Reference(plotted(kpi, v), "whole period " + Format.value(result, result.total())));
        Axis y = axis != null ? axis : Axis.counts(maxPlotted(result), name + " (cases)");
        String description = description(name, result) + (rolling ? " The line is the value over the last "
                + ROLLING_DAYS + " days: the sum of numerators over the sum of denominators." : "");
        Charts.line(m, labels(name + " by " + word, description), periodLabels(result),
                periodAxisTitle(result.breakdown().granularity()), y, series, reference, stock);
        numbers(result, List.of(result), word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
        closeCard();
    }

    /** For each day, the figure over the last seven days of the period up to it, from summed numerators. */
    private List<Point> rolling(KpiResult result, String name) {
        List<KpiFigure> groups = result.groups();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            int first = Math.max(0, i - ROLLING_DAYS + 1);
            BigDecimal numerator = BigDecimal.ZERO;
            BigDecimal denominator = BigDecimal.ZERO;
            Exclusions excluded = Exclusions.NONE;
            for (KpiFigure f : groups.subList(first, i + 1)) {
                numerator = numerator.add(f.numerator());
                denominator = denominator.add(f.denominator());
                excluded = excluded.plus(f.excluded());
            }
            KpiFigure window = KpiFigure.of(result.kpi(), groups.get(i).group(), numerator, denominator, Map.of(),
                    excluded);
            String days = groupText(groups.get(first).group()) + " to " + groupText(groups.get(i).group());
            points.add(new Point(window.value().map(v -> plotted(result.kpi(), v)).orElse(null),
                    Format.value(result, window), tooltip(name + ", " + days, result, window)));
        }
        return points;
    }

    /** The value as drawn: shares in percent, everything else as it is. */
    private static double plotted(Kpi kpi, BigDecimal value) {
        return kpi.unit() == KpiUnit.SHARE ? value.multiply(HUNDRED).doubleValue() : value.doubleValue();
    }

    private static double maxPlotted(KpiResult result) {
        return result.groups().stream().flatMap(f -> f.value().stream()).mapToDouble(v -> plotted(result.kpi(), v))
                .max().orElse(1);
    }

    // ------------------------------------------------------------------------------------------------ speed

    private void speed() {
        section("Speed: how long customers wait", "speed");
        distribution(Kpi.FIRST_REPLY_TIME, "First reply time", "cases",
                "Case creation to the first public reply by a human agent; bots and auto-replies do not count");
        distribution(Kpi.NEXT_REPLY_TIME, "Next reply time", "waits",
                "Oldest unanswered customer message to the next agent reply");
        distribution(Kpi.FIRST_RESOLUTION_TIME, "First resolution time", "cases",
                "Case creation to its first resolution; a reopen does not restart it");
        distribution(Kpi.FULL_RESOLUTION_TIME, "Full resolution time", "cases",
                "Case creation to its last resolution, for cases resolved now");
        endSection();
    }

    private void distribution(Kpi kpi, String name, String unit, String caption) {
        Optional<KpiResult> total = data.result(kpi);
        openCard(name + " by channel", caption);
        if (total.isEmpty()) {
            missing("No " + name.toLowerCase(Locale.ROOT) + " in this report.");
            closeCard();
            return;
        }
        List<KpiResult> results = new ArrayList<>();
        results.add(total.get());
        List<Range> rows = new ArrayList<>();
        rows.add(range("All channels", total.get(), total.get().total(), unit));
        Optional<KpiResult> byChannel = data.result(kpi, Dimension.CHANNEL);
        byChannel.ifPresent(result -> {
            results.add(result);
            byCount(result.groups()).forEach(f -> rows.add(range(groupText(f.group()), result, f, unit)));
        });
        StringBuilder description = new StringBuilder(name).append(", median and 90th percentile: ");
        for (int i = 0; i < rows.size(); i++) {
            Range r = rows.get(i);
            description.append(i == 0 ? "" : "; ").append(r.label()).append(' ').append(r.count() == 0 ? "no data"
                    : "median " + Format.duration(BigDecimal.valueOf(r.median())) + ", p90 "
                    + Format.duration(BigDecimal.valueOf(r.p90())) + " over " + r.count() + " " + unit);
        }
        Charts.ranges(m, labels(name + " by channel", description.toString()), name + " (logarithmic scale)", rows);
        if (byChannel.isEmpty()) {
            missing("Not split by channel in this report.");
        }
        durationNumbers(results, unit);
        closeCard();
    }

    private Range range(String label, KpiResult result, KpiFigure f, String unit) {
        long count = f.denominator().longValue();
        String tooltip = label + ": " + (count == 0 ? "no " + unit + " measured"
                : "mean " + Format.value(result, f) + ", median " + statText(f, "median_seconds") + ", p90 "
                + statText(f, "p90_seconds") + ", min " + statText(f, "min_seconds") + ", max "
                + statText(f, "max_seconds") + "; " + Format.exact(f.numerator()) + " s over " + count + " " + unit)
                + "; " + Format.exclusionSentences(f.excluded());
        if (count == 0) {
            return new Range(label, 0, 0, 0, 0, 0, 0, tooltip);
        }
        return new Range(label, count, seconds(f, "min_seconds"), seconds(f, "median_seconds"),
                f.value().map(BigDecimal::doubleValue).orElse(0d), seconds(f, "p90_seconds"),
                seconds(f, "max_seconds"), tooltip);
    }

    private static double seconds(KpiFigure f, String statistic) {
        return stat(f, statistic).map(BigDecimal::doubleValue).orElse(0d);
    }

    private static String statText(KpiFigure f, String statistic) {
        return stat(f, statistic).map(Format::duration).orElse(Format.NO_VALUE);
    }

    // ------------------------------------------------------------------------------------------------ SLA

    private void sla() {
        section("SLA compliance", "sla");
        List<Kpi> kpis = slaKpis();
        if (kpis.isEmpty()) {
            openCard("SLA compliance", "Achieved / (achieved + breached), per target");
            m.element("p", "No service-level targets are set for this period, so there is no compliance to show.",
                    "class", "empty-state",
                    "id", "no-sla-data");
            closeCard();
            endSection();
            return;
        }
        for (Kpi kpi : kpis) {
            KpiResult total = data.result(kpi).orElseThrow();
            String name = label(kpi);
            openCard(name + " by channel", "Achieved / (achieved + breached); target met when the share is high");
            List<KpiResult> results = new ArrayList<>(List.of(total));
            List<Bar> bars = new ArrayList<>();
            bars.add(shareBar("All channels", total, total.total(), Tone.TOTAL));
            data.result(kpi, Dimension.CHANNEL).ifPresent(result -> {
                results.add(result);
                byCount(result.groups()).forEach(f -> bars.add(shareBar(groupText(f.group()), result, f, Tone.PLAIN)));
            });
            Charts.bars(m, labels(name + " by channel", barsDescription(name, bars)),
                    Axis.fixed(0, 100, 25, t -> Math.round(t) + "%", name + " (% of targets met)"), bars);
            numbers(total, results, "Group");
            closeCard();
            if (data.result(kpi, Dimension.PERIOD).isPresent()) {
                overTime(kpi, name, "Achieved / (achieved + breached), per period",
                        Axis.fixed(0, 100, 20, t -> Math.round(t) + "%", name + " (%)"), false);
            }
        }
        endSection();
    }

    private Bar shareBar(String label, KpiResult result, KpiFigure f, Tone tone) {
        double value = f.value().map(v -> v.multiply(HUNDRED).doubleValue()).orElse(0d);
        String text = Format.value(result, f) + " (" + Format.exact(f.numerator()) + "/"
                + Format.exact(f.denominator()) + ")";
        return new Bar(label, value, text, tooltip(label(result.kpi()) + " " + label, result, f), tone);
    }

    /** The SLA KPIs that measured something: a target with no case under it has nothing to show. */
    private List<Kpi> slaKpis() {
        return data.kpis().stream().filter(slaKpis)
                .filter(kpi -> data.total(kpi).map(f -> f.denominator().signum() != 0).orElse(false)).toList();
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

    // ------------------------------------------------------------------------------------------------ tables

    /** The collapsible table of a chart: per group its value, numerator, denominator and exclusions. */
    private void numbers(KpiResult first, List<KpiResult> results, String groupHeader) {
        m.open("details", "class", "numbers");
        m.element("summary", "Numbers");
        m.open("table");
        m.open("thead").open("tr");
        for (String h : List.of(groupHeader, "Value", "Counted", "Out of", "Left out")) {
            m.element("th", h, "scope", "col");
        }
        m.close("tr").close("thead");
        m.open("tbody");
        numberRow(first, "Whole period", first.total());
        for (KpiResult result : results) {
            for (KpiFigure f : result.groups()) {
                numberRow(result, groupText(f.group()), f);
            }
        }
        m.close("tbody");
        m.close("table");
        m.close("details");
    }

    private void numberRow(KpiResult result, String group, KpiFigure f) {
        m.open("tr");
        m.element("th", group, "scope", "row");
        m.element("td", Format.value(result, f), "class", "num");
        m.element("td", Format.numerator(result.kpi().unit(), f, result.parameters()), "class", "num",
                "title", Format.exact(f.numerator()));
        m.element("td", Format.denominator(result.kpi().unit(), f), "class", "num",
                "title", Format.exact(f.denominator()));
        m.element("td", Format.exclusions(f.excluded()));
        m.close("tr");
    }

    /** The table of a duration chart: count, mean, median, p90, min, max, sum and exclusions per group. */
    private void durationNumbers(List<KpiResult> results, String unit) {
        m.open("details", "class", "numbers");
        m.element("summary", "Numbers");
        m.open("table");
        m.open("thead").open("tr");
        for (String h : List.of("Group", unit.substring(0, 1).toUpperCase(Locale.ROOT) + unit.substring(1), "Mean",
                "Median", "p90", "Min", "Max", "Total time", "Left out")) {
            m.element("th", h, "scope", "col");
        }
        m.close("tr").close("thead");
        m.open("tbody");
        List<KpiFigure> figures = new ArrayList<>();
        figures.add(results.get(0).total());
        for (KpiResult result : results) {
            figures.addAll(result.groups());
        }
        for (int i = 0; i < figures.size(); i++) {
            KpiFigure f = figures.get(i);
            m.open("tr");
            m.element("th", i == 0 ? "All channels" : groupText(f.group()), "scope", "row");
            m.element("td", Format.count(f.denominator()), "class", "num");
            m.element("td", Format.value(f, Map.of()), "class", "num");
            for (String s : List.of("median_seconds", "p90_seconds", "min_seconds", "max_seconds")) {
                m.element("td", statText(f, s), "class", "num", "title",
                        stat(f, s).map(v -> v.toPlainString() + " s").orElse(null));
            }
            m.element("td", Format.duration(f.numerator()), "class", "num",
                    "title", Format.exact(f.numerator()) + " s");
            m.element("td", Format.exclusions(f.excluded()));
            m.close("tr");
        }
        m.close("tbody");
        m.close("table");
        m.close("details");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void section(String heading, String id) {
        m.open("section", "class", "theme", "id", id);
        m.element("h2", heading);
        m.open("div", "class", "cards");
    }

    private void endSection() {
        m.close("div");
        m.close("section");
    }

    private void openCard(String heading, String caption) {
        m.open("div", "class", "card");
        m.element("h3", heading);
        m.element("p", caption, "class", "caption");
    }

    private void closeCard() {
        m.close("div");
    }

    private void missing(String text) {
        m.element("p", text, "class", "empty-state");
    }

    private Labels labels(String chartTitle, String description) {
        charts++;
        return new Labels("chart-" + charts, chartTitle, description);
    }

    private String description(String name, KpiResult result) {
        StringBuilder sb = new StringBuilder(name).append(" per ")
                .append(periodWord(result.breakdown().granularity())).append(" from ");
        List<KpiFigure> groups = result.groups();
        if (!groups.isEmpty()) {
            sb.append(groupText(groups.get(0).group())).append(" to ")
                    .append(groupText(groups.get(groups.size() - 1).group())).append(": ");
        }
        List<String> values = new ArrayList<>();
        groups.forEach(f -> values.add(groupText(f.group()) + " " + Format.value(result, f)));
        sb.append(String.join(", ", values));
        sb.append(". Whole period ").append(Format.value(result, result.total()));
        if (result.kpi().unit() != KpiUnit.COUNT) {
            sb.append(" (").append(Format.fraction(result.total())).append(")");
        }
        sb.append(".");
        return sb.toString();
    }

    private static String barsDescription(String name, List<Bar> bars) {
        return name + ": " + String.join(", ", bars.stream().map(b -> b.label() + " " + b.valueLabel()).toList())
                + ".";
    }

    /** What hovering a figure shows: the value, how it is made, and what was left out. */
    private static String tooltip(String what, KpiResult result, KpiFigure f) {
        String scale = result.kpi().unit().scale().compareTo(BigDecimal.ONE) == 0 ? ""
                : Format.exact(result.kpi().unit().scale()) + " \u00d7 ";
        String madeOf = result.kpi().unit() == KpiUnit.COUNT ? "" : " = " + scale + Format.fraction(f);
        return what + ": " + Format.value(result, f) + madeOf + "; " + Format.exclusionSentences(f.excluded());
    }

    private static Optional<BigDecimal> stat(KpiFigure f, String name) {
        return f.statistic(name);
    }

    private static List<KpiFigure> byCount(List<KpiFigure> groups) {
        return groups.stream().sorted(Comparator.comparing(KpiFigure::denominator).reversed()
                .thenComparing(KpiFigure::group)).toList();
    }

    private Optional<KpiReport> periodReport() {
        return data.reports().stream().filter(r -> r.breakdown().isPeriod()).findFirst();
    }

    private Granularity granularity() {
        return periodReport().map(KpiReport::breakdown).map(Breakdown::granularity).orElse(Granularity.DAY);
    }

    private static String periodWord(Granularity granularity) {
        return switch (granularity) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
        };
    }

    private static String periodAxisTitle(Granularity granularity) {
        return switch (granularity) {
            case DAY -> "Day";
            case WEEK -> "Week starting";
            case MONTH -> "Month";
        };
    }

    private List<String> periodLabels(KpiResult result) {
        return result.groups().stream().map(f -> LocalDate.parse(f.group().value().orElseThrow()))
                .map(d -> result.breakdown().granularity() == Granularity.MONTH ? MONTH.format(d) : Format.shortDay(d))
                .toList();
    }

    /** A group for people: a period's first day, a channel or category with spaces for underscores. */
    private String groupText(GroupKey group) {
        if (group.dimension() == Dimension.PERIOD && group.value().isPresent()) {
            LocalDate day = LocalDate.parse(group.value().get());
            return granularity() == Granularity.MONTH ? MONTH.format(day) : Format.day(day);
        }
        if (group.dimension() == Dimension.AGENT && group.value().isPresent()) {
            return agentName(group.value().get());
        }
        if (group.dimension() == Dimension.CHANNEL && group.value().isPresent()) {
            return group.value().get().replace('_', ' ');
        }
        return group.label();
    }

    /** The agent's name from the lookup, or the id when it knows none. */
    private String agentName(String id) {
        Optional<String> name = agentNames.apply(id);
        return name == null ? id : name.filter(n -> !n.isBlank()).orElse(id);
    }

    /** A KPI's name for people: {@code first_reply_time} as {@code First reply time}, {@code csat} as {@code CSAT}. */
    static String label(Kpi kpi) {
        return switch (kpi.code()) {
            case "csat" -> "CSAT";
            case "csat_mean" -> "CSAT mean";
            case "nps" -> "NPS";
            case "ces" -> "CES";
            default -> {
                String words = Format.words(kpi.code());
                String named = words.startsWith("sla ") ? "SLA " + words.substring(4) : words;
                yield named.substring(0, 1).toUpperCase(Locale.ROOT) + named.substring(1);
            }
        };
    }
}
