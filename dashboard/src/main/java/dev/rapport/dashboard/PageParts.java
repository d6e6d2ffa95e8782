package dev.rapport.dashboard;

import dev.rapport.dashboard.Charts.Bar;
import dev.rapport.dashboard.Charts.Labels;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * What every part of a dashboard page shares: the data and the settings it is drawn with, the markup it is written
 * into, and the helpers the sections use (the collapsible tables of exact numbers under each chart, section and
 * card frames, chart labels, descriptions and tooltips, and the names of periods, groups, agents and KPIs).
 *
 * <p>Not thread-safe: one instance writes one page; {@link KpiDashboard} makes a new {@link Page} per call.
 */
abstract class PageParts {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final int MAX_CATEGORIES = 10;
    static final int ROLLING_DAYS = 7;

    final DashboardData data;
    final String title;
    final Function<String, Optional<String>> agentNames;
    final int topPerformers;
    final Predicate<Kpi> slaKpis;
    final Markup m = new Markup();
    final ZoneId zone;
    int charts;

    PageParts(DashboardData data, String title, Function<String, Optional<String>> agentNames, int topPerformers,
            Predicate<Kpi> slaKpis) {
        this.data = data;
        this.title = title;
        this.agentNames = agentNames;
        this.topPerformers = topPerformers;
        this.slaKpis = slaKpis;
        this.zone = periodReport().map(r -> r.breakdown().zone()).orElse(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------------------------------------ tables

    /** The collapsible table of a chart: per group its value, numerator, denominator and exclusions. */
    void numbers(KpiResult first, List<KpiResult> results, String groupHeader) {
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

    void numberRow(KpiResult result, String group, KpiFigure f) {
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
    void durationNumbers(List<KpiResult> results, String unit) {
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

    void section(String heading, String id) {
        m.open("section", "class", "theme", "id", id);
        m.element("h2", heading);
        m.open("div", "class", "cards");
    }

    void endSection() {
        m.close("div");
        m.close("section");
    }

    void openCard(String heading, String caption) {
        m.open("div", "class", "card");
        m.element("h3", heading);
        m.element("p", caption, "class", "caption");
    }

    void closeCard() {
        m.close("div");
    }

    void missing(String text) {
        m.element("p", text, "class", "empty-state");
    }

    Labels labels(String chartTitle, String description) {
        charts++;
        return new Labels("chart-" + charts, chartTitle, description);
    }

    String description(String name, KpiResult result) {
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

    static String barsDescription(String name, List<Bar> bars) {
        return name + ": " + String.join(", ", bars.stream().map(b -> b.label() + " " + b.valueLabel()).toList())
                + ".";
    }

    /** What hovering a figure shows: the value, how it is made, and what was left out. */
    static String tooltip(String what, KpiResult result, KpiFigure f) {
        String scale = result.kpi().unit().scale().compareTo(BigDecimal.ONE) == 0 ? ""
                : Format.exact(result.kpi().unit().scale()) + " \u00d7 ";
        String madeOf = result.kpi().unit() == KpiUnit.COUNT ? "" : " = " + scale + Format.fraction(f);
        return what + ": " + Format.value(result, f) + madeOf + "; " + Format.exclusionSentences(f.excluded());
    }

    static double seconds(KpiFigure f, String statistic) {
        return stat(f, statistic).map(BigDecimal::doubleValue).orElse(0d);
    }

    static String statText(KpiFigure f, String statistic) {
        return stat(f, statistic).map(Format::duration).orElse(Format.NO_VALUE);
    }

    static Optional<BigDecimal> stat(KpiFigure f, String name) {
        return f.statistic(name);
    }

    static List<KpiFigure> byCount(List<KpiFigure> groups) {
        return groups.stream().sorted(Comparator.comparing(KpiFigure::denominator).reversed()
                .thenComparing(KpiFigure::group)).toList();
    }

    Optional<KpiReport> periodReport() {
        return data.reports().stream().filter(r -> r.breakdown().isPeriod()).findFirst();
    }

    Granularity granularity() {
        return periodReport().map(KpiReport::breakdown).map(Breakdown::granularity).orElse(Granularity.DAY);
    }

    static String periodWord(Granularity granularity) {
        return switch (granularity) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
        };
    }

    static String periodAxisTitle(Granularity granularity) {
        return switch (granularity) {
            case DAY -> "Day";
            case WEEK -> "Week starting";
            case MONTH -> "Month";
        };
    }

    List<String> periodLabels(KpiResult result) {
        return result.groups().stream().map(f -> LocalDate.parse(f.group().value().orElseThrow()))
                .map(d -> result.breakdown().granularity() == Granularity.MONTH ? MONTH.format(d) : Format.shortDay(d))
                .toList();
    }

    /** A group for people: a period's first day, a channel or category with spaces for underscores. */
    String groupText(GroupKey group) {
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
    String agentName(String id) {
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
