package dev.rapport.jdbc;

import dev.rapport.jdbc.KpiGroups.Subject;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.ResolutionMilestone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The KPI questions answered in SQL, on PostgreSQL and H2: grouping, counting, summing, exclusion counting by
 * reason and percentiles ({@code PERCENTILE_CONT}) run in the database, so that a report reads a few aggregated
 * rows instead of every record. Where the definitions need a case's status history (kept as JSON text), a walk in
 * time order (next reply waits, forward repeat-contact windows) or a time basis other than calendar time, the rows
 * the figure needs are streamed by one query each and finished in Java with the same rules as the reference; see
 * {@code docs/kpis.md}, "Pushdown". Gives the reference's answers, as the spi-tck's {@code KpiParityContract}
 * proves. Thread-safe: holds no state between calls.
 */
final class JdbcKpiQueries implements KpiQueries {

    private static final String HUMAN_REPLY = "%1$s.direction = 'OUTBOUND' AND %1$s.handled_by = 'HUMAN'"
            + " AND %1$s.visibility = 'PUBLIC' AND %1$s.kind <> 'NOTE'";
    private static final String CUSTOMER_MESSAGE = "%1$s.direction = 'INBOUND' AND %1$s.visibility = 'PUBLIC'"
            + " AND %1$s.kind NOT IN ('NOTE', 'PURCHASE', 'FEEDBACK')";
    private static final String RESOLVED_NOW = "%1$s.status IN ('RESOLVED', 'CLOSED')";
    /** The resolution data-quality reasons, in the order the definitions check them. */
    private static final String RESOLUTION_PROBLEM = "CASE"
            + " WHEN %1$s.status IN ('RESOLVED', 'CLOSED') AND (%1$s.resolved_at IS NULL"
            + " OR %1$s.first_resolved_at IS NULL) THEN 'MISSING_RESOLUTION_TIME'"
            + " WHEN %1$s.first_resolved_at < %1$s.created_at OR %1$s.resolved_at < %1$s.created_at"
            + " THEN 'RESOLVED_BEFORE_CREATED'"
            + " WHEN %1$s.resolved_at < %1$s.first_resolved_at THEN 'RESOLUTIONS_OUT_OF_ORDER'"
            + " WHEN %1$s.reopen_count > 0 AND %1$s.first_resolved_at IS NULL THEN 'REOPENED_WITHOUT_RESOLUTION'"
            + " END";
    /** Why no time is measured from a case's creation time (imported history that estimated it, or had none). */
    private static final String CREATION_PROBLEM = "CASE"
            + " WHEN %1$s.created_at_quality = 'ESTIMATED' THEN 'CREATION_TIME_ESTIMATED'"
            + " WHEN %1$s.created_at_quality = 'UNKNOWN' THEN 'CREATION_TIME_UNKNOWN'"
            + " END";
    private static final BigDecimal MICROS_PER_HOUR = BigDecimal.valueOf(3_600_000_000L);
    private static final Comparator<ScoreCount> SCORE_ORDER = Comparator
            .comparingInt((ScoreCount s) -> s.scale().min()).thenComparingInt(s -> s.scale().max())
            .thenComparing(s -> s.scale().direction()).thenComparingInt(ScoreCount::score);

    private final Db db;
    private final Dialect dialect;
    private final TimeBounds bounds;
    private final String caseTags;
    private final String caseFields;
    private final String customerTags;
    private final String customerFields;
    private final String cases;
    private final String interactions;
    private final String customers;
    private final String agents;
    private final String feedback;
    private final String health;
    private final String complaints;
    private final String followUps;

