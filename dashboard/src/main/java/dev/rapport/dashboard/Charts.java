package dev.rapport.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * Draws the dashboard's charts as inline SVG: lines over periods, columns, horizontal bars and duration ranges. Each
 * chart is an {@code <svg role="img">} with its own {@code <title>} and {@code <desc>}, axis titles, tick labels and
 * value labels that can be read without hovering, and a {@code <title>} tooltip on every point, column and bar with
 * its numerator, denominator and exclusions. Every string passes through {@link Markup}, which escapes it.
 *
 * <p>Stateless and thread-safe: every method writes only to the markup it is given.
 */
final class Charts {

    /** The width of every chart's coordinate system; charts scale to their card. */
    static final int WIDTH = 560;

    private static final int LINE_HEIGHT = 270;
    private static final int LEFT = 56;
    private static final int RIGHT = 18;
    private static final int TOP = 28;
    private static final int BOTTOM = 52;
    private static final int MAX_X_LABELS = 8;
    private static final int MAX_VALUE_LABELS = 9;

    private Charts() {
    }

    // ------------------------------------------------------------------------------------------------ data shapes

    /**
     * A value axis.
     *
     * @param min the lowest value shown
     * @param max the highest value shown
     * @param ticks where grid lines and tick labels go
     * @param format how tick labels are written
     * @param title the axis title
     */
    record Axis(double min, double max, List<Double> ticks, DoubleFunction<String> format, String title) {

        /** A count axis from 0 to at least max (and at least 1), with whole-number ticks. */
        static Axis counts(double max, String title) {
            double top = Math.max(1, max);
            List<Double> ticks = niceTicks(0, top, 5);
            DoubleFunction<String> format = t -> String.format(Locale.ROOT, "%,d", Math.round(t));
            if (ticks.size() > 1 && ticks.get(1) - ticks.get(0) < 1) {
                return fixed(0, Math.ceil(top), 1, format, title);
            }
            return new Axis(0, ticks.get(ticks.size() - 1), ticks, format, title);
        }

        /** An axis over fixed bounds, ticks every step. */
        static Axis fixed(double min, double max, double step, DoubleFunction<String> format, String title) {
            List<Double> ticks = new ArrayList<>();
            for (double t = min; t <= max + step / 1e6; t += step) {
                ticks.add(t);
            }
            return new Axis(min, max, ticks, format, title);
        }

        double position(double value, double from, double to) {
            double span = max - min;
            double share = span == 0 ? 0.5 : (value - min) / span;
            return from + share * (to - from);
        }
    }

    /**
     * One point of a line.
     *
     * @param value the value; null leaves a gap (a period without data)
     * @param label the value as written on the chart
     * @param tooltip what hovering the point shows: the value, numerator, denominator and exclusions
     */
    record Point(Double value, String label, String tooltip) {
    }

    /**
     * Values over the periods.
     *
     * @param name the legend name
     * @param points one point per period
     * @param joined whether the points are joined by a line (otherwise they are drawn as faint dots)
     * @param labelled whether some values are written next to their points
     */
    record Series(String name, List<Point> points, boolean joined, boolean labelled) {
    }

    /**
     * A dashed line across the chart, such as the value over the whole period.
     *
     * @param value where it is drawn
     * @param label what it says
     */
    record Reference(double value, String label) {
    }

    /**
     * One column or bar.
     *
     * @param label the category under the column or left of the bar
     * @param value its length
     * @param valueLabel the value as written next to it
     * @param tooltip what hovering it shows
     * @param tone how it stands out: {@link Tone#PLAIN}, {@link Tone#TOTAL} for the figure over all groups,
     *        {@link Tone#ACCENT} for one that needs attention
     */
    record Bar(String label, double value, String valueLabel, String tooltip, Tone tone) {
    }

    /** How a bar or column stands out. */
    enum Tone {
        /** Like the others. */
        PLAIN("bar"),
        /** The figure over all groups, drawn darker. */
        TOTAL("bar total"),
        /** A group that needs attention, drawn in the accent colour. */
        ACCENT("bar accent");

        private final String css;

        Tone(String css) {
            this.css = css;
        }
    }

    /**
     * The distribution of durations of one group, in seconds.
     *
     * @param label the group
     * @param count how many durations were measured
     * @param min the shortest
     * @param median the median
     * @param mean the mean
     * @param p90 the 90th percentile
     * @param max the longest
     * @param tooltip what hovering the row shows
     */
    record Range(String label, long count, double min, double median, double mean, double p90, double max,
            String tooltip) {
    }

