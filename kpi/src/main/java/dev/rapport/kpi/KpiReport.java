package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.json.JsonWriter;
import dev.rapport.spi.kpi.Breakdown;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Several KPIs over one request, for dashboards and exports.
 *
 * @param period the requested period
 * @param breakdown the requested breakdown
 * @param generatedAt when it was computed, by the engine's clock
 * @param results one result per KPI, in the order asked
 */
public record KpiReport(TimeRange period, Breakdown breakdown, Instant generatedAt, List<KpiResult> results) {

    /**
     * Checks the parts are present and copies the results.
     *
     * @param period the requested period
     * @param breakdown the requested breakdown
     * @param generatedAt when it was computed, by the engine's clock
     * @param results one result per KPI, in the order asked
     */
    public KpiReport {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(breakdown, "breakdown");
        Objects.requireNonNull(generatedAt, "generatedAt");
        results = List.copyOf(results);
    }

    /**
     * The result of a KPI, if the report holds it.
     *
     * @param kpi the KPI
     * @return its result; empty if the report was not asked for it
     */
    public Optional<KpiResult> result(Kpi kpi) {
        return results.stream().filter(r -> r.kpi().equals(kpi)).findFirst();
    }

    /**
     * The chart-ready series of a KPI.
     *
     * @param kpi a KPI the report holds
     * @return one point per period of the request, in order
     * @throws IllegalArgumentException if the report does not hold the KPI
     * @throws IllegalStateException if the breakdown is not by period
     */
    public TimeSeries timeSeries(Kpi kpi) {
        return result(kpi).orElseThrow(() -> new IllegalArgumentException("the report has no " + kpi))
                .timeSeries();
    }

    /**
     * The report as JSON: {@code {"period":..., "breakdown":..., "generated_at":..., "results":[...]}}.
     *
     * @return the JSON object
     */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject();
        Exports.period(json, period);
        Exports.breakdown(json, breakdown);
        json.field("generated_at", generatedAt.toString()).name("results").beginArray();
        results.forEach(r -> Exports.result(json, r));
        return json.endArray().endObject().toJson();
    }

    /**
     * The report as CSV: one header, then for each KPI its total row and one row per group.
     *
     * @return the CSV text, one line per row
     */
    public String toCsv() {
        return Exports.csv(results);
    }
}
