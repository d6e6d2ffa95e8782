package dev.rapport.jdbc;

import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The KPI pushdown's grouping: the SQL expression that puts a record in the group of a slice's breakdown (column
 * {@code g} of every query), reading that column back as a {@link GroupKey}, and the per-group accumulators and
 * exclusion counts of the parts computed in Java. Not thread-safe; one per query call.
 */
final class KpiGroups<A> {

    /**
     * Where a record keeps what each dimension reads, as SQL expressions over the query's aliases (a null means the
     * record has no value for that dimension). The team falls back to the team of the agent joined as {@code ag}.
     */
    record Subject(String at, String channel, String category, String segment, String agent, String team,
            String priority, String churnReason) {

        /** A subject without a churn reason: every record but a customer. */
        Subject(String at, String channel, String category, String segment, String agent, String team,
                String priority) {
            this(at, channel, category, segment, agent, team, priority, null);
        }
    }

    private final Slice slice;
    private final Supplier<A> fresh;
    private final Map<GroupKey, A> values = new HashMap<>();
    private final Map<GroupKey, EnumMap<ExclusionReason, Long>> excluded = new HashMap<>();

    KpiGroups(Slice slice, Supplier<A> fresh) {
        this.slice = slice;
        this.fresh = fresh;
    }

    /**
     * The SQL expression of the record's group, over the subject's columns; journey stages are bound. The health
     * band is read from the table of stored standings for the customer joined as {@code cu} (where the segment comes
     * from), so a subject without a segment has no band either.
     */
    static Sql expression(Sql sql, Slice slice, Subject s, Dialect dialect, String healthTable) {
        Dimension dimension = slice.breakdown().dimension();
        if (dimension == Dimension.HEALTH_BAND) {
            return sql.add(s.segment() == null ? "CAST(NULL AS VARCHAR(16))"
                    : "(SELECT hb.band FROM " + healthTable + " hb WHERE hb.customer_id = cu.id)");
        }
        String text = switch (dimension) {
            case TOTAL -> "0";
            case PERIOD -> dialect.localPeriodStart(s.at(), slice.breakdown().granularity(), slice.breakdown().zone());
            case CHANNEL -> orNull(s.channel(), "VARCHAR(64)");
            case CATEGORY -> orNull(s.category(), "VARCHAR(64)");
            case SEGMENT -> orNull(s.segment(), "VARCHAR(64)");
            case AGENT -> orNull(s.agent(), "UUID");
            case TEAM -> s.team() == null ? "CAST(NULL AS VARCHAR(64))" : s.team();
            case PRIORITY -> orNull(s.priority(), "VARCHAR(16)");
            case JOURNEY_STAGE, HEALTH_BAND -> null;
            case CHURN_REASON -> orNull(s.churnReason(), "VARCHAR(64)");
            // the backlog places a case by its status at the moment, read from the history in Java
            case CASE_STATUS -> "CAST(NULL AS VARCHAR(32))";
            // joined by JdbcKpiQueries.labelJoin to the record's case or customer, when the breakdown asks for them
            case TAG -> "lt.tag";
            case FIELD -> "lf.field_value";
            case CUSTOMER_TAG -> "ct.tag";
            case CUSTOMER_FIELD -> "cf.field_value";
        };
        if (text != null) {
            return sql.add(text);
        }
        if (s.category() == null || slice.journeyStages().isEmpty()) {
            return sql.add("CAST(NULL AS VARCHAR(64))");
        }
        sql.add("CASE " + s.category());
        slice.journeyStages().forEach((category, stage) -> sql.text(" WHEN ?", category).text(" THEN ?", stage));
        return sql.add(" END");
    }

    private static String orNull(String expression, String type) {
        return expression == null ? "CAST(NULL AS " + type + ")" : expression;
    }

    /** The group named by column {@code g} of the current row. */
    static GroupKey read(Stmt.Row row, Slice slice) throws SQLException {
        return read(row, slice, "g");
    }

    /** The group named by the given column of the current row. */
    static GroupKey read(Stmt.Row row, Slice slice, String column) throws SQLException {
        Dimension dimension = slice.breakdown().dimension();
        return switch (dimension) {
            case TOTAL -> GroupKey.TOTAL;
            case PERIOD -> {
                LocalDate first = row.optDate(column).orElseThrow(() -> new SQLException("a period without a date"));
                yield slice.breakdown().period(first, slice.period());
            }
            case AGENT -> GroupKey.of(dimension, row.optUuid(column).map(UUID::toString).orElse(null));
            default -> GroupKey.of(dimension, row.optText(column).orElse(null));
        };
    }

    /** The accumulator of a group, created on first use. */
    A at(GroupKey key) {
        return values.computeIfAbsent(key, k -> fresh.get());
    }

    /** Counts records of a group as left out for a reason. */
    void exclude(GroupKey key, ExclusionReason reason, long count) {
        if (count > 0) {
            excluded.computeIfAbsent(key, k -> new EnumMap<>(ExclusionReason.class)).merge(reason, count, Long::sum);
        }
    }

    /** Counts records of a group as left out for the reason named by its constant's name. */
    void exclude(GroupKey key, String reason, long count) throws SQLException {
        try {
            exclude(key, ExclusionReason.valueOf(reason), count);
        } catch (IllegalArgumentException e) {
            throw new SQLException("unknown exclusion reason " + reason, e);
        }
    }

    /** The tallies of every group with a counted or excluded record. */
    <T> Tallies<T> finish(Function<A, T> result) {
        Set<GroupKey> keys = new LinkedHashSet<>(values.keySet());
        keys.addAll(excluded.keySet());
        List<Tally<T>> tallies = new ArrayList<>();
        for (GroupKey key : keys) {
            A value = values.containsKey(key) ? values.get(key) : fresh.get();
            tallies.add(new Tally<>(key, result.apply(value),
                    new Exclusions(excluded.getOrDefault(key, new EnumMap<>(ExclusionReason.class)))));
        }
        return new Tallies<>(tallies);
    }
}