    JdbcKpiQueries(Db db, Names names) {
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
    private static Subject caseSubject(String agent) {
        return new Subject("c.created_at", "c.origin_channel", "c.category", "cu.segment", agent,
                "COALESCE(c.team, ag.team)", "c.priority");
    }

    private String caseJoins(String agent) {
        return " LEFT JOIN " + customers + " cu ON cu.id = c.customer_id LEFT JOIN " + agents + " ag ON ag.id = "
                + agent;
    }

    private static final Subject INTERACTION = new Subject("i.occurred_at", "i.channel",
            "COALESCE(i.reason, k.category)", "cu.segment", "COALESCE(i.agent_id, k.assignee)",
            "COALESCE(k.team, ag.team)", "k.priority");

    private String interactionJoins() {
        return " LEFT JOIN " + cases + " k ON k.id = i.case_id LEFT JOIN " + customers
                + " cu ON cu.id = i.customer_id LEFT JOIN " + agents
                + " ag ON ag.id = COALESCE(i.agent_id, k.assignee)";
    }

    private static final Subject FEEDBACK = new Subject("f.received_at", "COALESCE(f.channel, k.origin_channel)",
            "k.category", "cu.segment", "COALESCE(f.agent_id, k.assignee)", "COALESCE(k.team, ag.team)",
            "k.priority");

    private static final Subject CUSTOMER = new Subject("cu.created_at", null, null, "cu.segment", null, null, null,
            "cu.churn_reason");

    private Sql sql() {
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
    private Sql labelJoin(Slice slice, String caseId, String customerId) {
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
    private static String multiLabel(Slice slice) {
        return switch (slice.breakdown().dimension()) {
            case TAG -> "lt.tag";
            case CUSTOMER_TAG -> "ct.tag";
            default -> null;
        };
    }

    private Sql group(Slice slice, Subject subject) {
        return KpiGroups.expression(sql(), slice, subject, dialect, health);
    }

    private Sql period(String column, TimeRange range) {
        return sql().instant(column + " >= ?", range.from()).instant(" AND " + column + " < ?", range.to());
    }

    // ----------------------------------------------------------------------------------------------- aggregation

    /**
     * Counts per group and reason: the records query yields {@code g}, {@code reason} (null when counted) and
     * integer columns {@code s1..sN}; the answer per group is {@code [count, sum(s1), ..., sum(sN)]} of the counted
     * records, and the excluded records are counted by reason.
     */
    private <T> Tallies<T> counted(Slice slice, Sql records, int sums, Function<long[], T> result) {
        Sql sql = sql().add("SELECT g, reason, COUNT(*) AS n");
        for (int s = 1; s <= sums; s++) {
            sql.add(", SUM(s" + s + ") AS s" + s);
        }
        sql.add(" FROM (").add(records).add(") r GROUP BY g, reason");
        KpiGroups<long[]> groups = new KpiGroups<>(slice, () -> new long[sums + 1]);
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Optional<String> reason = row.optText("reason");
                    if (reason.isPresent()) {
                        groups.exclude(key, reason.get(), row.bigint("n"));
                    } else {
                        long[] totals = groups.at(key);
                        totals[0] += row.bigint("n");
                        for (int s = 1; s <= sums; s++) {
                            totals[s] += row.bigint("s" + s);
                        }
                    }
                });
            }
            return null;
        });
        return groups.finish(result);
    }

    /**
     * Duration summaries per group: the records query yields {@code g}, {@code reason} (null when measured),
     * {@code start_at} and {@code end_at}. Calendar time is measured and summarised in SQL, percentiles by
     * {@code PERCENTILE_CONT}; another time basis cannot be, so the instant pairs are streamed and measured here.
     */
    private Tallies<DurationSummary> durations(Slice slice, Sql records, ElapsedTime elapsed) {
        if (elapsed != ElapsedTime.CALENDAR) {
            KpiGroups<Micros> groups = new KpiGroups<>(slice, Micros::new);
            Sql sql = sql().add("SELECT g, reason, start_at, end_at FROM (").add(records).add(") r");
            db.read(c -> {
                try (Stmt st = sql.prepare(c)) {
                    st.forEach(row -> {
                        GroupKey key = KpiGroups.read(row, slice);
                        Optional<String> reason = row.optText("reason");
                        if (reason.isPresent()) {
                            groups.exclude(key, reason.get(), 1);
                        } else {
                            groups.at(key).add(micros(elapsed.between(row.instant("start_at"), row.instant("end_at"))));
                        }
                    });
                }
                return null;
            });
            return groups.finish(Micros::summary);
        }
        return summarised(slice, sql().add("SELECT g, reason, CASE WHEN reason IS NULL THEN "
                + dialect.microsBetween("r0.start_at", "r0.end_at") + " END AS m FROM (").add(records).add(") r0"));
    }

    /**
     * Duration summaries per group, computed in SQL: the records query yields {@code g}, {@code reason} (null when
     * measured) and {@code m}, the duration in whole microseconds (null when excluded).
     */
    private Tallies<DurationSummary> summarised(Slice slice, Sql measured) {
        Sql sql = sql().add("SELECT g, reason, COUNT(*) AS n, SUM(m) AS total, MIN(m) AS lo, MAX(m) AS hi,"
                + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m) AS p50,"
                + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY m) AS p90"
                + " FROM (").add(measured).add(") r GROUP BY g, reason");
        KpiGroups<DurationSummary[]> groups = new KpiGroups<>(slice, () -> new DurationSummary[] {
            DurationSummary.EMPTY});
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Optional<String> reason = row.optText("reason");
                    if (reason.isPresent()) {
                        groups.exclude(key, reason.get(), row.bigint("n"));
                    } else {
                        groups.at(key)[0] = new DurationSummary(row.bigint("n"), row.bigint("total"),
                                row.bigint("lo"), row.bigint("hi"), percentile(row, "p50"), percentile(row, "p90"));
                    }
                });
            }
            return null;
        });
        return groups.finish(d -> d[0]);
    }

    /**
     * A percentile as the database computed it, rounded to a tenth of a microsecond: the exact median and 90th
     * percentile of whole microseconds have at most one decimal, and PostgreSQL computes in double precision.
     */
    private static BigDecimal percentile(Stmt.Row row, String column) throws SQLException {
        BigDecimal value = row.decimal(column);
        BigDecimal rounded = value.setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** A duration in whole microseconds, truncated, as the reference measures it. */
    private static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
    }

    /** {@code at + d}, or the latest instant if that is later than representable. */
    private static Instant plus(Instant at, Duration d) {
        try {
            return at.plus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MAX;
        }
    }

    /** {@code at - d}, or the earliest instant if that is earlier than representable. */
    private static Instant minus(Instant at, Duration d) {
        try {
            return at.minus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MIN;
        }
    }

    /** A window's length in microseconds for SQL arithmetic, capped so that it cannot overflow. */
    private static long windowMicros(Duration window) {
        try {
            return Math.min(micros(window), 100_000L * 365 * 86_400_000_000L);
        } catch (ArithmeticException e) {
            return 100_000L * 365 * 86_400_000_000L;
        }
    }

    /** A growable array of microseconds, for exact percentiles computed here. */
    private static final class Micros {
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

    // ----------------------------------------------------------------------------------------------- feedback

    @Override
    public Tallies<ScoreHistogram> feedbackScores(FeedbackMetric metric, Slice slice) {
        Objects.requireNonNull(metric, "metric");
        Sql sql = sql().add("SELECT g, scale_min, scale_max, scale_direction, score, COUNT(*) AS n FROM (SELECT ")
                .add(group(slice, FEEDBACK)).add(" AS g, f.scale_min, f.scale_max, f.scale_direction, f.score FROM "
                        + feedback + " f LEFT JOIN " + cases + " k ON k.id = f.case_id LEFT JOIN " + customers
                        + " cu ON cu.id = f.customer_id LEFT JOIN " + agents
                        + " ag ON ag.id = COALESCE(f.agent_id, k.assignee)")
                .add(labelJoin(slice, "f.case_id", "f.customer_id"))
                .text(" WHERE f.metric = ? AND ", metric.name()).add(period("f.received_at", slice.period()))
                .add(") r GROUP BY g, scale_min, scale_max, scale_direction, score");
        KpiGroups<List<ScoreCount>> groups = new KpiGroups<>(slice, ArrayList::new);
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Scale scale = new Scale(row.integer("scale_min"), row.integer("scale_max"),
                            ScaleDirection.valueOf(row.text("scale_direction")));
                    int score = row.integer("score");
                    long n = row.bigint("n");
                    if (onScale(metric, scale, score)) {
                        groups.at(key).add(new ScoreCount(scale, score, n));
                    } else {
                        groups.exclude(key, ExclusionReason.SCORE_OFF_SCALE, n);
                    }
                });
            }
            return null;
        });
        return groups.finish(counts -> new ScoreHistogram(counts.stream().sorted(SCORE_ORDER).toList()));
    }

    private static boolean onScale(FeedbackMetric metric, Scale scale, int score) {
        if (scale.min() >= scale.max() || !scale.contains(score)) {
            return false;
        }
        return metric != FeedbackMetric.NPS || scale.equals(Scale.NPS_0_TO_10);
    }

    // ----------------------------------------------------------------------------------------------- replies

    /**
     * The first human public reply of each case is found for all the period's cases at once: their replies are
     * numbered per case in time order ({@code ROW_NUMBER}) and the first joined, rather than looked up case by case
     * by a correlated subquery (one index probe and heap visit per case, several times slower on a large store). On
     * H2, which would number the replies again for each case it joins them to (quadratic), the cases joined to their
     * replies are numbered in the outermost derived table, which H2 computes once.
     */
    @Override
    public Tallies<DurationSummary> firstReplyTimes(Slice slice, ElapsedTime elapsed) {
        String agent = "COALESCE(c.fr_agent, c.assignee)";
        String replied = "COALESCE(c.fr_at, c.first_reply_at)";
        Sql head = sql().add("SELECT ").add(group(slice, caseSubject(agent))).add(" AS g, COALESCE("
                + CREATION_PROBLEM.formatted("c") + ", CASE WHEN " + replied
                + " IS NULL THEN 'NOT_YET_REPLIED' WHEN " + replied + " < c.created_at"
                + " THEN 'REPLIED_BEFORE_CREATED' WHEN c.reopen_count = 0 AND " + replied + " > c.first_resolved_at"
                + " THEN 'REPLIED_AFTER_RESOLVED' END) AS reason, c.created_at AS start_at, " + replied
                + " AS end_at");
        if (!dialect.joinsDerivedTablesOnce()) {
            return durations(slice, head.add(h2FirstReplies(slice)).add(caseJoins(agent))
                    .add(labelJoin(slice, "c.id", "c.customer_id")), elapsed);
        }
        Sql records = head.add(" FROM (SELECT c0.*, fr.occurred_at AS fr_at, fr.agent_id AS fr_agent FROM " + cases
                        + " c0 LEFT JOIN (SELECT x.case_id, x.occurred_at, x.agent_id, ROW_NUMBER() OVER"
                        + " (PARTITION BY x.case_id ORDER BY x.occurred_at, x.id) AS rn FROM " + interactions + " x"
                        + " JOIN " + cases + " p ON p.id = x.case_id WHERE " + HUMAN_REPLY.formatted("x") + " AND ")
                .add(period("p.created_at", slice.period())).add(") fr ON fr.case_id = c0.id AND fr.rn = 1 WHERE ")
                .add(period("c0.created_at", slice.period())).add(") c").add(caseJoins(agent))
                .add(labelJoin(slice, "c.id", "c.customer_id"));
        return durations(slice, records, elapsed);
    }

    // ----------------------------------------------------------------------------------------------- replies on H2

    /**
     * On H2: the period's cases, each with its first human reply's time ({@code fr_at}) and, when the breakdown
     * reads it (agent, team), that reply's agent ({@code fr_agent}), as {@code FROM (...) c}. Each is looked up per
     * case through the interactions' case index (a probe of the case's few interactions in memory), which on H2 costs
     * less than numbering or grouping every case with its interactions (a sort or hash of the joined rows); the
     * earliest time is a {@code MIN}, the agent the first reply's in time and id order, as the reference takes it.
     */
    private static final String H2_CASE_COLUMNS = "c0.id, c0.customer_id, c0.created_at, c0.origin_channel,"
            + " c0.category, c0.team, c0.priority, c0.assignee, c0.status, c0.resolved_at, c0.first_resolved_at,"
            + " c0.reopen_count, c0.first_reply_at, c0.created_at_quality";

    private Sql h2FirstReplies(Slice slice) {
        Dimension dimension = slice.breakdown().dimension();
        String agent = dimension == Dimension.AGENT || dimension == Dimension.TEAM
                ? "(SELECT x.agent_id FROM " + interactions + " x WHERE x.case_id = c0.id AND "
                        + HUMAN_REPLY.formatted("x") + " ORDER BY x.occurred_at, x.id FETCH FIRST 1 ROW ONLY)"
                : "CAST(NULL AS UUID)";
        return sql().add(" FROM (SELECT " + H2_CASE_COLUMNS + ", (SELECT MIN(x.occurred_at) FROM " + interactions + " x WHERE"
                        + " x.case_id = c0.id AND " + HUMAN_REPLY.formatted("x") + ") AS fr_at, " + agent
                        + " AS fr_agent FROM " + cases + " c0 WHERE ").add(period("c0.created_at", slice.period()))
                .add(") c");
    }

    /**
     * On H2: the period's cases with their human reply count ({@code replies}), customer message count
     * ({@code messages}) and first reply ({@code first_reply}), each looked up per case through the interactions'
     * case index (see {@link #h2FirstReplies}), as {@code FROM (...) c}; a count the definition does not read is
     * not looked up.
     */
    private Sql h2ReplyCounts(Slice slice, FcrDefinition definition) {
        String perCase = " FROM " + interactions + " x WHERE x.case_id = c0.id AND ";
        String replies = definition == FcrDefinition.ONE_AGENT_REPLY
                || definition == FcrDefinition.AT_MOST_ONE_AGENT_REPLY
                ? "(SELECT COUNT(*)" + perCase + HUMAN_REPLY.formatted("x") + ")" : "CAST(NULL AS BIGINT)";
        String messages = definition == FcrDefinition.ONE_CUSTOMER_CONTACT
                ? "(SELECT COUNT(*)" + perCase + CUSTOMER_MESSAGE.formatted("x") + ")" : "CAST(NULL AS BIGINT)";
        return sql().add(" FROM (SELECT " + H2_CASE_COLUMNS + ", " + replies + " AS replies, " + messages + " AS messages,"
                        + " (SELECT MIN(x.occurred_at)" + perCase + HUMAN_REPLY.formatted("x") + ") AS first_reply"
                        + " FROM " + cases + " c0 WHERE ").add(period("c0.created_at", slice.period())).add(") c");
    }

    /**
     * Streamed: each case of the period with its human public replies and customer messages in time order (the only
     * interactions the walk reads), walked as the definition says, with the case's resolution instants from its
     * history. Each row says in one column whether it is a reply; the history is sent with a case's first row only,
     * and the reply's own group is read only when the breakdown can differ from the case's (agent, team).
     */
    @Override
    public Tallies<DurationSummary> nextReplyTimes(Slice slice, ElapsedTime elapsed) {
        String replyAgent = "COALESCE(i.agent_id, c.assignee)";
        Dimension dimension = slice.breakdown().dimension();
        boolean byReply = dimension == Dimension.AGENT || dimension == Dimension.TEAM;
        Subject replySubject = new Subject("c.created_at", "c.origin_channel", "c.category", "cu.segment", replyAgent,
                "COALESCE(c.team, ai.team)", "c.priority");
        // by tag, a case's rows are walked once per tag: its rows of one tag are kept together, history first
        String label = multiLabel(slice);
        String order = "c.created_at, c.id, " + (label == null ? "" : label + ", ") + "i.occurred_at, i.id";
        String sameRun = "LAG(c.id) OVER (ORDER BY " + order + ") = c.id" + (label == null ? ""
                : " AND LAG(" + label + ") OVER (ORDER BY " + order + ") = " + label);
        Sql sql = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, ");
        if (byReply) {
            sql.add(group(slice, replySubject)).add(" AS gi, ");
        }
        sql.add("c.id AS case_id, c.created_at, c.first_resolved_at, c.resolved_at, CASE WHEN " + sameRun
                        + " THEN NULL ELSE c.history END AS history, i.occurred_at, CASE WHEN "
                        + HUMAN_REPLY.formatted("i") + " THEN 1 ELSE 0 END AS reply FROM " + cases + " c")
                .add(caseJoins("c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id"))
                .add(" JOIN " + interactions + " i ON i.case_id = c.id AND (("
                        + HUMAN_REPLY.formatted("i") + ") OR (" + CUSTOMER_MESSAGE.formatted("i") + "))");
        if (byReply) {
            sql.add(" LEFT JOIN " + agents + " ai ON ai.id = " + replyAgent);
        }
        sql.add(" WHERE ").add(period("c.created_at", slice.period())).add(" ORDER BY " + order);
        KpiGroups<Micros> groups = new KpiGroups<>(slice, Micros::new);
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                List<ReplyRow> caseRows = new ArrayList<>();
                st.forEach(row -> {
                    ReplyRow r = ReplyRow.of(row, slice, byReply);
                    if (!caseRows.isEmpty() && (!caseRows.get(0).caseId.equals(r.caseId)
                            || !caseRows.get(0).caseKey.equals(r.caseKey))) {
                        walkWaits(caseRows, groups, elapsed);
                        caseRows.clear();
                    }
                    caseRows.add(r);
                });
                if (!caseRows.isEmpty()) {
                    walkWaits(caseRows, groups, elapsed);
                }
            }
            return null;
        });
        return groups.finish(Micros::summary);
    }

    /** One case's row with one of its replies or customer messages; the history on the case's first row only. */
    private record ReplyRow(GroupKey caseKey, GroupKey replyKey, UUID caseId, Instant created,
            Optional<Instant> firstResolved, Optional<Instant> resolved, String history, Instant at, boolean reply,
            boolean customerMessage) {

        static ReplyRow of(Stmt.Row row, Slice slice, boolean byReply) throws SQLException {
            boolean reply = row.integer("reply") == 1;
            GroupKey caseKey = KpiGroups.read(row, slice);
            GroupKey replyKey = byReply ? readAs(row, slice, "gi") : caseKey;
            return new ReplyRow(caseKey, replyKey, row.uuid("case_id"), row.instant("created_at"),
                    row.optInstant("first_resolved_at"), row.optInstant("resolved_at"),
                    row.optText("history").orElse(null), row.instant("occurred_at"), reply, !reply);
        }
    }

    private static GroupKey readAs(Stmt.Row row, Slice slice, String column) throws SQLException {
        return KpiGroups.read(row, slice, column);
    }

    private static void walkWaits(List<ReplyRow> rows, KpiGroups<Micros> groups, ElapsedTime elapsed) {
        ReplyRow first = rows.get(0);
        for (ReplyRow r : rows) {
            if (r.reply && r.at.isBefore(r.created)) {
                groups.exclude(first.caseKey, ExclusionReason.REPLIED_BEFORE_CREATED, 1);
                return;
            }
        }
        List<Instant> resolutions = resolutionInstants(Encodings.readHistory(first.history), first.firstResolved,
                first.resolved);
        int nextResolution = 0;
        boolean firstReplySeen = false;
        Instant waitingSince = null;
        for (ReplyRow r : rows) {
            if (r.at == null) {
                continue;
            }
            while (nextResolution < resolutions.size() && resolutions.get(nextResolution).isBefore(r.at)) {
                waitingSince = null;
                nextResolution++;
            }
            if (r.customerMessage) {
                if (firstReplySeen && waitingSince == null) {
                    waitingSince = r.at;
                }
            } else if (r.reply) {
                if (!firstReplySeen) {
                    firstReplySeen = true;
                } else if (waitingSince != null) {
                    groups.at(r.replyKey).add(micros(elapsed.between(waitingSince, r.at)));
                    waitingSince = null;
                }
            }
        }
        if (nextResolution < resolutions.size()) {
            waitingSince = null;
        }
        if (waitingSince != null) {
            groups.exclude(first.caseKey, ExclusionReason.AWAITING_REPLY, 1);
        }
    }

    // ----------------------------------------------------------------------------------------------- resolutions

    @Override
    public Tallies<DurationSummary> resolutionTimes(ResolutionMilestone milestone, Set<CaseStatus> paused,
            Slice slice, ElapsedTime elapsed) {
        Objects.requireNonNull(milestone, "milestone");
        String end = milestone == ResolutionMilestone.FIRST ? "c.first_resolved_at"
                : "CASE WHEN " + RESOLVED_NOW.formatted("c") + " THEN c.resolved_at END";
        if (paused.isEmpty()) {
            Sql records = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, COALESCE("
                    + CREATION_PROBLEM.formatted("c") + ", "
                    + RESOLUTION_PROBLEM.formatted("c") + ", CASE WHEN " + end + " IS NULL THEN 'UNRESOLVED' END)"
                    + " AS reason, c.created_at AS start_at, " + end + " AS end_at FROM " + cases + " c")
                    .add(caseJoins("c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ")
                    .add(period("c.created_at", slice.period()));
            return durations(slice, records, elapsed);
        }
        // paused states need the status history: streamed, and measured here
        Sql sql = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, "
                        + "COALESCE(" + CREATION_PROBLEM.formatted("c") + ", " + RESOLUTION_PROBLEM.formatted("c")
                        + ") AS problem, c.created_at, c.status, c.history, " + end
                        + " AS end_at FROM " + cases + " c").add(caseJoins("c.assignee"))
                .add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ")
                .add(period("c.created_at", slice.period()));
        KpiGroups<Micros> groups = new KpiGroups<>(slice, Micros::new);
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Optional<String> problem = row.optText("problem");
                    Instant created = row.instant("created_at");
                    List<StatusChange> history = Encodings.readHistory(row.text("history"));
                    CaseStatus status = CaseStatus.valueOf(row.text("status"));
                    Optional<Instant> endAt = row.optInstant("end_at");
                    if (problem.isPresent()) {
                        groups.exclude(key, problem.get(), 1);
                    } else if (!historyConsistent(created, status, history)) {
                        groups.exclude(key, ExclusionReason.INCONSISTENT_HISTORY, 1);
                    } else if (endAt.isEmpty()) {
                        groups.exclude(key, ExclusionReason.UNRESOLVED, 1);
                    } else {
                        groups.at(key).add(micros(activeTime(created, status, history, endAt.get(), paused,
                                elapsed)));
                    }
                });
            }
            return null;
        });
        return groups.finish(Micros::summary);
    }

    @Override
    public Tallies<ReopenCounts> reopens(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, COALESCE("
                + RESOLUTION_PROBLEM.formatted("c") + ", CASE WHEN c.first_resolved_at IS NULL THEN 'UNRESOLVED'"
                + " END) AS reason, CASE WHEN c.reopen_count > 0 THEN 1 ELSE 0 END AS s1 FROM " + cases + " c")
                .add(caseJoins("c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ").add(period("c.created_at", slice.period()));
        return counted(slice, records, 1, t -> new ReopenCounts(t[0], t[1]));
    }

    /**
     * The human replies and customer messages of the period's cases are counted for all of them at once, by one
     * aggregate joined to the cases, rather than by correlated subqueries per case. On H2, which would compute that
     * aggregate again for each case, the cases are grouped with their replies and messages in the outermost derived
     * table instead.
     */
    @Override
    public Tallies<FcrCounts> firstContactResolution(FcrDefinition definition, Duration repeatWindow, Slice slice) {
        Objects.requireNonNull(definition, "definition");
        // r: the case's reply and message counts and first reply; on H2 carried by the case's own row (below)
        String r = dialect.joinsDerivedTablesOnce() ? "r" : "c";
        Sql windowOpen = sql();
        Sql meets = sql();
        switch (definition) {
            case ONE_AGENT_REPLY -> meets.add("COALESCE(" + r + ".replies, 0) = 1");
            case AT_MOST_ONE_AGENT_REPLY -> meets.add("COALESCE(" + r + ".replies, 0) <= 1");
            case ONE_CUSTOMER_CONTACT -> meets.add("COALESCE(" + r + ".messages, 0) = 1");
            case NO_REPEAT_CONTACT -> {
                long window = windowMicros(repeatWindow);
                windowOpen.instant(" WHEN c.reopen_count = 0 AND c.first_resolved_at > ? THEN 'WINDOW_OPEN'",
                        minus(slice.asOf(), repeatWindow));
                meets.add("NOT EXISTS (SELECT 1 FROM " + cases + " o WHERE o.customer_id = c.customer_id"
                                + " AND o.id <> c.id AND o.created_at >= c.first_resolved_at AND o.created_at < ")
                        .bigint(dialect.plusMicros("c.first_resolved_at"), window)
                        .add(" AND (c.category IS NULL OR o.category = c.category)) AND NOT EXISTS (SELECT 1 FROM "
                                + interactions + " x WHERE x.customer_id = c.customer_id AND x.case_id IS NULL AND "
                                + CUSTOMER_MESSAGE.formatted("x") + " AND x.occurred_at >= c.first_resolved_at"
                                + " AND x.occurred_at < ")
                        .bigint(dialect.plusMicros("c.first_resolved_at"), window)
                        .add(" AND (c.category IS NULL OR x.reason = c.category))");
            }
            default -> throw new IllegalStateException("unknown definition " + definition);
        }
        String counts = "SUM(CASE WHEN " + HUMAN_REPLY.formatted("x") + " THEN 1 ELSE 0 END) AS replies, SUM(CASE WHEN "
                + CUSTOMER_MESSAGE.formatted("x") + " THEN 1 ELSE 0 END) AS messages, MIN(CASE WHEN "
                + HUMAN_REPLY.formatted("x") + " THEN x.occurred_at END) AS first_reply";
        String contact = "((" + HUMAN_REPLY.formatted("x") + ") OR (" + CUSTOMER_MESSAGE.formatted("x") + "))";
        Sql from;
        if (dialect.joinsDerivedTablesOnce()) {
            Sql perCase = sql().add("SELECT x.case_id, " + counts + " FROM " + interactions + " x JOIN " + cases
                    + " p ON p.id = x.case_id WHERE " + contact + " AND ").add(period("p.created_at", slice.period()))
                    .add(" GROUP BY x.case_id");
            from = sql().add(" FROM " + cases + " c LEFT JOIN (").add(perCase).add(") r ON r.case_id = c.id")
                    .add(caseJoins("c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ")
                    .add(period("c.created_at", slice.period()));
        } else {
            from = h2ReplyCounts(slice, definition).add(caseJoins("c.assignee"))
                    .add(labelJoin(slice, "c.id", "c.customer_id"));
        }
        Sql records = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, COALESCE("
                        + RESOLUTION_PROBLEM.formatted("c") + ", CASE WHEN c.first_resolved_at IS NULL"
                        + " THEN 'UNRESOLVED' WHEN " + r + ".first_reply < c.created_at THEN 'REPLIED_BEFORE_CREATED'"
                        + " WHEN c.reopen_count = 0 AND COALESCE(" + r + ".first_reply, c.first_reply_at)"
                        + " > c.first_resolved_at THEN 'REPLIED_AFTER_RESOLVED'")
                .add(windowOpen).add(" END) AS reason, CASE WHEN c.reopen_count = 0 AND ").add(meets)
                .add(" THEN 1 ELSE 0 END AS s1").add(from);
        return counted(slice, records, 1, t -> new FcrCounts(t[0], t[1]));
    }

    // ----------------------------------------------------------------------------------------------- contacts

    /**
     * Uncategorised contacts are counted in SQL; repeats need the forward, non-sliding windows of each customer and
     * category over all history, so the categorised contacts up to the period's end are streamed in time order and
     * walked here.
     */
    @Override
    public Tallies<RepeatContacts> repeatContacts(Duration window, Slice slice) {
        Objects.requireNonNull(window, "window");
        KpiGroups<long[]> groups = new KpiGroups<>(slice, () -> new long[2]);
        Sql uncategorised = sql().add("SELECT g, COUNT(*) AS n FROM (SELECT ")
                .add(group(slice, caseSubject("c.assignee"))).add(" AS g FROM " + cases + " c")
                .add(caseJoins("c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id"))
                .add(" WHERE c.category IS NULL AND ")
                .add(period("c.created_at", slice.period())).add(" UNION ALL SELECT ").add(group(slice, INTERACTION))
                .add(" AS g FROM " + interactions + " i").add(interactionJoins())
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.case_id IS NULL AND "
                        + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NULL AND ")
                .add(period("i.occurred_at", slice.period())).add(") r GROUP BY g");
        Sql contacts = sql().add("SELECT g, customer_id, category, at, id, in_period FROM (SELECT ")
                .add(group(slice, caseSubject("c.assignee"))).add(" AS g, c.customer_id, c.category AS category,"
                        + " c.created_at AS at, c.id, CASE WHEN ").add(period("c.created_at", slice.period()))
                .add(" THEN 1 ELSE 0 END AS in_period FROM " + cases + " c").add(caseJoins("c.assignee"))
                .add(labelJoin(slice, "c.id", "c.customer_id"))
                .instant(" WHERE c.category IS NOT NULL AND c.created_at < ?", slice.period().to())
                .add(" UNION ALL SELECT ").add(group(slice, INTERACTION)).add(" AS g, i.customer_id,"
                        + " i.reason AS category, i.occurred_at AS at, i.id, CASE WHEN ")
                .add(period("i.occurred_at", slice.period())).add(" THEN 1 ELSE 0 END AS in_period FROM "
                        + interactions + " i").add(interactionJoins())
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.case_id IS NULL AND "
                        + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NOT NULL")
                .instant(" AND i.occurred_at < ?", slice.period().to())
                .add(") r ORDER BY customer_id, category, at, id");
        db.read(c -> {
            try (Stmt st = uncategorised.prepare(c)) {
                st.forEach(row -> {
                    groups.exclude(KpiGroups.read(row, slice), ExclusionReason.UNCATEGORISED, row.bigint("n"));
                });
            }
            try (Stmt st = contacts.prepare(c)) {
                // customer, category, window start, last contact, whether it was a repeat
                Object[] run = new Object[5];
                st.forEach(row -> {
                    UUID customer = row.uuid("customer_id");
                    String category = row.text("category");
                    Instant at = row.instant("at");
                    UUID id = row.uuid("id");
                    boolean repeat;
                    if (id.equals(run[3])) {
                        // the same contact again, in another of its groups (by tag): walked once
                        repeat = (Boolean) run[4];
                    } else {
                        if (!customer.equals(run[0]) || !category.equals(run[1])) {
                            run[0] = customer;
                            run[1] = category;
                            run[2] = null;
                        }
                        Instant windowStart = (Instant) run[2];
                        repeat = windowStart != null && at.isBefore(plus(windowStart, window));
                        if (!repeat) {
                            run[2] = at;
                        }
                        run[3] = id;
                        run[4] = repeat;
                    }
                    if (row.integer("in_period") == 1) {
                        long[] counts = groups.at(KpiGroups.read(row, slice));
                        counts[0]++;
                        if (repeat) {
                            counts[1]++;
                        }
                    }
                });
            }
            return null;
        });
        return groups.finish(t -> new RepeatContacts(t[0], t[1]));
    }

    @Override
    public Tallies<Containment> containment(Duration window, Set<Channel> automatedChannels, Slice slice) {
        Objects.requireNonNull(window, "window");
        List<String> automated = automatedChannels.stream().map(Channel::code).sorted().toList();
        Sql inAutomated = channelIn("i.channel", automated);
        Sql humanChannel = sql().add("NOT (").add(channelIn("h.channel", automated)).add(")");
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION))
                .instant(" AS g, CASE WHEN i.occurred_at > ? THEN 'WINDOW_OPEN' END AS reason,"
                        + " CASE WHEN NOT EXISTS (SELECT 1 FROM " + interactions
                        + " h WHERE h.customer_id = i.customer_id"
                        + " AND h.occurred_at >= i.occurred_at AND h.occurred_at < ", minus(slice.asOf(), window))
                .bigint(dialect.plusMicros("i.occurred_at"), windowMicros(window))
                .add(" AND h.handled_by = 'HUMAN' AND h.visibility = 'PUBLIC' AND h.kind NOT IN ('NOTE', 'PURCHASE',"
                        + " 'FEEDBACK') AND ").add(humanChannel).add(") THEN 1 ELSE 0 END AS s1 FROM " + interactions
                        + " i").add(interactionJoins()).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE " + CUSTOMER_MESSAGE.formatted("i") + " AND (")
                .add(inAutomated).add(" OR i.handled_by = 'BOT') AND ").add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 1, t -> new Containment(t[0], t[1]));
    }

    private Sql channelIn(String column, List<String> codes) {
        if (codes.isEmpty()) {
            return sql().add("1 = 0");
        }
        Sql sql = sql().add(column + " IN (");
        for (int n = 0; n < codes.size(); n++) {
            sql.text(n == 0 ? "?" : ", ?", codes.get(n));
        }
        return sql.add(")");
    }

    @Override
    public Tallies<HandleTimeTotals> handleTimes(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CASE WHEN i.talk_nanos < 0"
                        + " OR i.hold_nanos < 0 OR i.after_contact_work_nanos < 0 THEN 'NEGATIVE_HANDLE_TIME'"
                        + " WHEN i.handled_by <> 'HUMAN' THEN 'AUTOMATED_HANDLING' END AS reason,"
                        + " i.talk_nanos / 1000 AS s1, i.hold_nanos / 1000 AS s2,"
                        + " i.after_contact_work_nanos / 1000 AS s3"
                        + " FROM " + interactions + " i").add(interactionJoins())
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.talk_nanos IS NOT NULL AND ").add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 3, t -> new HandleTimeTotals(t[0], t[1], t[2], t[3]));
    }

    /**
     * Compliment interactions, and compliments taken in through the complaints door. A complaint's credited agents
     * are a JSON array of ids; under an agent or team breakdown each is joined to the agents whose id it contains,
     * and each compliment counts once per group ({@code DISTINCT} group and id).
     */
    @Override
    public Tallies<Count> compliments(Slice slice) {
        Dimension dimension = slice.breakdown().dimension();
        boolean byAgent = dimension == Dimension.AGENT || dimension == Dimension.TEAM;
        Subject compliment = new Subject("c.received_at", "c.channel", "k.category", "cu.segment",
                byAgent ? "ag.id" : null, byAgent ? "COALESCE(k.team, ag.team)" : "k.team", "k.priority");
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CAST(NULL AS VARCHAR(32))"
                        + " AS reason FROM " + interactions + " i").add(interactionJoins())
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.kind = 'COMPLIMENT' AND ").add(period("i.occurred_at", slice.period()))
                .add(" UNION ALL SELECT g, CAST(NULL AS VARCHAR(32)) AS reason FROM (SELECT DISTINCT ")
                .add(group(slice, compliment)).add(" AS g, c.id FROM " + complaints + " c LEFT JOIN " + cases
                        + " k ON k.id = c.case_id LEFT JOIN " + customers + " cu ON cu.id = c.customer_id");
        if (byAgent) {
            records.add(" LEFT JOIN " + agents + " ag ON c.agent_ids LIKE '%' || CAST(ag.id AS VARCHAR(36)) || '%'");
        }
        records.add(labelJoin(slice, "c.case_id", "c.customer_id")).add(" WHERE c.kind = 'COMPLIMENT' AND ").add(period("c.received_at", slice.period())).add(") cc");
        return counted(slice, records, 0, t -> new Count(t[0]));
    }

    // ----------------------------------------------------------------------------------------------- contacts and calls

    @Override
    public Tallies<Count> inboundContacts(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CAST(NULL AS VARCHAR(32))"
                        + " AS reason FROM " + interactions + " i").add(interactionJoins())
                .add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE " + CUSTOMER_MESSAGE.formatted("i") + " AND ").add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 0, t -> new Count(t[0]));
    }

    @Override
    public Tallies<CallCounts> calls(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CAST(NULL AS VARCHAR(32))"
                        + " AS reason, CASE WHEN i.kind = 'CALL' THEN 1 ELSE 0 END AS s1,"
                        + " CASE WHEN i.kind = 'MISSED_CALL' THEN 1 ELSE 0 END AS s2,"
                        + " CASE WHEN i.kind = 'MISSED_CALL' AND i.abandoned = TRUE THEN 1 ELSE 0 END AS s3 FROM "
                        + interactions + " i").add(interactionJoins())
                .add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.direction = 'INBOUND' AND i.kind IN ('CALL', 'MISSED_CALL') AND ")
                .add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 3, t -> new CallCounts(t[1], t[2], t[3]));
    }

    /** Summarised in SQL: the wait is stored in nanoseconds and truncated to microseconds, as the reference does. */
    @Override
    public Tallies<DurationSummary> speedOfAnswer(Slice slice) {
        Sql measured = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CASE WHEN i.wait_nanos IS NULL"
                        + " THEN 'MISSING_WAIT_TIME' END AS reason, i.wait_nanos / 1000 AS m FROM " + interactions
                        + " i").add(interactionJoins()).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.direction = 'INBOUND' AND i.kind = 'CALL' AND ")
                .add(period("i.occurred_at", slice.period()));
        return summarised(slice, measured);
    }

    // ----------------------------------------------------------------------------------------------- surveys

    @Override
    public Tallies<SurveyResponses> surveyResponses(Slice slice) {
        Subject survey = new Subject("fu.due_at", "fu.channel", "k.category", "cu.segment", "k.assignee",
                "COALESCE(k.team, ag.team)", "k.priority");
        Sql records = sql().add("SELECT ").add(group(slice, survey)).add(" AS g, CAST(NULL AS VARCHAR(32)) AS reason,"
                        + " CASE WHEN EXISTS (SELECT 1 FROM " + feedback + " a WHERE a.follow_up_id = fu.id)"
                        + " THEN 1 ELSE 0 END AS s1 FROM " + followUps + " fu LEFT JOIN " + cases
                        + " k ON k.id = fu.case_id LEFT JOIN " + customers + " cu ON cu.id = fu.customer_id"
                        + " LEFT JOIN " + agents + " ag ON ag.id = k.assignee")
                .add(labelJoin(slice, "fu.case_id", "fu.customer_id")).add(" WHERE fu.kind = 'survey' AND fu.status = 'SENT' AND ").add(period("fu.due_at", slice.period()));
        return counted(slice, records, 1, t -> new SurveyResponses(t[0], t[1]));
    }

    // ----------------------------------------------------------------------------------------------- backlog

    /** Streamed: the status at the moment, and whether the history adds up, are read from the history JSON. */
    @Override
    public Tallies<BacklogSnapshot> backlog(List<Duration> ageBounds, Slice slice, ElapsedTime elapsed) {
        Instant at = slice.period().to();
        Sql sql = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, c.created_at,"
                        + " c.status, c.history FROM " + cases + " c").add(caseJoins("c.assignee"))
                .add(labelJoin(slice, "c.id", "c.customer_id")).instant(" WHERE c.created_at < ?", at);
        KpiGroups<Backlog> groups = new KpiGroups<>(slice, () -> new Backlog(ageBounds));
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                boolean byStatus = slice.breakdown().dimension() == Dimension.CASE_STATUS;
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Instant created = row.instant("created_at");
                    CaseStatus status = CaseStatus.valueOf(row.text("status"));
                    List<StatusChange> history = Encodings.readHistory(row.text("history"));
                    if (!historyConsistent(created, status, history)) {
                        groups.exclude(key, ExclusionReason.INCONSISTENT_HISTORY, 1);
                    } else {
                        CaseStatus then = statusAt(status, history, at);
                        if (then.isUnresolved()) {
                            // by status: the status the case had at the moment, not its status now
                            groups.at(byStatus ? GroupKey.of(Dimension.CASE_STATUS, then.name()) : key)
                                    .add(elapsed.between(created, at));
                        }
                    }
                });
            }
            return null;
        });
        return groups.finish(Backlog::snapshot);
    }

    private static final class Backlog {
        private final List<Duration> bounds;
        private final long[] bands;
        private final Micros ages = new Micros();
        private long cases;

        Backlog(List<Duration> bounds) {
            this.bounds = bounds;
            this.bands = new long[bounds.size() + 1];
        }

        void add(Duration age) {
            cases++;
            ages.add(micros(age));
            int band = 0;
            while (band < bounds.size() && age.compareTo(bounds.get(band)) >= 0) {
                band++;
            }
            bands[band]++;
        }

        BacklogSnapshot snapshot() {
            List<Long> counts = new ArrayList<>();
            for (long band : bands) {
                counts.add(band);
            }
            return new BacklogSnapshot(cases, ages.summary(), counts);
        }
    }

    // ----------------------------------------------------------------------------------------------- customers

    @Override
    public Tallies<CustomerBase> customerBase(CustomerBaseRule rule, Duration activityWindow, Slice slice) {
        Objects.requireNonNull(rule, "rule");
        Instant start = slice.period().from();
        Instant end = slice.period().to();
        Instant startWindow = minus(start, activityWindow);
        Instant endWindow = minus(end, activityWindow);
        Sql inner = sql().add("SELECT ").add(group(slice, CUSTOMER)).add(" AS g, CASE WHEN cu.status = 'PROSPECT'"
                        + " THEN 'PROSPECT' END AS reason, ").add(counts(rule, "cu", start, startWindow))
                .add(" AS a_s, ").add(counts(rule, "cu", end, endWindow)).add(" AS a_e, CASE WHEN ")
                .instant("cu.created_at < ?", start).add(" THEN 1 ELSE 0 END AS early FROM " + customers + " cu")
                .add(labelJoin(slice, null, "cu.id")).instant(" WHERE cu.created_at < ?", end);
        Sql records = sql().add("SELECT g, reason, a_s AS s1, a_e AS s2, a_s * a_e AS s3,"
                + " CASE WHEN a_s = 0 AND a_e = 1 AND early = 0 THEN 1 ELSE 0 END AS s4,"
                + " CASE WHEN a_s = 0 AND a_e = 1 AND early = 1 THEN 1 ELSE 0 END AS s5 FROM (").add(inner).add(") q");
        return counted(slice, records, 5, t -> new CustomerBase(t[1], t[2], t[3], t[4], t[5]));
    }

    /** 1 if the customer counts at {@code t}, else 0. */
    private Sql counts(CustomerBaseRule rule, String alias, Instant t, Instant windowStart) {
        Sql sql = sql().instant("CASE WHEN " + alias + ".created_at < ?", t);
        if (rule == CustomerBaseRule.ACTIVITY_UNLESS_CHURNED) {
            sql.instant(" AND NOT (" + alias + ".status = 'CHURNED' AND " + alias + ".updated_at < ?)", t);
        }
        return sql.instant(" AND (" + alias + ".created_at >= ?", windowStart).add(" OR EXISTS (")
                .add("SELECT 1 FROM " + interactions + " p WHERE p.customer_id = " + alias + ".id"
                        + " AND p.kind = 'PURCHASE'").instant(" AND p.occurred_at >= ?", windowStart)
                .instant(" AND p.occurred_at < ?", t).add(")) THEN 1 ELSE 0 END");
    }

    @Override
    public Tallies<PurchaseTotals> purchases(Currency currency, Slice slice) {
        Objects.requireNonNull(currency, "currency");
        Sql records = purchaseRecords(slice, currency, " JOIN " + customers + " pc ON pc.id = i.customer_id");
        Sql sql = sql().add("SELECT g, reason, COUNT(*) AS n, SUM(amount) AS revenue, COUNT(DISTINCT customer_id)"
                + " AS purchasers FROM (").add(records).add(") r GROUP BY g, reason");
        KpiGroups<PurchaseTotals[]> groups = new KpiGroups<>(slice, () -> new PurchaseTotals[] {PurchaseTotals.EMPTY});
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Optional<String> reason = row.optText("reason");
                    if (reason.isPresent()) {
                        groups.exclude(key, reason.get(), row.bigint("n"));
                    } else {
                        groups.at(key)[0] = new PurchaseTotals(row.bigint("n"), row.decimal("revenue"),
                                row.bigint("purchasers"));
                    }
                });
            }
            return null;
        });
        return groups.finish(p -> p[0]);
    }

    /**
     * Purchases of the period: {@code g}, {@code reason}, {@code id}, {@code customer_id}, {@code at} and
     * {@code amount}.
     */
    private Sql purchaseRecords(Slice slice, Currency currency, String extraJoin) {
        return sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CASE WHEN i.amount IS NULL OR"
                        + " i.currency IS NULL THEN 'MISSING_AMOUNT'")
                .text(" WHEN i.currency <> ? THEN 'OTHER_CURRENCY' END AS reason, i.id, i.customer_id,"
                        + " i.occurred_at AS at, i.amount FROM " + interactions + " i", currency.getCurrencyCode())
                .add(extraJoin).add(interactionJoins()).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.kind = 'PURCHASE' AND ")
                .add(period("i.occurred_at", slice.period()));
    }

    @Override
    public Tallies<Loyalty> loyalty(Duration window, int minimumPurchases, Slice slice) {
        Instant at = slice.period().to();
        Sql inner = sql().add("SELECT ").add(group(slice, CUSTOMER)).add(" AS g, (SELECT COUNT(*) FROM "
                        + interactions + " p WHERE p.customer_id = cu.id AND p.kind = 'PURCHASE'")
                .instant(" AND p.occurred_at >= ?", minus(at, window)).instant(" AND p.occurred_at < ?", at)
                .add(") AS bought FROM " + customers + " cu").add(labelJoin(slice, null, "cu.id"))
                .instant(" WHERE cu.created_at < ?", at);
        Sql records = sql().add("SELECT g, CAST(NULL AS VARCHAR(32)) AS reason,")
                .bigint(" CASE WHEN bought >= ? THEN 1 ELSE 0 END AS s1 FROM (", minimumPurchases).add(inner)
                .add(") q WHERE bought > 0");
        return counted(slice, records, 1, t -> new Loyalty(t[0], t[1]));
    }

    /**
     * Each customer's revenue, contacts and handle time are summed in SQL, one row per customer; the cost to serve
     * is rounded per customer (half-even, to 4 decimals) and summed here. Without a cost to serve (the default)
     * only the customer's purchases are summed and the cases are not counted: nothing else enters the figure.
     */
    @Override
    public Tallies<CustomerValue> customerValue(Currency currency, CostToServe cost, Slice slice) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cost, "cost");
        Instant at = slice.period().to();
        String code = currency.getCurrencyCode();
        String valid = "x.talk_nanos >= 0 AND x.hold_nanos >= 0 AND x.after_contact_work_nanos >= 0";
        Sql perCustomer = sql().add("SELECT x.customer_id,"
                        + " SUM(CASE WHEN x.kind = 'PURCHASE' AND (x.amount IS NULL OR x.currency IS NULL)"
                        + " THEN 1 ELSE 0 END)"
                        + " AS missing,")
                .text(" SUM(CASE WHEN x.kind = 'PURCHASE' AND x.amount IS NOT NULL AND x.currency <> ?"
                        + " THEN 1 ELSE 0 END) AS other,", code)
                .text(" SUM(CASE WHEN x.kind = 'PURCHASE' AND x.currency = ? THEN x.amount END) AS revenue,", code)
                .add(" SUM(CASE WHEN x.case_id IS NULL AND " + CUSTOMER_MESSAGE.formatted("x") + " THEN 1 ELSE 0 END)"
                        + " AS contacts, SUM(CASE WHEN x.handled_by = 'HUMAN' AND x.talk_nanos IS NOT NULL AND NOT ("
                        + valid + ") THEN 1 ELSE 0 END) AS negative, SUM(CASE WHEN x.handled_by = 'HUMAN' AND "
                        + valid + " THEN (x.talk_nanos + x.hold_nanos + x.after_contact_work_nanos) / 1000 END)"
                        + " AS handle_micros FROM " + interactions + " x").instant(" WHERE x.occurred_at < ?", at)
                .add(cost.isNone() ? " AND x.kind = 'PURCHASE'" : "").add(" GROUP BY x.customer_id");
        Sql sql = sql().add("SELECT ").add(group(slice, CUSTOMER)).add(" AS g, cu.status, cu.acquisition_cost,"
                        + " cu.acquisition_currency, v.missing, v.other, v.revenue, v.contacts, v.negative,"
                        + " v.handle_micros, ");
        if (cost.isNone()) {
            sql.add("0");
        } else {
            sql.add("(SELECT COUNT(*) FROM " + cases + " k WHERE k.customer_id = cu.id")
                    .instant(" AND k.created_at < ?", at).add(")");
        }
        sql.add(" AS cases FROM " + customers + " cu LEFT JOIN (")
                .add(perCustomer).add(") v ON v.customer_id = cu.id").add(labelJoin(slice, null, "cu.id"))
                .instant(" WHERE cu.created_at < ?", at);
        KpiGroups<BigDecimal[]> groups = new KpiGroups<>(slice, () -> new BigDecimal[] {BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Optional<String> acquisitionCurrency = row.optText("acquisition_currency");
                    BigDecimal acquisition = row.decimal("acquisition_cost");
                    boolean hasAcquisition = acquisition != null && acquisitionCurrency.isPresent();
                    if ("PROSPECT".equals(row.text("status"))) {
                        groups.exclude(key, ExclusionReason.PROSPECT, 1);
                    } else if (row.bigint("missing") > 0) {
                        groups.exclude(key, ExclusionReason.MISSING_AMOUNT, 1);
                    } else if (row.bigint("negative") > 0 && cost.perHandleHour().signum() > 0) {
                        groups.exclude(key, ExclusionReason.NEGATIVE_HANDLE_TIME, 1);
                    } else if (row.bigint("other") > 0 || hasAcquisition && !code.equals(acquisitionCurrency.get())) {
                        groups.exclude(key, ExclusionReason.OTHER_CURRENCY, 1);
                    } else {
                        BigDecimal costToServe = BigDecimal.ZERO;
                        if (!cost.isNone()) {
                            long contacts = row.bigint("contacts") + row.bigint("cases");
                            BigDecimal handleMicros = BigDecimal.valueOf(row.bigint("handle_micros"));
                            BigDecimal scaled = cost.perContact().multiply(BigDecimal.valueOf(contacts))
                                    .multiply(MICROS_PER_HOUR).add(cost.perHandleHour().multiply(handleMicros));
                            costToServe = scaled.divide(MICROS_PER_HOUR, 4, RoundingMode.HALF_EVEN);
                        }
                        BigDecimal revenue = row.decimal("revenue");
                        BigDecimal[] totals = groups.at(key);
                        totals[0] = totals[0].add(BigDecimal.ONE);
                        totals[1] = totals[1].add(revenue == null ? BigDecimal.ZERO : revenue);
                        totals[2] = totals[2].add(costToServe);
                        totals[3] = totals[3].add(hasAcquisition ? acquisition : BigDecimal.ZERO);
                    }
                });
            }
            return null;
        });
        return groups.finish(t -> new CustomerValue(t[0].longValueExact(), t[1], t[2], t[3]));
    }

    /**
     * Totals and exclusions come with each purchase; whether it follows a resolution needs the resolution instants
     * of the customer's cases, moves to resolved in the history JSON included, so each valid purchase is streamed
     * with the customer's cases created before it and checked here.
     */
    @Override
    public Tallies<RevenueAfterService> revenueAfterService(Duration window, Currency currency, Slice slice) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(currency, "currency");
        Sql sql = sql().add("SELECT p.g, p.reason, p.id, p.at, p.amount, k.first_resolved_at, k.resolved_at,"
                        + " k.history FROM (").add(purchaseRecords(slice, currency, "")).add(") p LEFT JOIN " + cases
                        + " k ON p.reason IS NULL AND k.customer_id = p.customer_id AND k.created_at <= p.at"
                        + " ORDER BY p.id" + (multiLabel(slice) == null ? "" : ", p.g"));
        KpiGroups<Revenue> groups = new KpiGroups<>(slice, Revenue::new);
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                Object[] current = new Object[4]; // purchase id, key, amount, after service
                st.forEach(row -> {
                    UUID id = row.uuid("id");
                    GroupKey key = KpiGroups.read(row, slice);
                    // by tag, a purchase comes once per group it is in, each settled on its own
                    if (!id.equals(current[0]) || !key.equals(current[1])) {
                        settle(groups, current);
                        current[0] = id;
                        current[1] = key;
                        Optional<String> reason = row.optText("reason");
                        if (reason.isPresent()) {
                            groups.exclude((GroupKey) current[1], reason.get(), 1);
                            current[2] = null;
                        } else {
                            current[2] = row.decimal("amount");
                        }
                        current[3] = Boolean.FALSE;
                    }
                    Instant at = row.instant("at");
                    Optional<String> history = row.optText("history");
                    if (current[2] != null && history.isPresent() && !(Boolean) current[3]) {
                        for (Instant r : resolutionInstants(Encodings.readHistory(history.get()),
                                row.optInstant("first_resolved_at"), row.optInstant("resolved_at"))) {
                            if (!r.isAfter(at) && at.isBefore(plus(r, window))) {
                                current[3] = Boolean.TRUE;
                                break;
                            }
                        }
                    }
                });
                settle(groups, current);
            }
            return null;
        });
        return groups.finish(r -> new RevenueAfterService(r.purchases, r.revenue, r.purchasesAfter, r.revenueAfter));
    }

    private static void settle(KpiGroups<Revenue> groups, Object[] current) {
        if (current[0] == null || current[2] == null) {
            return;
        }
        Revenue totals = groups.at((GroupKey) current[1]);
        BigDecimal amount = (BigDecimal) current[2];
        totals.purchases++;
        totals.revenue = totals.revenue.add(amount);
        if ((Boolean) current[3]) {
            totals.purchasesAfter++;
            totals.revenueAfter = totals.revenueAfter.add(amount);
        }
    }

    private static final class Revenue {
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        long purchasesAfter;
        BigDecimal revenueAfter = BigDecimal.ZERO;
    }

    // ----------------------------------------------------------------------------------------------- case history

    /** Every instant the case was resolved: its moves to resolved, and its first and last resolution times. */
    private static List<Instant> resolutionInstants(List<StatusChange> history, Optional<Instant> firstResolved,
            Optional<Instant> resolved) {
        TreeSet<Instant> instants = new TreeSet<>();
        history.stream().filter(m -> m.to() == CaseStatus.RESOLVED).forEach(m -> instants.add(m.at()));
        firstResolved.ifPresent(instants::add);
        resolved.ifPresent(instants::add);
        return new ArrayList<>(instants);
    }

    /** Whether the history adds up: no move before creation or before the previous, moves chained, last = status. */
    private static boolean historyConsistent(Instant created, CaseStatus status, List<StatusChange> history) {
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

    private static CaseStatus initialStatus(CaseStatus status, List<StatusChange> history) {
        return history.isEmpty() ? status : history.get(0).from();
    }

    private static CaseStatus statusAt(CaseStatus status, List<StatusChange> history, Instant at) {
        CaseStatus current = initialStatus(status, history);
        for (StatusChange move : history) {
            if (move.at().isBefore(at)) {
                current = move.to();
            }
        }
        return current;
    }

    /** The time from creation to {@code end}, without the time spent in the paused states. */
    private static Duration activeTime(Instant created, CaseStatus status, List<StatusChange> history, Instant end,
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

    @Override
    public String toString() {
        return "SQL KPI queries on " + dialect.name();
    }
}
