package dev.rapport.jdbc;

import dev.rapport.jdbc.KpiGroups.Subject;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.FcrCounts;
import dev.rapport.spi.kpi.ReopenCounts;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.ResolutionMilestone;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The reply and resolution questions in SQL: first and next reply times (with H2's own plan for the
 * reply numbering), resolution times, reopens and first-contact resolution. Part of {@link JdbcKpiQueries}.
 */
final class ReplyKpiSql extends KpiSql {

    ReplyKpiSql(Db db, Names names) {
        super(db, names);
    }

    // ----------------------------------------------------------------------------------------------- replies

    /**
     * The first human public reply of each case is found for all the period's cases at once: their replies are
     * numbered per case in time order ({@code ROW_NUMBER}) and the first joined, rather than looked up case by case
     * by a correlated subquery (one index probe and heap visit per case, several times slower on a large store). On
     * H2, which would number the replies again for each case it joins them to (quadratic), the cases joined to their
     * replies are numbered in the outermost derived table, which H2 computes once.
     */
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
            String reader = head + " " + caseJoins(slice, agent) + " " + labelJoin(slice, "c.id", "c.customer_id");
            return durations(slice, head.add(h2FirstReplies(slice, reader)).add(caseJoins(slice, agent))
                    .add(labelJoin(slice, "c.id", "c.customer_id")), elapsed);
        }
        Sql records = head.add(" FROM (SELECT c0.*, fr.occurred_at AS fr_at, fr.agent_id AS fr_agent FROM " + cases
                        + " c0 LEFT JOIN (SELECT x.case_id, x.occurred_at, x.agent_id, ROW_NUMBER() OVER"
                        + " (PARTITION BY x.case_id ORDER BY x.occurred_at, x.id) AS rn FROM " + interactions + " x"
                        + " JOIN " + cases + " p ON p.id = x.case_id WHERE " + HUMAN_REPLY.formatted("x") + " AND ")
                .add(period("p.created_at", slice.period())).add(") fr ON fr.case_id = c0.id AND fr.rn = 1 WHERE ")
                .add(period("c0.created_at", slice.period())).add(") c").add(caseJoins(slice, agent))
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

    private Sql h2FirstReplies(Slice slice, String reader) {
        Dimension dimension = slice.breakdown().dimension();
        if (dimension != Dimension.AGENT && dimension != Dimension.TEAM
                && coversMuchOf(cases, "created_at", slice.period())) {
            return h2CasesWithInteractions(slice, HUMAN_REPLY.formatted("x"), "MIN(u.reply_at) AS fr_at,"
                    + " CAST(NULL AS UUID) AS fr_agent", reader);
        }
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
     * On H2, where the period covers much of the cases' time span (see {@link #scanFor}): the period's cases as
     * {@code FROM (...) c} with those columns of {@link #H2_CASE_COLUMNS} that {@code reader}, the SQL that reads
     * {@code c}, names (each one more aggregate per case) and the given aggregates of their
     * interactions that match {@code interaction} (on {@code x}), computed from one read of each table in storage
     * order, grouped by case, instead of an index probe of the case's interactions per case. Those probes land at
     * random places of a table that grows with the data, and cost more each as it grows (a tenfold data set made
     * the probes about 13 to 18 times slower, a read in storage order 9 to 10 times). The aggregates read
     * {@code u.reply} (1 for a matching interaction that is a human reply, else 0), {@code u.is_case} (1 for the
     * case's own row) and {@code u.reply_at} (a human reply's time); a case without interactions is kept, with
     * aggregates over its own row only (the sums 0, the times null).
     */
    private Sql h2CasesWithInteractions(Slice slice, String interaction, String aggregates, String reader) {
        String[] columns = H2_CASE_COLUMNS.replace("c0.", "").split(",\\s*");
        StringBuilder grouped = new StringBuilder("u.id");
        StringBuilder caseRow = new StringBuilder("c0.id");
        StringBuilder interactionRow = new StringBuilder("x.case_id");
        for (String column : columns) {
            if (!column.equals("id") && java.util.regex.Pattern.compile("(?<![A-Za-z0-9_.])c\\." + column
                    + "(?![A-Za-z0-9_])").matcher(reader).find()) {
                grouped.append(", MAX(u.").append(column).append(") AS ").append(column);
                caseRow.append(", c0.").append(column);
                interactionRow.append(", NULL");
            }
        }
        String scan = dialect.wholeTableScan();
        return sql().add(" FROM (SELECT " + grouped + ", " + aggregates + " FROM (SELECT " + caseRow
                        + ", 1 AS is_case, 0 AS reply, CAST(NULL AS TIMESTAMP(6) WITH TIME ZONE) AS reply_at FROM "
                        + cases + " c0" + scan + " WHERE ").add(period("c0.created_at", slice.period()))
                .add(" UNION ALL SELECT " + interactionRow + ", 0, CASE WHEN " + HUMAN_REPLY.formatted("x")
                        + " THEN 1 ELSE 0 END, CASE WHEN " + HUMAN_REPLY.formatted("x") + " THEN x.occurred_at END"
                        + " FROM " + interactions + " x" + scan + " WHERE x.case_id IS NOT NULL AND " + interaction
                        + ") u GROUP BY u.id HAVING MAX(u.is_case) = 1) c");
    }

    /**
     * On H2: the period's cases with their human reply count ({@code replies}), customer message count
     * ({@code messages}) and first reply ({@code first_reply}), each looked up per case through the interactions'
     * case index (see {@link #h2FirstReplies}), as {@code FROM (...) c}; a count the definition does not read is
     * not looked up.
     */
    private Sql h2ReplyCounts(Slice slice, FcrDefinition definition, String reader) {
        if (coversMuchOf(cases, "created_at", slice.period())) {
            boolean counted = definition == FcrDefinition.ONE_AGENT_REPLY
                    || definition == FcrDefinition.AT_MOST_ONE_AGENT_REPLY;
            boolean messages = definition == FcrDefinition.ONE_CUSTOMER_CONTACT;
            String read = messages ? "((" + HUMAN_REPLY.formatted("x") + ") OR (" + CUSTOMER_MESSAGE.formatted("x")
                    + "))" : HUMAN_REPLY.formatted("x");
            return h2CasesWithInteractions(slice, read, (counted ? "SUM(u.reply) AS replies"
                    : "CAST(NULL AS BIGINT) AS replies") + ", " + (messages ? "SUM(1 - u.reply - u.is_case)"
                    : "CAST(NULL AS BIGINT)") + " AS messages, MIN(u.reply_at) AS first_reply", reader);
        }
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
     * history. Each row says in one column whether it is a reply; the history is sent with a case's first row only
     * (on H2 with every row, see below),
     * and the reply's own group is read only when the breakdown can differ from the case's (agent, team).
     */
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
        // on H2 the window function that blanks the history after a case's first row costs more than sending it
        // again: a row of an in-process result holds a reference to the same value
        String history = dialect instanceof H2Dialect ? "c.history"
                : "CASE WHEN " + sameRun + " THEN NULL ELSE c.history END";
        sql.add("c.id AS case_id, c.created_at, c.first_resolved_at, c.resolved_at, " + history
                        + " AS history, i.occurred_at, CASE WHEN "
                        + HUMAN_REPLY.formatted("i") + " THEN 1 ELSE 0 END AS reply FROM " + cases + " c")
                .add(caseJoins(slice, "c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id"))
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
                    .add(caseJoins(slice, "c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ")
                    .add(period("c.created_at", slice.period()));
            return durations(slice, records, elapsed);
        }
        // paused states need the status history: streamed, and measured here
        Sql sql = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, "
                        + "COALESCE(" + CREATION_PROBLEM.formatted("c") + ", " + RESOLUTION_PROBLEM.formatted("c")
                        + ") AS problem, c.created_at, c.status, c.history, " + end
                        + " AS end_at FROM " + cases + " c").add(caseJoins(slice, "c.assignee"))
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

    /**
     * The period's cases and whether each was reopened; on H2, where the period covers much of the cases' time span,
     * read from the table whole rather than row by row through the creation index (see {@link #scanFor}).
     */
    public Tallies<ReopenCounts> reopens(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, COALESCE("
                + RESOLUTION_PROBLEM.formatted("c") + ", CASE WHEN c.first_resolved_at IS NULL THEN 'UNRESOLVED'"
                + " END) AS reason, CASE WHEN c.reopen_count > 0 THEN 1 ELSE 0 END AS s1 FROM " + cases + " c"
                + scanFor(cases, "created_at", slice.period())).add(caseJoins(slice, "c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ").add(period("c.created_at", slice.period()));
        return counted(slice, records, 1, t -> new ReopenCounts(t[0], t[1]));
    }

    /**
     * The human replies and customer messages of the period's cases are counted for all of them at once, by one
     * aggregate joined to the cases, rather than by correlated subqueries per case. On H2, which would compute that
     * aggregate again for each case, the cases are grouped with their replies and messages in the outermost derived
     * table instead.
     */
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
                    .add(caseJoins(slice, "c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id")).add(" WHERE ")
                    .add(period("c.created_at", slice.period()));
        } else {
            String reader = group(slice, caseSubject("c.assignee")) + " " + RESOLUTION_PROBLEM.formatted("c")
                    + " c.first_reply_at c.created_at c.reopen_count " + meets + " " + windowOpen + " "
                    + caseJoins(slice, "c.assignee") + " " + labelJoin(slice, "c.id", "c.customer_id");
            from = h2ReplyCounts(slice, definition, reader).add(caseJoins(slice, "c.assignee"))
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

}
