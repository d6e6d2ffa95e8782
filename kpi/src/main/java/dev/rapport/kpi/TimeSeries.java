package dev.rapport.kpi;

import dev.rapport.spi.json.JsonWriter;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A KPI per period, ready for a chart: one point per period of the request, in order, with no gaps; a period
 * without data has no value (a gap in the line), not a zero.
 *
 * @param kpi the KPI
 * @param granularity the period length
 * @param zone the time zone periods are cut in
 * @param points one point per period
 */
public record TimeSeries(Kpi kpi, Granularity granularity, ZoneId zone, List<Point> points) {

    /**
     * Checks the parts are present and copies the points.
     *
     * @param kpi the KPI
     * @param granularity the period length
     * @param zone the time zone periods are cut in
     * @param points one point per period
     */
    public TimeSeries {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(zone, "zone");
        points = List.copyOf(points);
    }

    /**
     * One period.
     *
     * @param period the period's first local day
     * @param from the first instant of the period (cut to the request)
     * @param to the first instant after it (cut to the request)
     * @param value the value, empty without data
     * @param numerator the numerator
     * @param denominator the denominator
     */
    public record Point(LocalDate period, Instant from, Instant to, Optional<BigDecimal> value, BigDecimal numerator,
            BigDecimal denominator) {
    }

    static TimeSeries of(KpiResult result) {
        List<Point> points = new ArrayList<>();
        for (KpiFigure figure : result.groups()) {
            GroupKey group = figure.group();
            points.add(new Point(LocalDate.parse(group.value().orElseThrow()), group.range().orElseThrow().from(),
                    group.range().orElseThrow().to(), figure.value(), figure.numerator(), figure.denominator()));
        }
        return new TimeSeries(result.kpi(), result.breakdown().granularity(), result.breakdown().zone(), points);
    }

    /**
     * The x axis: each period's first day, {@code 2024-03-04}.
     *
     * @return each period's first local day as ISO text, in order
     */
    public List<String> labels() {
        return points.stream().map(p -> p.period().toString()).toList();
    }

    /**
     * The y axis: each period's value, null where there is none.
     *
     * @return each period's value as a double, in order; {@code null} for a period without data
     */
    public List<Double> values() {
        List<Double> values = new ArrayList<>();
        points.forEach(p -> values.add(p.value().map(BigDecimal::doubleValue).orElse(null)));
        return values;
    }

    /**
     * The series as JSON: {@code {"kpi":..., "labels":[...], "values":[...], "points":[...]}}.
     *
     * @return the JSON object, with {@code null} values for periods without data
     */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject().field("kpi", kpi.code()).field("unit", kpi.unit().name())
                .field("granularity", granularity.name()).field("zone", zone.getId());
        json.name("labels").beginArray();
        points.forEach(p -> json.value(p.period().toString()));
        json.endArray().name("values").beginArray();
        points.forEach(p -> json.value(p.value().orElse(null)));
        json.endArray().name("points").beginArray();
        for (Point p : points) {
            json.beginObject().field("period", p.period().toString()).field("from", p.from().toString())
                    .field("to", p.to().toString()).field("value", p.value().orElse(null))
                    .field("numerator", p.numerator()).field("denominator", p.denominator()).endObject();
        }
        return json.endArray().endObject().toJson();
    }
}