    /**
     * The title and description of a chart, for its {@code <title>} and {@code <desc>}.
     *
     * @param id the chart's unique id in the page
     * @param title the title, also shown on the card
     * @param description the data in words, for readers that cannot see the chart
     */
    record Labels(String id, String title, String description) {
    }

    // ------------------------------------------------------------------------------------------------ line chart

    /**
     * Lines (or dots) over periods, with gaps where a period has no value, optional area fill, and a reference line
     * named in the legend.
     */
    static void line(Markup m, Labels labels, List<String> periods, String xTitle, Axis y, List<Series> series,
            Optional<Reference> reference, boolean area) {
        int height = LINE_HEIGHT;
        double plotLeft = LEFT;
        double plotRight = WIDTH - RIGHT;
        double plotTop = TOP;
        double plotBottom = height - BOTTOM;
        openSvg(m, labels, height, "line-chart");
        yGrid(m, y, plotLeft, plotRight, plotTop, plotBottom);
        int n = periods.size();
        double band = n == 0 ? 0 : (plotRight - plotLeft) / n;
        int stride = Math.max(1, (int) Math.ceil(n / (double) MAX_X_LABELS));
        m.open("g", "class", "x-labels");
        for (int i = 0; i < n; i++) {
            if (i % stride == 0) {
                m.element("text", periods.get(i), "class", "tick-label", "x", num(plotLeft + band * (i + 0.5)), "y",
                        num(plotBottom + 16), "text-anchor", "middle");
            }
        }
        m.close("g");
        axisTitles(m, xTitle, y.title(), plotLeft, plotRight, plotTop, plotBottom, height);
        reference.ifPresent(ref -> {
            double ry = y.position(ref.value(), plotBottom, plotTop);
            m.empty("line", "class", "reference", "x1", num(plotLeft), "x2", num(plotRight), "y1", num(ry), "y2",
                    num(ry));
            m.open("g", "class", "legend");
            double x = plotRight - ref.label().length() * 5.9 - 4;
            m.empty("line", "class", "reference", "x1", num(x - 24), "x2", num(x - 4), "y1", "10", "y2", "10");
            m.element("text", ref.label(), "x", num(plotRight), "y", "14", "text-anchor", "end");
            m.close("g");
        });
        boolean anyValue = series.stream().anyMatch(s -> s.points().stream().anyMatch(p -> p.value() != null));
        if (!anyValue) {
            noData(m, (plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2);
        }
        if (series.size() > 1) {
            legend(m, series, plotLeft);
        }
        int labelStride = Math.max(1, (int) Math.ceil(n / (double) MAX_VALUE_LABELS));
        boolean several = series.stream().filter(Series::labelled).count() > 1;
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            List<Point> points = one.points();
            m.open("g", "class", "series " + colour(series, s) + (one.joined() ? "" : " dots"));
            m.element("title", one.name());
            if (one.joined()) {
                for (List<double[]> run : runs(points, y, plotLeft, band, plotTop, plotBottom)) {
                    if (area) {
                        StringBuilder d = new StringBuilder("M").append(num(run.get(0)[0])).append(' ')
                                .append(num(plotBottom));
                        run.forEach(xy -> d.append(" L").append(num(xy[0])).append(' ').append(num(xy[1])));
                        d.append(" L").append(num(run.get(run.size() - 1)[0])).append(' ').append(num(plotBottom))
                                .append(" Z");
                        m.empty("path", "class", "area", "d", d.toString());
                    }
                    if (run.size() > 1) {
                        StringBuilder d = new StringBuilder();
                        run.forEach(xy -> d.append(d.length() == 0 ? "M" : " L").append(num(xy[0])).append(' ')
                                .append(num(xy[1])));
                        m.empty("path", "class", "line", "d", d.toString());
                    }
                }
            }
            int last = lastValue(points);
            for (int i = 0; i < n && i < points.size(); i++) {
                Point p = points.get(i);
                if (p.value() == null) {
                    continue;
                }
                double px = plotLeft + band * (i + 0.5);
                double py = y.position(p.value(), plotBottom, plotTop);
                m.open("circle", "class", "point", "cx", num(px), "cy", num(py), "r", one.joined() ? "3.5" : "3");
                m.element("title", p.tooltip());
                m.close("circle");
                boolean labelled = one.labelled() && (i == last
                        || !several && i % labelStride == 0 && last - i >= labelStride);
                if (labelled) {
                    // The first and last labels lean inwards, clear of the axis labels and the chart's edge.
                    String anchor = i == 0 ? "start" : i == n - 1 ? "end" : "middle";
                    double lx = i == 0 ? px - 4 : i == n - 1 ? px + 4 : px;
                    m.element("text", p.label(), "class", "value-label", "x", num(lx), "y", num(py - 9),
                            "text-anchor", anchor);
                }
            }
            m.close("g");
        }
        m.close("svg");
    }

