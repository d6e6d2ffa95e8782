package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.json.JsonWriter;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.GroupKey;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A KPI over a request: the figure for everything, a figure per group of the breakdown (every period of a period
 * breakdown, even an empty one), and the definition parameters it was computed with, so that anyone can check it.
 *
 * @param kpi the KPI
 * @param period the requested period
 * @param breakdown the requested breakdown
 * @param asOf when it was computed, by the engine's clock
 * @param parameters the definition used (thresholds, windows, time basis...), by name
 * @param total the figure over all groups
 * @param groups the figures per group, in group order; empty without breakdown
 */
public record KpiResult(Kpi kpi, TimeRange period, Breakdown breakdown, Instant asOf, Map<String, String> parameters,
        KpiFigure total, List<KpiFigure> groups) {

    /**
     * Checks the parts are present and copies the collections.
     *
     * @param kpi the KPI
     * @param period the requested period
     * @param breakdown the requested breakdown
     * @param asOf when it was computed, by the engine's clock
     * @param parameters the definition used (thresholds, windows, time basis...), by name
     * @param total the figure over all groups
     * @param groups the figures per group, in group order; empty without breakdown
     */
    public KpiResult {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(breakdown, "breakdown");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(total, "total");
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * The figure of the group with this label ({@link GroupKey#label()}), if the breakdown has it.
     *
     * @param label the group's label, for example an agent id or {@code 2024-03-04}
     * @return the group's figure; empty if the breakdown has no group with that label
     */
    public Optional<KpiFigure> group(String label) {
        return groups.stream().filter(f -> f.group().label().equals(label)).findFirst();
    }

    /**
     * The figures per period as a chart-ready series.
     *
     * @return one point per period of the request, in order
     * @throws IllegalStateException if the breakdown is not by period
     */
    public TimeSeries timeSeries() {
        if (!breakdown.isPeriod()) {
            throw new IllegalStateException("a time series needs a breakdown by period, not " + breakdown.dimension());
        }
        return TimeSeries.of(this);
    }

    /**
     * The result as a JSON object.
     *
     * @return a JSON object with the KPI, period, breakdown, parameters, total and groups
     */
    public String toJson() {
        JsonWriter json = new JsonWriter();
        Exports.result(json, this);
        return json.toJson();
    }

    /**
     * The result as CSV: a header, the total row, then one row per group.
     *
     * @return the CSV text, one line per row
     */
    public String toCsv() {
        return Exports.csv(List.of(this));
    }
}
