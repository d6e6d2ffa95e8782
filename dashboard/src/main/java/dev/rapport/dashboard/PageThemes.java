package dev.rapport.dashboard;

import dev.rapport.dashboard.Charts.Axis;
import dev.rapport.dashboard.Charts.Bar;
import dev.rapport.dashboard.Charts.Point;
import dev.rapport.dashboard.Charts.Range;
import dev.rapport.dashboard.Charts.Reference;
import dev.rapport.dashboard.Charts.Series;
import dev.rapport.dashboard.Charts.Tone;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiUnit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The themed sections at the top of a dashboard page: the headline tiles, satisfaction (CSAT and NPS over time),
 * speed (reply and resolution time distributions per channel) and SLA compliance.
 *
 * <p>Not thread-safe: one instance writes one page; {@link KpiDashboard} makes a new {@link Page} per call.
 */
abstract class PageThemes extends PageParts {

    PageThemes(DashboardData data, String title, Function<String, Optional<String>> agentNames, int topPerformers,
            Predicate<Kpi> slaKpis) {
        super(data, title, agentNames, topPerformers, slaKpis);
    }

    // ------------------------------------------------------------------------------------------------ tiles

    void tiles() {
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

    void tile(Kpi kpi, String label, Function<KpiFigure, String> detail, boolean median) {
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

    void satisfaction() {
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
    void overTime(Kpi kpi, String name, String caption, Axis axis, boolean stock) {
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
    List<Point> rolling(KpiResult result, String name) {
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
    static double plotted(Kpi kpi, BigDecimal value) {
        return kpi.unit() == KpiUnit.SHARE ? value.multiply(HUNDRED).doubleValue() : value.doubleValue();
    }

    static double maxPlotted(KpiResult result) {
        return result.groups().stream().flatMap(f -> f.value().stream()).mapToDouble(v -> plotted(result.kpi(), v))
                .max().orElse(1);
    }

    // ------------------------------------------------------------------------------------------------ speed

    void speed() {
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

    void distribution(Kpi kpi, String name, String unit, String caption) {
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

    Range range(String label, KpiResult result, KpiFigure f, String unit) {
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

    // ------------------------------------------------------------------------------------------------ SLA

    void sla() {
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

    Bar shareBar(String label, KpiResult result, KpiFigure f, Tone tone) {
        double value = f.value().map(v -> v.multiply(HUNDRED).doubleValue()).orElse(0d);
        String text = Format.value(result, f) + " (" + Format.exact(f.numerator()) + "/"
                + Format.exact(f.denominator()) + ")";
        return new Bar(label, value, text, tooltip(label(result.kpi()) + " " + label, result, f), tone);
    }

    /** The SLA KPIs that measured something: a target with no case under it has nothing to show. */
    List<Kpi> slaKpis() {
        return data.kpis().stream().filter(slaKpis)
                .filter(kpi -> data.total(kpi).map(f -> f.denominator().signum() != 0).orElse(false)).toList();
    }
}
