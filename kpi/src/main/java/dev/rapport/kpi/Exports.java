package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.json.JsonWriter;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes results as JSON and CSV; shared by results, reports and the league table. Stateless. */
final class Exports {

    private Exports() {
    }

    static void period(JsonWriter json, TimeRange period) {
        json.name("period").beginObject().field("from", period.from().toString())
                .field("to", period.to().toString()).endObject();
    }

    static void breakdown(JsonWriter json, Breakdown breakdown) {
        json.name("breakdown").beginObject().field("dimension", breakdown.dimension().name());
        if (breakdown.isPeriod()) {
            json.field("granularity", breakdown.granularity().name()).field("zone", breakdown.zone().getId());
        }
        breakdown.field().ifPresent(field -> json.field("field", field));
        json.endObject();
    }

    static void result(JsonWriter json, KpiResult result) {
        json.beginObject().field("kpi", result.kpi().code()).field("unit", result.kpi().unit().name());
        period(json, result.period());
        breakdown(json, result.breakdown());
        json.field("as_of", result.asOf().toString()).name("parameters").beginObject();
        result.parameters().forEach(json::field);
        json.endObject().name("total");
        figure(json, result.total());
        json.name("groups").beginArray();
        result.groups().forEach(f -> figure(json, f));
        json.endArray().endObject();
    }

    static void figure(JsonWriter json, KpiFigure figure) {
        GroupKey group = figure.group();
        json.beginObject().name("group").beginObject().field("dimension", group.dimension().name())
                .field("value", group.value().orElse(null));
        group.range().ifPresent(r -> json.field("from", r.from().toString()).field("to", r.to().toString()));
        json.endObject().field("value", figure.value().orElse(null)).field("numerator", figure.numerator())
                .field("denominator", figure.denominator()).name("statistics").beginObject();
        figure.statistics().forEach(json::field);
        json.endObject().name("excluded").beginObject().field("total", figure.excluded().total())
                .field("data_quality", figure.excluded().dataQualityTotal()).name("reasons").beginObject();
        figure.excluded().counts().forEach((reason, count) -> json.field(reason.name(), count));
        json.endObject().endObject().endObject();
    }

    /** One table for all results: fixed columns, then every exclusion reason and statistic that occurs. */
    static String csv(List<KpiResult> results) {
        List<KpiFigure> figures = new ArrayList<>();
        for (KpiResult result : results) {
            figures.add(result.total());
            figures.addAll(result.groups());
        }
        Set<ExclusionReason> reasons = EnumSet.noneOf(ExclusionReason.class);
        Set<String> statistics = new LinkedHashSet<>();
        for (KpiFigure figure : figures) {
            reasons.addAll(figure.excluded().counts().keySet());
            statistics.addAll(figure.statistics().keySet());
        }
        List<String> header = new ArrayList<>(List.of("kpi", "unit", "dimension", "group", "from", "to", "value",
                "numerator", "denominator", "excluded", "excluded_data_quality"));
        reasons.forEach(r -> header.add("excluded." + r.name()));
        header.addAll(statistics);
        CsvWriter csv = new CsvWriter().row(header);
        for (KpiFigure figure : figures) {
            List<String> row = new ArrayList<>(List.of(figure.kpi().code(), figure.kpi().unit().name(),
                    figure.group().dimension().name(), figure.group().label(),
                    figure.group().range().map(r -> r.from().toString()).orElse(""),
                    figure.group().range().map(r -> r.to().toString()).orElse(""),
                    figure.value().map(BigDecimal::toPlainString).orElse(""), figure.numerator().toPlainString(),
                    figure.denominator().toPlainString(), Long.toString(figure.excluded().total()),
                    Long.toString(figure.excluded().dataQualityTotal())));
            reasons.forEach(r -> row.add(Long.toString(figure.excluded().count(r))));
            Map<String, BigDecimal> own = figure.statistics();
            statistics.forEach(s -> row.add(own.containsKey(s) ? own.get(s).toPlainString() : ""));
            csv.row(row);
        }
        return csv.toCsv();
    }
}
