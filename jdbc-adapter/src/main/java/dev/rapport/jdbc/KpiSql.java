package dev.rapport.jdbc;

import dev.rapport.jdbc.KpiGroups.Subject;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.ScoreCount;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * What every group of SQL KPI questions shares: the table names, the subjects a figure is grouped by, the grouping
 * and aggregation queries, and the rules that read a case's status history. Package-private; each group of questions
 * extends it and {@link JdbcKpiQueries} answers the port through them. Thread-safe: holds no state between calls.
 */
abstract class KpiSql {

    static final String HUMAN_REPLY = "%1$s.direction = 'OUTBOUND' AND %1$s.handled_by = 'HUMAN'"
            + " AND %1$s.visibility = 'PUBLIC' AND %1$s.kind <> 'NOTE'";
    static final String CUSTOMER_MESSAGE = "%1$s.direction = 'INBOUND' AND %1$s.visibility = 'PUBLIC'"
            + " AND %1$s.kind NOT IN ('NOTE', 'PURCHASE', 'FEEDBACK')";
    static final String RESOLVED_NOW = "%1$s.status IN ('RESOLVED', 'CLOSED')";
    /** The resolution data-quality reasons, in the order the definitions check them. */
    static final String RESOLUTION_PROBLEM = "CASE"
            + " WHEN %1$s.status IN ('RESOLVED', 'CLOSED') AND (%1$s.resolved_at IS NULL"
            + " OR %1$s.first_resolved_at IS NULL) THEN 'MISSING_RESOLUTION_TIME'"
            + " WHEN %1$s.first_resolved_at < %1$s.created_at OR %1$s.resolved_at < %1$s.created_at"
            + " THEN 'RESOLVED_BEFORE_CREATED'"
            + " WHEN %1$s.resolved_at < %1$s.first_resolved_at THEN 'RESOLUTIONS_OUT_OF_ORDER'"
            + " WHEN %1$s.reopen_count > 0 AND %1$s.first_resolved_at IS NULL THEN 'REOPENED_WITHOUT_RESOLUTION'"
            + " END";
    /** Why no time is measured from a case's creation time (imported history that estimated it, or had none). */
    static final String CREATION_PROBLEM = "CASE"
            + " WHEN %1$s.created_at_quality = 'ESTIMATED' THEN 'CREATION_TIME_ESTIMATED'"
            + " WHEN %1$s.created_at_quality = 'UNKNOWN' THEN 'CREATION_TIME_UNKNOWN'"
            + " END";
    static final BigDecimal MICROS_PER_HOUR = BigDecimal.valueOf(3_600_000_000L);
    static final Comparator<ScoreCount> SCORE_ORDER = Comparator
            .comparingInt((ScoreCount s) -> s.scale().min()).thenComparingInt(s -> s.scale().max())
            .thenComparing(s -> s.scale().direction()).thenComparingInt(ScoreCount::score);

    final Db db;
    final Dialect dialect;
    final TimeBounds bounds;
    final String caseTags;
    final String caseFields;
    final String customerTags;
    final String customerFields;
    final String cases;
    final String interactions;
    final String customers;
    final String agents;
    final String feedback;
    final String health;
    final String complaints;
    final String followUps;

    KpiSql(Db db, Names names) {
        this.db = db;
        this.dialect = db.dialect;
        this.bounds = new TimeBounds(db.dialect);
        this.cases = names.of("support_case");
        this.caseTags = names.of("case_tag");
        this.caseFields = names.of("case_field");
        this.customerTags = names.of("customer_tag");
        this.customerFields = names.of("customer_field");
        this.interactions = names.of("interaction");
        this.customers = names.of("customer");
        this.agents = names.of("agent");
        this.feedback = names.of("feedback");
        this.health = names.of("customer_health");
        this.complaints = names.of("complaint");
        this.followUps = names.of("follow_up");
    }

    // ----------------------------------------------------------------------------------------------- subjects

    /** A case, grouped by its own fields; the agent is given (the assignee, or who replied). */
    static Subject caseSubject(String agent) {
        return new Subject("c.created_at", "c.origin_channel", "c.category", "cu.segment", agent,
                "COALESCE(c.team, ag.team)", "c.priority");
    }

    /**
     * The case's customer ({@code cu}) and agent ({@code ag}) for {@link #caseSubject}, joined only when the slice's
     * group expression reads them (see {@link #reads}).
     */
    String caseJoins(Slice slice, String agent) {
        String g = group(slice, caseSubject(agent)).toString();
        return (reads(g, "cu") ? " LEFT JOIN " + customers + " cu ON cu.id = c.customer_id" : "")
                + (reads(g, "ag") ? " LEFT JOIN " + agents + " ag ON ag.id = " + agent : "");
    }