    /** The colour class of a series: dots share the colour of the line they belong to. */
    private static String colour(List<Series> series, int index) {
        long lines = series.stream().filter(Series::joined).count();
        if (lines <= 1) {
            return "s0";
        }
        return "s" + (index % 6);
    }

    /** The stretches of consecutive points with a value, as x/y pairs. */
    private static List<List<double[]>> runs(List<Point> points, Axis y, double left, double band, double top,
            double bottom) {
        List<List<double[]>> runs = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Double value = points.get(i).value();
            if (value == null) {
                if (!current.isEmpty()) {
                    runs.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(new double[] {left + band * (i + 0.5), y.position(value, bottom, top)});
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    private static int lastValue(List<Point> points) {
        for (int i = points.size() - 1; i >= 0; i--) {
            if (points.get(i).value() != null) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ columns

    /** Vertical columns over categories (such as age bands), each with its value written above it. */
    static void columns(Markup m, Labels labels, String xTitle, Axis y, List<Bar> columns) {
        int height = LINE_HEIGHT;
        double plotLeft = LEFT;
        double plotRight = WIDTH - RIGHT;
        double plotTop = TOP;
        double plotBottom = height - BOTTOM;
        openSvg(m, labels, height, "column-chart");
        yGrid(m, y, plotLeft, plotRight, plotTop, plotBottom);
        axisTitles(m, xTitle, y.title(), plotLeft, plotRight, plotTop, plotBottom, height);
        int n = columns.size();
        double band = n == 0 ? 0 : (plotRight - plotLeft) / n;
        if (columns.stream().allMatch(c -> c.value() == 0)) {
            noData(m, (plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2);
        }
        m.open("g", "class", "columns");
        for (int i = 0; i < n; i++) {
            Bar c = columns.get(i);
            double cx = plotLeft + band * (i + 0.5);
            double top = y.position(c.value(), plotBottom, plotTop);
            double w = Math.min(56, band * 0.7);
            m.open("rect", "class", c.tone().css, "x", num(cx - w / 2), "y", num(top),
                    "width", num(w), "height", num(Math.max(0, plotBottom - top)));
            m.element("title", c.tooltip());
            m.close("rect");
            m.element("text", c.valueLabel(), "class", "value-label", "x", num(cx), "y", num(top - 6),
                    "text-anchor", "middle");
            m.element("text", c.label(), "class", "category-label", "x", num(cx), "y", num(plotBottom + 16),
                    "text-anchor", "middle");
        }
        m.close("g");
        m.close("svg");
    }

    // ------------------------------------------------------------------------------------------------ bars

    /** Horizontal bars, one per row, each with its value written after it. */
    static void bars(Markup m, Labels labels, Axis x, List<Bar> bars) {
        int labelWidth = 128;
        int valueWidth = 118;
        int rowHeight = 28;
        int top = 12;
        double plotLeft = labelWidth + 8;
        double plotRight = WIDTH - valueWidth;
        int rows = Math.max(1, bars.size());
        double plotBottom = top + rows * rowHeight;
        int height = (int) plotBottom + 46;
        openSvg(m, labels, height, "bar-chart");
        xGrid(m, x, plotLeft, plotRight, top, plotBottom);
        m.element("text", x.title(), "class", "axis-title", "x", num((plotLeft + plotRight) / 2), "y",
                num(height - 6), "text-anchor", "middle");
        if (bars.isEmpty()) {
            noData(m, (plotLeft + plotRight) / 2, top + rowHeight / 2.0 + 4);
        }
        m.open("g", "class", "bars");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double rowTop = top + i * rowHeight;
            double end = x.position(b.value(), plotLeft, plotRight);
            m.element("text", shorten(b.label(), 20), "class", "category-label", "x", num(labelWidth), "y",
                    num(rowTop + rowHeight / 2.0 + 4), "text-anchor", "end");
            m.open("rect", "class", b.tone().css, "x", num(plotLeft), "y",
                    num(rowTop + 5), "width", num(Math.max(0, end - plotLeft)), "height", num(rowHeight - 10));
            m.element("title", b.tooltip());
            m.close("rect");
            m.element("text", b.valueLabel(), "class", "value-label", "x", num(end + 6), "y",
                    num(rowTop + rowHeight / 2.0 + 4));
        }
        m.close("g");
        m.close("svg");
    }

    // ------------------------------------------------------------------------------------------------ ranges

    /**
     * Duration distributions, one row per group, on a logarithmic time axis: a thin line from the shortest to the
     * longest, a band from the median to the 90th percentile, a mark at the median and a dot at the mean, and the
     * median and 90th percentile written after the row.
     */
    static void ranges(Markup m, Labels labels, String xTitle, List<Range> rows) {
        int labelWidth = 104;
        int textWidth = 150;
        int rowHeight = 32;
        int top = 34;
        double plotLeft = labelWidth + 10;
        double plotRight = WIDTH - textWidth;
        int n = Math.max(1, rows.size());
        double plotBottom = top + n * rowHeight;
        int height = (int) plotBottom + 46;
        openSvg(m, labels, height, "range-chart");
        List<DurationTicks.Tick> ticks = DurationTicks.covering(rows.stream().filter(r -> r.count() > 0)
                .flatMap(r -> java.util.stream.Stream.of(r.min(), r.max())).toList());
        double lo = Math.log10(ticks.get(0).seconds());
        double hi = Math.log10(ticks.get(ticks.size() - 1).seconds());
        DoubleFunction<Double> xOf = s -> plotLeft
                + (Math.log10(Math.max(s, DurationTicks.SMALLEST)) - lo) / (hi - lo) * (plotRight - plotLeft);
        m.open("g", "class", "gridlines");
        for (DurationTicks.Tick t : ticks) {
            double tx = xOf.apply(t.seconds());
            m.empty("line", "x1", num(tx), "x2", num(tx), "y1", num(top), "y2", num(plotBottom));
            m.element("text", t.label(), "class", "tick-label", "x", num(tx), "y", num(plotBottom + 16),
                    "text-anchor", "middle");
        }
        m.close("g");
        m.element("text", xTitle, "class", "axis-title", "x", num((plotLeft + plotRight) / 2), "y",
                num(height - 6), "text-anchor", "middle");
        rangeLegend(m, plotLeft);
        for (int i = 0; i < rows.size(); i++) {
            Range r = rows.get(i);
            double mid = top + i * rowHeight + rowHeight / 2.0;
            m.open("g", "class", i == 0 ? "range total" : "range");
            m.element("title", r.tooltip());
            m.element("text", shorten(r.label(), 16), "class", "category-label", "x", num(labelWidth), "y",
                    num(mid + 4), "text-anchor", "end");
            if (r.count() == 0) {
                m.element("text", "no data", "class", "muted", "x", num(plotLeft + 4), "y", num(mid + 4));
                m.close("g");
                continue;
            }
            double x0 = xOf.apply(r.min());
            double x1 = xOf.apply(r.max());
            double xm = xOf.apply(r.median());
            double x9 = xOf.apply(r.p90());
            m.empty("line", "class", "whisker", "x1", num(x0), "x2", num(x1), "y1", num(mid), "y2", num(mid));
            m.empty("rect", "class", "band", "x", num(xm), "y", num(mid - 8), "width", num(Math.max(2, x9 - xm)),
                    "height", "16");
            m.empty("line", "class", "median", "x1", num(xm), "x2", num(xm), "y1", num(mid - 10), "y2",
                    num(mid + 10));
            m.empty("circle", "class", "mean", "cx", num(xOf.apply(r.mean())), "cy", num(mid), "r", "3.5");
            m.element("text", "median " + Format.duration(java.math.BigDecimal.valueOf(r.median())), "class",
                    "value-label", "x", num(plotRight + 10), "y", num(mid - 2));
            m.element("text", "p90 " + Format.duration(java.math.BigDecimal.valueOf(r.p90())) + " \u00b7 n="
                    + String.format(Locale.ROOT, "%,d", r.count()), "class", "muted", "x", num(plotRight + 10),
                    "y", num(mid + 11));
            m.close("g");
        }
        m.close("svg");
    }

    private static void rangeLegend(Markup m, double x) {
        m.open("g", "class", "legend");
        m.empty("line", "class", "whisker", "x1", num(x), "x2", num(x + 18), "y1", "14", "y2", "14");
        m.element("text", "min to max", "x", num(x + 22), "y", "18");
        m.empty("rect", "class", "band", "x", num(x + 92), "y", "8", "width", "18", "height", "12");
        m.empty("line", "class", "median", "x1", num(x + 92), "x2", num(x + 92), "y1", "6", "y2", "22");
        m.element("text", "median to 90th percentile", "x", num(x + 114), "y", "18");
        m.empty("circle", "class", "mean", "cx", num(x + 276), "cy", "14", "r", "3.5");
        m.element("text", "mean", "x", num(x + 284), "y", "18");
        m.close("g");
    }

    // ------------------------------------------------------------------------------------------------ parts

    private static void openSvg(Markup m, Labels labels, int height, String css) {
        m.open("svg", "id", labels.id(), "class", "chart " + css, "viewBox", "0 0 " + WIDTH + " " + height,
                "role", "img", "aria-labelledby", labels.id() + "-title " + labels.id() + "-desc");
        m.element("title", labels.title(), "id", labels.id() + "-title");
        m.element("desc", labels.description(), "id", labels.id() + "-desc");
    }

    private static void yGrid(Markup m, Axis y, double left, double right, double top, double bottom) {
        m.open("g", "class", "gridlines");
        for (double t : y.ticks()) {
            double ty = y.position(t, bottom, top);
            m.empty("line", "class", t == 0 ? "zero" : null, "x1", num(left), "x2", num(right), "y1", num(ty), "y2",
                    num(ty));
            m.element("text", y.format().apply(t), "class", "tick-label", "x", num(left - 6), "y", num(ty + 4),
                    "text-anchor", "end");
        }
        m.close("g");
    }

    private static void xGrid(Markup m, Axis x, double left, double right, double top, double bottom) {
        m.open("g", "class", "gridlines");
        for (double t : x.ticks()) {
            double tx = x.position(t, left, right);
            m.empty("line", "x1", num(tx), "x2", num(tx), "y1", num(top), "y2", num(bottom));
            m.element("text", x.format().apply(t), "class", "tick-label", "x", num(tx), "y", num(bottom + 16),
                    "text-anchor", "middle");
        }
        m.close("g");
    }

    private static void axisTitles(Markup m, String xTitle, String yTitle, double left, double right, double top,
            double bottom, int height) {
        m.element("text", xTitle, "class", "axis-title", "x", num((left + right) / 2), "y", num(height - 8),
                "text-anchor", "middle");
        m.element("text", yTitle, "class", "axis-title", "transform", "rotate(-90)", "x", num(-(top + bottom) / 2),
                "y", "14", "text-anchor", "middle");
    }

    private static void legend(Markup m, List<Series> series, double x) {
        m.open("g", "class", "legend");
        double at = x;
        for (int i = 0; i < series.size(); i++) {
            Series one = series.get(i);
            m.open("g", "class", colour(series, i) + (one.joined() ? "" : " dots"));
            if (one.joined()) {
                m.empty("line", "class", "line", "x1", num(at), "x2", num(at + 18), "y1", "10", "y2", "10");
            } else {
                m.empty("circle", "class", "point", "cx", num(at + 9), "cy", "10", "r", "3");
            }
            m.close("g");
            String name = shorten(one.name(), 28);
            m.element("text", name, "x", num(at + 24), "y", "14");
            at += 36 + name.length() * 5.9;
        }
        m.close("g");
    }

    private static void noData(Markup m, double x, double y) {
        m.element("text", "No data in this period", "class", "no-data", "x", num(x), "y", num(y),
                "text-anchor", "middle");
    }

    /** The text cut to at most {@code max} code points, with an ellipsis when cut; surrogate pairs stay whole. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    /** A coordinate with at most one decimal, in a form SVG reads everywhere. */
    static String num(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    /** About {@code count} round ticks from min to max (steps of 1, 2, 2.5 or 5 times a power of ten). */
    static List<Double> niceTicks(double min, double max, int count) {
        if (!(max > min)) {
            max = min + 1;
        }
        double rough = (max - min) / Math.max(1, count);
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = power;
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            step = factor * power;
            if (step >= rough) {
                break;
            }
        }
        double start = Math.floor(min / step) * step;
        double end = Math.ceil(max / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (double t = start; t <= end + step / 1e6; t += step) {
            ticks.add(Math.abs(t) < step / 1e6 ? 0 : t);
        }
        return ticks;
    }
}
