package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.json.JsonWriter;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agent league table: per agent CSAT, first reply time, first resolution time, first-contact resolution and
 * compliments over a period, for recognising high performers. Agents with at least the minimum number of CSAT
 * ratings are ranked 1, 2, 3... by CSAT share (highest first), then first-contact resolution (highest first), then
 * compliments (most first), then median first reply time (fastest first), then agent id; the others follow
 * unranked, by agent id, so that nobody is ranked on two ratings.
 *
 * @param period the period
 * @param minimumRatings the CSAT ratings an agent needs to be ranked
 * @param rows one row per agent with any figure in the period, ranked rows first
 */
public record LeagueTable(TimeRange period, int minimumRatings, List<Row> rows) {

    /**
     * Checks the parts are present and copies the rows.
     *
     * @param period the period
     * @param minimumRatings the CSAT ratings an agent needs to be ranked
     * @param rows one row per agent with any figure in the period, ranked rows first
     */
    public LeagueTable {
        Objects.requireNonNull(period, "period");
        rows = List.copyOf(rows);
    }

    /**
     * One agent's figures.
     *
     * @param rank the rank, 1 the best; empty for an agent with too few ratings
     * @param agent the agent's id
     * @param csat share of satisfied ratings about the agent
     * @param firstReplyTime first reply times of the agent's first replies
     * @param firstResolutionTime first resolution times of the agent's cases
     * @param firstContactResolution first-contact resolution of the agent's cases
     * @param compliments compliments to the agent
     */
    public record Row(Optional<Integer> rank, String agent, KpiFigure csat, KpiFigure firstReplyTime,
            KpiFigure firstResolutionTime, KpiFigure firstContactResolution, KpiFigure compliments) {
    }

    static LeagueTable of(TimeRange period, int minimumRatings, KpiResult csat, KpiResult firstReply,
            KpiResult firstResolution, KpiResult fcr, KpiResult compliments) {
        TreeSet<String> agents = new TreeSet<>();
        List<KpiResult> results = List.of(csat, firstReply, firstResolution, fcr, compliments);
        List<Map<String, KpiFigure>> byAgent = new ArrayList<>();
        for (KpiResult result : results) {
            Map<String, KpiFigure> figures = new TreeMap<>();
            for (KpiFigure figure : result.groups()) {
                figure.group().value().ifPresent(agent -> {
                    agents.add(agent);
                    figures.put(agent, figure);
                });
            }
            byAgent.add(figures);
        }
        List<Row> ranked = new ArrayList<>();
        List<Row> unranked = new ArrayList<>();
        for (String agent : agents) {
            List<KpiFigure> figures = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                KpiResult result = results.get(i);
                GroupKey key = GroupKey.of(Dimension.AGENT, agent);
                figures.add(byAgent.get(i).getOrDefault(agent, KpiFigure.of(result.kpi(), key, BigDecimal.ZERO,
                        result.kpi().unit() == KpiUnit.COUNT ? BigDecimal.ONE : BigDecimal.ZERO, Map.of(),
                        Exclusions.NONE)));
            }
            Row row = new Row(Optional.empty(), agent, figures.get(0), figures.get(1), figures.get(2), figures.get(3),
                    figures.get(4));
            (row.csat().denominator().compareTo(BigDecimal.valueOf(minimumRatings)) >= 0 ? ranked : unranked)
                    .add(row);
        }
        ranked.sort(RANKING);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Row r = ranked.get(i);
            rows.add(new Row(Optional.of(i + 1), r.agent(), r.csat(), r.firstReplyTime(), r.firstResolutionTime(),
                    r.firstContactResolution(), r.compliments()));
        }
        rows.addAll(unranked);
        return new LeagueTable(period, minimumRatings, rows);
    }

    private static final Comparator<Optional<BigDecimal>> HIGH_FIRST =
            Comparator.comparing((Optional<BigDecimal> v) -> v.orElse(null),
                    Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()));
    private static final Comparator<Optional<BigDecimal>> LOW_FIRST =
            Comparator.comparing((Optional<BigDecimal> v) -> v.orElse(null),
                    Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()));

    private static final Comparator<Row> RANKING = Comparator
            .comparing((Row r) -> r.csat().value(), HIGH_FIRST)
            .thenComparing(r -> r.firstContactResolution().value(), HIGH_FIRST)
            .thenComparing(r -> r.compliments().value(), HIGH_FIRST)
            .thenComparing(r -> r.firstReplyTime().statistic("median_seconds"), LOW_FIRST)
            .thenComparing(Row::agent);

    /**
     * The table as JSON: {@code {"period":..., "minimum_ratings":..., "rows":[{"rank":1, "agent":..., ...}]}}.
     *
     * @return a JSON object with the period, the minimum ratings and one object per row
     */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject();
        Exports.period(json, period);
        json.field("minimum_ratings", minimumRatings).name("rows").beginArray();
        for (Row row : rows) {
            json.beginObject().name("rank");
            if (row.rank().isPresent()) {
                json.value(row.rank().get());
            } else {
                json.nullValue();
            }
            json.field("agent", row.agent());
            json.name("csat");
            Exports.figure(json, row.csat());
            json.name("first_reply_time");
            Exports.figure(json, row.firstReplyTime());
            json.name("first_resolution_time");
            Exports.figure(json, row.firstResolutionTime());
            json.name("first_contact_resolution");
            Exports.figure(json, row.firstContactResolution());
            json.name("compliments");
            Exports.figure(json, row.compliments());
            json.endObject();
        }
        return json.endArray().endObject().toJson();
    }

    /**
     * The table as CSV: one row per agent with each KPI's value and sample size.
     *
     * @return the CSV text, a header and one line per row
     */
    public String toCsv() {
        CsvWriter csv = new CsvWriter().row(List.of("rank", "agent", "csat", "csat_ratings",
                "first_reply_time_mean_seconds", "first_reply_time_median_seconds", "first_replies",
                "first_resolution_time_mean_seconds", "first_resolutions", "first_contact_resolution",
                "resolved_cases", "compliments"));
        for (Row row : rows) {
            csv.row(List.of(row.rank().map(String::valueOf).orElse(""), row.agent(), text(row.csat().value()),
                    row.csat().denominator().toPlainString(), text(row.firstReplyTime().value()),
                    text(row.firstReplyTime().statistic("median_seconds")),
                    row.firstReplyTime().denominator().toPlainString(), text(row.firstResolutionTime().value()),
                    row.firstResolutionTime().denominator().toPlainString(),
                    text(row.firstContactResolution().value()),
                    row.firstContactResolution().denominator().toPlainString(),
                    row.compliments().numerator().toPlainString()));
        }
        return csv.toCsv();
    }

    private static String text(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse("");
    }
}