    static final Subject INTERACTION = new Subject("i.occurred_at", "i.channel",
            "COALESCE(i.reason, k.category)", "cu.segment", "COALESCE(i.agent_id, k.assignee)",
            "COALESCE(k.team, ag.team)", "k.priority");

    /**
     * The interaction's case ({@code k}), customer ({@code cu}) and agent ({@code ag}) for {@link #INTERACTION},
     * joined only when the slice's group expression reads them (see {@link #reads}); the agent's join reads the case.
     */
    String interactionJoins(Slice slice) {
        String g = group(slice, INTERACTION).toString();
        boolean agent = reads(g, "ag");
        return (agent || reads(g, "k") ? " LEFT JOIN " + cases + " k ON k.id = i.case_id" : "")
                + (reads(g, "cu") ? " LEFT JOIN " + customers + " cu ON cu.id = i.customer_id" : "")
                + (agent ? " LEFT JOIN " + agents + " ag ON ag.id = COALESCE(i.agent_id, k.assignee)" : "");
    }

    /**
     * Whether an SQL expression reads a column of the table joined as {@code alias}. The optional joins of a
     * record's subject are left joins on a primary key, so each keeps every record exactly once; one the group does
     * not read changes nothing but the cost, which on H2 is a primary key probe per record (H2 does not remove
     * unread joins, PostgreSQL does).
     */
    static boolean reads(String expression, String alias) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_.])" + alias + "\\.").matcher(expression).find();
    }

    static final Subject FEEDBACK = new Subject("f.received_at", "COALESCE(f.channel, k.origin_channel)",
            "k.category", "cu.segment", "COALESCE(f.agent_id, k.assignee)", "COALESCE(k.team, ag.team)",
            "k.priority");

    static final Subject CUSTOMER = new Subject("cu.created_at", null, null, "cu.segment", null, null, null,
            "cu.churn_reason");

    Sql sql() {
        return new Sql(bounds);
    }

    /**
     * For a breakdown by the tags or one custom field of the record's case ({@code lt}, {@code lf}) or of its
     * customer ({@code ct}, {@code cf}), the join that brings them to the record: one row per tag (a record with
     * several tags counts in each tag's group; with none, in the group without value), or the value of the field. A
     * plain left join on the label table's primary key ({@code (case_id, tag)}, {@code (case_id, name)},
     * {@code (customer_id, tag)}, {@code (customer_id, name)}), so each record costs one index probe on H2 as on
     * PostgreSQL; empty for every other breakdown, so no other query reads those tables.
     *
     * @param caseId the SQL expression of the record's case id; null for records that never have a case
     * @param customerId the SQL expression of the record's customer id
     */
    Sql labelJoin(Slice slice, String caseId, String customerId) {
        String kase = caseId == null ? "CAST(NULL AS UUID)" : caseId;
        return switch (slice.breakdown().dimension()) {
            case TAG -> sql().add(" LEFT JOIN " + caseTags + " lt ON lt.case_id = " + kase);
            case FIELD -> sql().text(" LEFT JOIN " + caseFields + " lf ON lf.case_id = " + kase + " AND lf.name = ?",
                    slice.breakdown().field().orElseThrow());
            case CUSTOMER_TAG -> sql().add(" LEFT JOIN " + customerTags + " ct ON ct.customer_id = " + customerId);
            case CUSTOMER_FIELD -> sql().text(" LEFT JOIN " + customerFields + " cf ON cf.customer_id = " + customerId
                    + " AND cf.name = ?", slice.breakdown().field().orElseThrow());
            default -> sql();
        };
    }

    /** The column of a breakdown that may place one record in several groups (by tag), or null. */
    static String multiLabel(Slice slice) {
        return switch (slice.breakdown().dimension()) {
            case TAG -> "lt.tag";
            case CUSTOMER_TAG -> "ct.tag";
            default -> null;
        };
    }

    Sql group(Slice slice, Subject subject) {
        return KpiGroups.expression(sql(), slice, subject, dialect, health);
    }

    Sql period(String column, TimeRange range) {
        return sql().instant(column + " >= ?", range.from()).instant(" AND " + column + " < ?", range.to());
    }

    // ----------------------------------------------------------------------------------------------- whole-table reads

    /**
     * The share of a table's time span a period must cover for {@link #scanFor} to read the table whole: a read
     * from start to end costs about a quarter of fetching the same row through the time index on H2 in memory
     * (0.26 against 1.1 to 1.5 microseconds a row at 10,000 and 100,000 cases), so it pays from there on.
     */
    static final double WHOLE_TABLE_SHARE = 0.25;

    /**
     * The dialect's hint to read {@code table} from start to end ({@link Dialect#wholeTableScan}) when the period
     * covers at least {@link #WHOLE_TABLE_SHARE} of the time span of its {@code column}, else empty. The span is
     * the column's earliest and latest value (two probes of its index) and the records are taken as spread evenly
     * over it, so a report of one week of five years keeps reading through the index, and a report of the last
     * year of two reads the table whole, in storage order, which grows with the table and no faster; which rows
     * are read, and so every answer, is the same either way. Empty, without asking, where the dialect has no hint.
     */
    String scanFor(String table, String column, TimeRange range) {
        String hint = dialect.wholeTableScan();
        return hint.isEmpty() || !coversMuchOf(table, column, range) ? "" : hint;
    }

    /** Whether {@code range} covers at least {@link #WHOLE_TABLE_SHARE} of the span of {@code column}'s values. */
    boolean coversMuchOf(String table, String column, TimeRange range) {
        Sql sql = sql().add("SELECT MIN(" + column + ") AS lo, MAX(" + column + ") AS hi FROM " + table);
        Instant[] span = new Instant[2];
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    span[0] = row.optInstant("lo").orElse(null);
                    span[1] = row.optInstant("hi").orElse(null);
                });
            }
            return null;
        });
        if (span[0] == null || span[1] == null || !span[1].isAfter(span[0])) {
            return true;
        }
        long from = Math.max(range.from().getEpochSecond(), span[0].getEpochSecond());
        long to = Math.min(range.to().getEpochSecond(), span[1].getEpochSecond());
        return to > from && (double) (to - from) >= WHOLE_TABLE_SHARE
                * (span[1].getEpochSecond() - span[0].getEpochSecond());
    }

    // ----------------------------------------------------------------------------------------------- aggregation

    /** Adds one measured row to its group's accumulator. */
    @FunctionalInterface
    interface Measured<A> {
        void add(A accumulator, Stmt.Row row) throws SQLException;
    }

    /**
     * Reads the rows of a grouped query ({@code g}, {@code reason} and the measures): a row with a reason counts as
     * that many exclusions of its group (the column {@code excludedCount}, or one row each when it is null); any
     * other row is added to its group's accumulator.
     */
    <A> void readGroups(Sql sql, Slice slice, KpiGroups<A> groups, String excludedCount, Measured<A> measured) {
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Optional<String> reason = row.optText("reason");
                    if (reason.isPresent()) {
                        groups.exclude(key, reason.get(), excludedCount == null ? 1 : row.bigint(excludedCount));
                    } else {
                        measured.add(groups.at(key), row);
                    }
                });
            }
            return null;
        });
    }

    /**
     * Counts per group and reason: the records query yields {@code g}, {@code reason} (null when counted) and
     * integer columns {@code s1..sN}; the answer per group is {@code [count, sum(s1), ..., sum(sN)]} of the counted
     * records, and the excluded records are counted by reason.
     */
    <T> Tallies<T> counted(Slice slice, Sql records, int sums, Function<long[], T> result) {
        Sql sql = sql().add("SELECT g, reason, COUNT(*) AS n");
        for (int s = 1; s <= sums; s++) {
            sql.add(", SUM(s" + s + ") AS s" + s);
        }
        sql.add(" FROM (").add(records).add(") r GROUP BY g, reason");
        KpiGroups<long[]> groups = new KpiGroups<>(slice, () -> new long[sums + 1]);
        readGroups(sql, slice, groups, "n", (totals, row) -> {
            totals[0] += row.bigint("n");
            for (int s = 1; s <= sums; s++) {
                totals[s] += row.bigint("s" + s);
            }
        });
        return groups.finish(result);
    }

    /**
     * Duration summaries per group: the records query yields {@code g}, {@code reason} (null when measured),
     * {@code start_at} and {@code end_at}. Calendar time is measured and summarised in SQL, percentiles by
     * {@code PERCENTILE_CONT}; another time basis cannot be, so the instant pairs are streamed and measured here.
     */
    Tallies<DurationSummary> durations(Slice slice, Sql records, ElapsedTime elapsed) {
        if (elapsed != ElapsedTime.CALENDAR) {
            KpiGroups<Micros> groups = new KpiGroups<>(slice, Micros::new);
            Sql sql = sql().add("SELECT g, reason, start_at, end_at FROM (").add(records).add(") r");
            readGroups(sql, slice, groups, null, (measured, row) ->
                    measured.add(micros(elapsed.between(row.instant("start_at"), row.instant("end_at")))));
            return groups.finish(Micros::summary);
        }
        return summarised(slice, sql().add("SELECT g, reason, CASE WHEN reason IS NULL THEN "
                + dialect.microsBetween("r0.start_at", "r0.end_at") + " END AS m FROM (").add(records).add(") r0"));
    }

    /**
     * Duration summaries per group, computed in SQL: the records query yields {@code g}, {@code reason} (null when
     * measured) and {@code m}, the duration in whole microseconds (null when excluded).
     */
    Tallies<DurationSummary> summarised(Slice slice, Sql measured) {
        Sql sql = sql().add("SELECT g, reason, COUNT(*) AS n, SUM(m) AS total, MIN(m) AS lo, MAX(m) AS hi,"
                + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m) AS p50,"
                + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY m) AS p90"
                + " FROM (").add(measured).add(") r GROUP BY g, reason");
        KpiGroups<DurationSummary[]> groups = new KpiGroups<>(slice, () -> new DurationSummary[] {
            DurationSummary.EMPTY});
        readGroups(sql, slice, groups, "n", (summary, row) -> summary[0] = new DurationSummary(row.bigint("n"),
                row.bigint("total"), row.bigint("lo"), row.bigint("hi"), percentile(row, "p50"),
                percentile(row, "p90")));
        return groups.finish(d -> d[0]);
    }

    /**
     * A percentile as the database computed it, rounded to a tenth of a microsecond: the exact median and 90th
     * percentile of whole microseconds have at most one decimal, and PostgreSQL computes in double precision.
     */
    static BigDecimal percentile(Stmt.Row row, String column) throws SQLException {
        BigDecimal value = row.decimal(column);
        BigDecimal rounded = value.setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** A duration in whole microseconds, truncated, as the reference measures it. */
    static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
    }

    /** {@code at + d}, or the latest instant if that is later than representable. */
    static Instant plus(Instant at, Duration d) {
        try {
            return at.plus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MAX;
        }
    }

    /** {@code at - d}, or the earliest instant if that is earlier than representable. */
    static Instant minus(Instant at, Duration d) {
        try {
            return at.minus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MIN;
        }
    }

    /** A window's length in microseconds for SQL arithmetic, capped so that it cannot overflow. */
    static long windowMicros(Duration window) {
        try {
            return Math.min(micros(window), 100_000L * 365 * 86_400_000_000L);
        } catch (ArithmeticException e) {
            return 100_000L * 365 * 86_400_000_000L;
        }
    }

    /** A growable array of microseconds, for exact percentiles computed here. */
    static final class Micros {
        private long[] values = new long[16];
        private int size;

        void add(long micros) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        DurationSummary summary() {
            return DurationSummary.of(java.util.Arrays.copyOf(values, size));
        }
    }


    // ----------------------------------------------------------------------------------------------- case history

    /** Every instant the case was resolved: its moves to resolved, and its first and last resolution times. */
    static List<Instant> resolutionInstants(List<StatusChange> history, Optional<Instant> firstResolved,
            Optional<Instant> resolved) {
        TreeSet<Instant> instants = new TreeSet<>();
        history.stream().filter(m -> m.to() == CaseStatus.RESOLVED).forEach(m -> instants.add(m.at()));
        firstResolved.ifPresent(instants::add);
        resolved.ifPresent(instants::add);
        return new ArrayList<>(instants);
    }

    /** Whether the history adds up: no move before creation or before the previous, moves chained, last = status. */
    static boolean historyConsistent(Instant created, CaseStatus status, List<StatusChange> history) {
        StatusChange previous = null;
        for (StatusChange move : history) {
            if (move.at().isBefore(created)) {
                return false;
            }
            if (previous != null && (move.at().isBefore(previous.at()) || move.from() != previous.to())) {
                return false;
            }
            previous = move;
        }
        return previous == null || previous.to() == status;
    }

    static CaseStatus initialStatus(CaseStatus status, List<StatusChange> history) {
        return history.isEmpty() ? status : history.get(0).from();
    }

    static CaseStatus statusAt(CaseStatus status, List<StatusChange> history, Instant at) {
        CaseStatus current = initialStatus(status, history);
        for (StatusChange move : history) {
            if (move.at().isBefore(at)) {
                current = move.to();
            }
        }
        return current;
    }

    /** The time from creation to {@code end}, without the time spent in the paused states. */
    static Duration activeTime(Instant created, CaseStatus status, List<StatusChange> history, Instant end,
            Set<CaseStatus> paused, ElapsedTime elapsed) {
        CaseStatus current = initialStatus(status, history);
        Instant from = created;
        Duration total = Duration.ZERO;
        for (StatusChange move : history) {
            if (!move.at().isBefore(end)) {
                break;
            }
            if (!paused.contains(current)) {
                total = total.plus(elapsed.between(from, move.at()));
            }
            current = move.to();
            from = move.at();
        }
        if (!paused.contains(current)) {
            total = total.plus(elapsed.between(from, end));
        }
        return total;
    }
}
