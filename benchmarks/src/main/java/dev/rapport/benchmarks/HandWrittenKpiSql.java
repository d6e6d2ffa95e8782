package dev.rapport.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The baseline of the KPI report at scale: the figures of Rapport's full KPI report written by hand in PostgreSQL
 * directly against Rapport's tables, as an expert who knows the schema and the definitions of {@code docs/kpis.md}
 * would write them for the default {@code KpiSettings}, the currency EUR and calendar time. Seven statements cover the
 * twenty-one KPIs, each reading its tables once for several KPIs and computing the total and the groups together
 * ({@code GROUPING SETS}):
 *
 * <ol>
 *   <li>ratings: CSAT, mean CSAT, NPS, CES;
 *   <li>cases of the period with one aggregate of their human replies: first reply, first and full resolution time,
 *       reopen rate, first-contact resolution;
 *   <li>next reply waits, with window functions over the cases' replies, customer messages and resolution instants
 *       (the history's moves to resolved read as {@code jsonb});
 *   <li>repeat contacts, with a recursive walk of each customer's contacts per category for the forward windows;
 *   <li>interactions of the period: handle time, compliments, contacts per channel, containment ({@code NOT EXISTS}
 *       a human contact within 24 hours), purchases and revenue after service ({@code EXISTS} a resolution within
 *       30 days before);
 *   <li>the backlog at the period's end, the status at that moment and the history's consistency read as
 *       {@code jsonb};
 *   <li>customers with one aggregate of their purchases: churn, retention, loyal share, historic and predictive
 *       lifetime value (customer KPIs are computed for the total only: they cannot be broken down by channel).
 * </ol>
 *
 * Every statement yields rows of one shape: KPI, group, exclusion reason (null when counted), count, sums, minimum,
 * maximum and percentiles ({@code PERCENTILE_CONT}) of a duration in microseconds; {@link Figure}s are made from them
 * as the definitions say. Not a general implementation: the settings are fixed and the SQL is PostgreSQL's.
 *
 * <p>Thread-safe: holds no state between calls.
 */
public final class HandWrittenKpiSql {

    /** Ages at which the backlog's bands start (the defaults: 1, 3, 7, 14 and 30 days), in seconds. */
    static final long[] BAND_SECONDS = {86_400, 3 * 86_400, 7 * 86_400, 14 * 86_400, 30 * 86_400};
    static final String[] BAND_NAMES = {"aged_under_1d", "aged_1d_to_3d", "aged_3d_to_7d", "aged_7d_to_14d",
        "aged_14d_to_30d", "aged_30d_and_more"};
    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final String HUMAN_REPLY = "%1$s.direction = 'OUTBOUND' AND %1$s.handled_by = 'HUMAN'"
            + " AND %1$s.visibility = 'PUBLIC' AND %1$s.kind <> 'NOTE'";
    static final String CUSTOMER_MESSAGE = "%1$s.direction = 'INBOUND' AND %1$s.visibility = 'PUBLIC'"
            + " AND %1$s.kind NOT IN ('NOTE', 'PURCHASE', 'FEEDBACK')";
    static final String RESOLUTION_PROBLEM = "CASE"
            + " WHEN %1$s.status IN ('RESOLVED', 'CLOSED') AND (%1$s.resolved_at IS NULL"
            + " OR %1$s.first_resolved_at IS NULL) THEN 'MISSING_RESOLUTION_TIME'"
            + " WHEN %1$s.first_resolved_at < %1$s.created_at OR %1$s.resolved_at < %1$s.created_at"
            + " THEN 'RESOLVED_BEFORE_CREATED'"
            + " WHEN %1$s.resolved_at < %1$s.first_resolved_at THEN 'RESOLUTIONS_OUT_OF_ORDER'"
            + " WHEN %1$s.reopen_count > 0 AND %1$s.first_resolved_at IS NULL THEN 'REOPENED_WITHOUT_RESOLUTION'"
            + " END";

    /** One figure: numerator, denominator, exclusions by reason name, and the statistics computed here. */
    public record Figure(BigDecimal numerator, BigDecimal denominator, Map<String, Long> excluded,
            Map<String, BigDecimal> statistics) {
    }

    /** The label of the total in {@link #report}'s keys. */
    public static final String TOTAL = "TOTAL";

    private final DataSource dataSource;
    private final boolean h2;
    private final String prefix;
    private final String p0;
    private final String p1;
    private final String asOf;

    /**
     * The baseline over Rapport's tables.
     *
     * @param dataSource the PostgreSQL database
     * @param prefix the tables' prefix
     * @param from the period's start
     * @param to the period's end (exclusive)
     * @param asOf the moment the report is computed at
     */
    public HandWrittenKpiSql(DataSource dataSource, String prefix, Instant from, Instant to, Instant asOf) {
        this(dataSource, false, prefix, from, to, asOf);
    }

    private HandWrittenKpiSql(DataSource dataSource, boolean h2, String prefix, Instant from, Instant to,
            Instant asOf) {
        this.dataSource = dataSource;
        this.h2 = h2;
        this.prefix = prefix;
        String literal = h2 ? "TIMESTAMP WITH TIME ZONE '" : "TIMESTAMPTZ '";
        this.p0 = literal + from + "'";
        this.p1 = literal + to + "'";
        this.asOf = literal + asOf + "'";
        this.from = from;
        this.to = to;
    }

    /**
     * The baseline written for H2 (see {@link HandWrittenKpiSqlH2} for what differs from PostgreSQL's).
     *
     * @param dataSource the H2 database
     * @param prefix the tables' prefix
     * @param from the period's start
     * @param to the period's end (exclusive)
     * @param asOf the moment the report is computed at
     */
    public static HandWrittenKpiSql forH2(DataSource dataSource, String prefix, Instant from, Instant to,
            Instant asOf) {
        return new HandWrittenKpiSql(dataSource, true, prefix, from, to, asOf);
    }

    private final Instant from;
    private final Instant to;

    private String t(String table) {
        return prefix + table;
    }

    private String micros(String from, String to) {
        if (h2) {
            return "DATEDIFF(MICROSECOND, " + from + ", " + to + ")";
        }
        return "CAST(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) * 1000000 AS BIGINT)";
    }

    /**
     * The full report: for each KPI code, the figure of the total ({@link #TOTAL}) and, when by channel, one per
     * channel ({@code (none)} for records without one).
     */
    public Map<String, Map<String, Figure>> report(boolean byChannel) {
        Map<String, Map<String, Acc>> acc = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            if (!h2) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            for (String sql : statements(byChannel)) {
                HandWrittenFigures.read(st, sql, acc);
            }
            if (h2) {
                HandWrittenKpiSqlH2 walks = new HandWrittenKpiSqlH2(st, prefix, from, to, byChannel);
                walks.nextReplies(acc);
                walks.repeatContacts(acc);
                walks.backlog(acc);
                walks.revenueAfterService(acc);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("hand-written KPI SQL failed", e);
        }
        return HandWrittenFigures.figures(acc, byChannel);
    }

    // ----------------------------------------------------------------------------------------------- SQL

    /** The seven statements of the report, in the order they run. */
    java.util.List<String> statements(boolean byChannel) {
        if (h2) {
            return java.util.stream.Stream.of(aggregate(feedbackFacts(), byChannel),
                    aggregate(caseFacts(), byChannel), aggregate(uncategorisedFacts(), byChannel),
                    aggregate(interactionFacts(), byChannel), aggregate(customerFacts(), false))
                    .map(HandWrittenKpiSqlH2::translate).toList();
        }
        return java.util.List.of(aggregate(feedbackFacts(), byChannel), aggregate(caseFacts(), byChannel),
                aggregate(nextReplyFacts(), byChannel), repeatContacts(byChannel),
                aggregate(interactionFacts(), byChannel), aggregate(backlogFacts(), byChannel),
                aggregate(customerFacts(), false));
    }

    /**
     * Groups facts (kpi, g, reason, m numeric, d bigint, s1..s6) by KPI, reason and (for the groups) channel.
     */
    private String aggregate(String facts, boolean byChannel) {
        if (h2 && byChannel) {
            // no GROUPING SETS on H2: the total and the groups by two aggregates of the same facts
            return "SELECT * FROM (" + aggregate(facts, false) + ") t UNION ALL " + aggregate(facts, false)
                    .replace("1 AS tot, CAST(NULL AS TEXT) AS g", "0 AS tot, g")
                    .replace("GROUP BY kpi, reason", "GROUP BY kpi, g, reason");
        }
        String group = byChannel ? "GROUPING(g) AS tot, g" : "1 AS tot, CAST(NULL AS TEXT) AS g";
        String by = byChannel ? "GROUP BY GROUPING SETS ((kpi, reason), (kpi, g, reason))" : "GROUP BY kpi, reason";
        return "SELECT kpi, " + group + ", reason, COUNT(*) AS n, SUM(m) AS m_sum, SUM(d) AS d_sum, MIN(d) AS d_min,"
                + " MAX(d) AS d_max, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d) AS p50,"
                + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY d) AS p90, SUM(s1) AS s1, SUM(s2) AS s2,"
                + " SUM(s3) AS s3, SUM(s4) AS s4, SUM(s5) AS s5, SUM(s6) AS s6 FROM (" + facts + ") f " + by;
    }

    private static String nulls(int from) {
        StringBuilder s = new StringBuilder();
        for (int n = from; n <= 6; n++) {
            s.append(", CAST(NULL AS INTEGER) AS s").append(n);
        }
        return s.toString();
    }

    /** CSAT, mean CSAT, NPS and CES from one scan of the period's ratings. */
    private String feedbackFacts() {
        String good = "CASE WHEN f.scale_direction = 'HIGHER_IS_BETTER' THEN f.score - f.scale_min"
                + " ELSE f.scale_max - f.score END";
        String onScale = "f.scale_min < f.scale_max AND f.score BETWEEN f.scale_min AND f.scale_max AND (f.metric <> 'NPS'"
                + " OR (f.scale_min = 0 AND f.scale_max = 10 AND f.scale_direction = 'HIGHER_IS_BETTER'))";
        return "SELECT LOWER(f.metric) AS kpi, COALESCE(f.channel, k.origin_channel) AS g,"
                + " CASE WHEN NOT (" + onScale + ") THEN 'SCORE_OFF_SCALE' END AS reason,"
                + " CASE WHEN " + onScale + " THEN CASE f.metric"
                + " WHEN 'CSAT' THEN 1 + 4 * CAST(" + good + " AS NUMERIC) / (f.scale_max - f.scale_min)"
                + " WHEN 'CES' THEN CAST(" + good + " AS NUMERIC) / (f.scale_max - f.scale_min) END END AS m,"
                + " CAST(NULL AS BIGINT) AS d,"
                + " CASE WHEN f.metric = 'CSAT' AND (" + good + ") * 4 >= 3 * (f.scale_max - f.scale_min) THEN 1"
                + " WHEN f.metric = 'NPS' AND f.score >= 9 THEN 1 ELSE 0 END AS s1,"
                + " CASE WHEN f.metric = 'NPS' AND f.score <= 6 THEN 1 ELSE 0 END AS s2" + nulls(3)
                + " FROM " + t("feedback") + " f LEFT JOIN " + t("support_case") + " k ON k.id = f.case_id"
                + " WHERE f.received_at >= " + p0 + " AND f.received_at < " + p1;
    }

    /** Reply and resolution KPIs of the cases created in the period, from one join with their replies. */
    private String caseFacts() {
        String full = "CASE WHEN c.status IN ('RESOLVED', 'CLOSED') THEN c.resolved_at END";
        String replied = "COALESCE(r.first_reply, c.first_reply_at)";
        String problem = RESOLUTION_PROBLEM.formatted("c");
        String unresolved = "CASE WHEN c.first_resolved_at IS NULL THEN 'UNRESOLVED' END";
        return "SELECT v.kpi, c.origin_channel AS g, v.reason, CAST(NULL AS NUMERIC) AS m,"
                + " CASE WHEN v.reason IS NULL THEN v.d END AS d, v.s1" + nulls(2)
                + " FROM " + t("support_case") + " c LEFT JOIN (SELECT x.case_id, MIN(x.occurred_at) AS first_reply,"
                + " COUNT(*) AS replies FROM " + t("interaction") + " x JOIN " + t("support_case") + " p ON p.id = x.case_id"
                + " WHERE " + HUMAN_REPLY.formatted("x") + " AND p.created_at >= " + p0 + " AND p.created_at < " + p1
                + " GROUP BY x.case_id) r ON r.case_id = c.id"
                + " CROSS JOIN LATERAL (VALUES"
                + " ('first_reply_time', CASE WHEN " + replied + " IS NULL THEN 'NOT_YET_REPLIED' WHEN " + replied
                + " < c.created_at THEN 'REPLIED_BEFORE_CREATED' WHEN c.reopen_count = 0 AND " + replied
                + " > c.first_resolved_at THEN 'REPLIED_AFTER_RESOLVED' END, " + micros("c.created_at", replied) + ", 0),"
                + " ('first_resolution_time', COALESCE(" + problem + ", " + unresolved + "), "
                + micros("c.created_at", "c.first_resolved_at") + ", 0),"
                + " ('full_resolution_time', COALESCE(" + problem + ", CASE WHEN " + full
                + " IS NULL THEN 'UNRESOLVED' END), " + micros("c.created_at", full) + ", 0),"
                + " ('reopen_rate', COALESCE(" + problem + ", " + unresolved + "), CAST(NULL AS BIGINT),"
                + " CASE WHEN c.reopen_count > 0 THEN 1 ELSE 0 END),"
                + " ('first_contact_resolution', COALESCE(" + problem + ", " + unresolved
                + ", CASE WHEN r.first_reply < c.created_at THEN 'REPLIED_BEFORE_CREATED' WHEN c.reopen_count = 0 AND "
                + replied + " > c.first_resolved_at THEN 'REPLIED_AFTER_RESOLVED' END), CAST(NULL AS BIGINT),"
                + " CASE WHEN c.reopen_count = 0 AND r.replies = 1 THEN 1 ELSE 0 END)"
                + ") v(kpi, reason, d, s1)"
                + " WHERE c.created_at >= " + p0 + " AND c.created_at < " + p1;
    }

    /**
     * Next reply waits: replies, customer messages and resolution instants of each case in time order (at one instant
     * interactions first); a running count of replies and resolutions cuts the timeline into segments, a wait is the
     * first customer message of a segment after the first reply, and it ends with a duration when the next segment
     * starts with a reply, without one when it starts with a resolution, and is still open when none follows.
     */
    private String nextReplyFacts() {
        return "WITH pc AS MATERIALIZED (SELECT id, created_at, origin_channel, history, first_resolved_at, resolved_at"
                + " FROM " + t("support_case") + " WHERE created_at >= " + p0 + " AND created_at < " + p1 + "),"
                + " ev AS (SELECT x.case_id, x.occurred_at AS at, 0 AS ord, x.id,"
                + " CASE WHEN " + HUMAN_REPLY.formatted("x") + " THEN 'R' ELSE 'M' END AS typ"
                + " FROM " + t("interaction") + " x JOIN pc ON pc.id = x.case_id WHERE (" + HUMAN_REPLY.formatted("x")
                + ") OR (" + CUSTOMER_MESSAGE.formatted("x") + ")"
                + " UNION ALL SELECT pc.id, r.at, 1, NULL, 'X' FROM pc CROSS JOIN LATERAL ("
                + " SELECT CAST(e ->> 'at' AS TIMESTAMPTZ) AS at FROM jsonb_array_elements(CAST(pc.history AS JSONB)) e"
                + " WHERE e ->> 'to' = 'RESOLVED' UNION SELECT pc.first_resolved_at WHERE pc.first_resolved_at IS NOT NULL"
                + " UNION SELECT pc.resolved_at WHERE pc.resolved_at IS NOT NULL) r),"
                + " w AS (SELECT case_id, at, typ, COUNT(*) FILTER (WHERE typ <> 'M') OVER o AS closers,"
                + " COUNT(*) FILTER (WHERE typ = 'R') OVER o AS replies FROM ev"
                + " WINDOW o AS (PARTITION BY case_id ORDER BY at, ord, id ROWS UNBOUNDED PRECEDING)),"
                + " bad AS (SELECT DISTINCT ev.case_id FROM ev JOIN pc ON pc.id = ev.case_id"
                + " WHERE ev.typ = 'R' AND ev.at < pc.created_at),"
                + " waits AS (SELECT case_id, closers, MIN(at) AS since FROM w WHERE typ = 'M' AND replies >= 1"
                + " GROUP BY case_id, closers)"
                + " SELECT 'next_reply_time' AS kpi, pc.origin_channel AS g,"
                + " CASE WHEN e.case_id IS NULL THEN 'AWAITING_REPLY' END AS reason, CAST(NULL AS NUMERIC) AS m,"
                + " CASE WHEN e.case_id IS NOT NULL THEN " + micros("wt.since", "e.at") + " END AS d" + nulls(1)
                + " FROM waits wt JOIN pc ON pc.id = wt.case_id"
                + " LEFT JOIN w e ON e.case_id = wt.case_id AND e.typ <> 'M' AND e.closers = wt.closers + 1"
                + " WHERE (e.case_id IS NULL OR e.typ = 'R') AND NOT EXISTS (SELECT 1 FROM bad WHERE bad.case_id = wt.case_id)"
                + " UNION ALL SELECT 'next_reply_time', pc.origin_channel, 'REPLIED_BEFORE_CREATED', NULL, NULL"
                + nulls(1).replaceAll(" AS s\\d", "") + " FROM bad JOIN pc ON pc.id = bad.case_id";
    }

    /**
     * Repeat contacts: every categorised contact up to the period's end numbered per customer and category in time
     * order, walked by a recursive query that carries each chain's window start; uncategorised contacts of the period
     * are counted as exclusions.
     */
    /** The uncategorised contacts of the period, counted as the repeat contact rate's exclusions. */
    private String uncategorisedFacts() {
        return "SELECT 'repeat_contact_rate' AS kpi, c.origin_channel AS g, 'UNCATEGORISED' AS reason,"
                + " CAST(NULL AS NUMERIC) AS m, CAST(NULL AS BIGINT) AS d" + nulls(1) + " FROM " + t("support_case")
                + " c WHERE c.category IS NULL AND c.created_at >= " + p0 + " AND c.created_at < " + p1
                + " UNION ALL SELECT 'repeat_contact_rate', i.channel, 'UNCATEGORISED', NULL, NULL"
                + nulls(1).replaceAll(" AS s\\d", "") + " FROM " + t("interaction") + " i WHERE i.case_id IS NULL AND "
                + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NULL AND i.occurred_at >= " + p0
                + " AND i.occurred_at < " + p1;
    }

    private String repeatContacts(boolean byChannel) {
        String contacts = "SELECT c.customer_id, c.category, c.created_at AS at, c.id, c.origin_channel AS g,"
                + " c.created_at >= " + p0 + " AS in_period FROM " + t("support_case") + " c"
                + " WHERE c.category IS NOT NULL AND c.created_at < " + p1
                + " UNION ALL SELECT i.customer_id, i.reason, i.occurred_at, i.id, i.channel, i.occurred_at >= " + p0
                + " FROM " + t("interaction") + " i WHERE i.case_id IS NULL AND " + CUSTOMER_MESSAGE.formatted("i")
                + " AND i.reason IS NOT NULL AND i.occurred_at < " + p1;
        String facts = "SELECT 'repeat_contact_rate' AS kpi, ct.g, CAST(NULL AS TEXT) AS reason, CAST(NULL AS NUMERIC) AS m,"
                + " CAST(NULL AS BIGINT) AS d, CASE WHEN walk.repeat THEN 1 ELSE 0 END AS s1" + nulls(2)
                + " FROM walk JOIN ct ON ct.customer_id = walk.customer_id AND ct.category = walk.category"
                + " AND ct.rn = walk.rn WHERE ct.in_period"
                + " UNION ALL SELECT 'repeat_contact_rate', c.origin_channel, 'UNCATEGORISED', NULL, NULL, NULL"
                + nulls(2).replaceAll(" AS s\\d", "") + " FROM " + t("support_case") + " c WHERE c.category IS NULL"
                + " AND c.created_at >= " + p0 + " AND c.created_at < " + p1
                + " UNION ALL SELECT 'repeat_contact_rate', i.channel, 'UNCATEGORISED', NULL, NULL, NULL"
                + nulls(2).replaceAll(" AS s\\d", "") + " FROM " + t("interaction") + " i WHERE i.case_id IS NULL AND "
                + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NULL AND i.occurred_at >= " + p0
                + " AND i.occurred_at < " + p1;
        String aggregated = aggregate(facts, byChannel);
        return "WITH RECURSIVE ct AS MATERIALIZED (SELECT customer_id, category, at, g, in_period,"
                + " ROW_NUMBER() OVER (PARTITION BY customer_id, category ORDER BY at, id) AS rn FROM (" + contacts
                + ") x), walk AS (SELECT customer_id, category, rn, at AS window_start, FALSE AS repeat FROM ct"
                + " WHERE rn = 1 UNION ALL SELECT n.customer_id, n.category, n.rn,"
                + " CASE WHEN n.at < w.window_start + INTERVAL '604800 seconds' THEN w.window_start ELSE n.at END,"
                + " n.at < w.window_start + INTERVAL '604800 seconds' FROM walk w JOIN ct n"
                + " ON n.customer_id = w.customer_id AND n.category = w.category AND n.rn = w.rn + 1) "
                + aggregated;
    }

    /**
     * Handle time, compliments, contacts per channel, containment, purchases and revenue after service from one scan
     * of the period.
     */
    private String interactionFacts() {
        String negative = "i.talk_nanos < 0 OR i.hold_nanos < 0 OR i.after_contact_work_nanos < 0";
        String automated = "i.channel IN ('chatbot', 'ivr', 'self_service')";
        String purchaseProblem = "CASE WHEN i.amount IS NULL OR i.currency IS NULL THEN 'MISSING_AMOUNT'"
                + " WHEN i.currency <> 'EUR' THEN 'OTHER_CURRENCY' END";
        String resolvedIn = "%1$s > i.occurred_at - INTERVAL '2592000 seconds' AND %1$s <= i.occurred_at";
        String afterService = h2 ? "NULL" : "EXISTS (SELECT 1 FROM " + t("support_case") + " k WHERE k.customer_id = i.customer_id"
                + " AND k.created_at <= i.occurred_at AND (" + resolvedIn.formatted("k.first_resolved_at") + " OR "
                + resolvedIn.formatted("k.resolved_at") + " OR EXISTS (SELECT 1 FROM"
                + " jsonb_array_elements(CAST(k.history AS JSONB)) e WHERE e ->> 'to' = 'RESOLVED' AND "
                + resolvedIn.formatted("CAST(e ->> 'at' AS TIMESTAMPTZ)") + ")))";
        String humanContact = "EXISTS (SELECT 1 FROM " + t("interaction") + " h WHERE h.customer_id = i.customer_id"
                + " AND h.occurred_at >= i.occurred_at AND h.occurred_at < i.occurred_at + INTERVAL '86400 seconds'"
                + " AND h.handled_by = 'HUMAN' AND h.visibility = 'PUBLIC' AND h.kind NOT IN ('NOTE', 'PURCHASE',"
                + " 'FEEDBACK') AND h.channel NOT IN ('chatbot', 'ivr', 'self_service'))";
        String automatedContact = CUSTOMER_MESSAGE.formatted("i") + " AND (" + automated + " OR i.handled_by = 'BOT')";
        return "WITH r AS MATERIALIZED (SELECT i.channel, i.kind, i.occurred_at, i.handled_by, i.talk_nanos,"
                + " i.hold_nanos, i.after_contact_work_nanos, i.amount, " + purchaseProblem + " AS purchase_problem,"
                + " CASE WHEN i.kind = 'PURCHASE' AND " + purchaseProblem + " IS NULL THEN " + afterService
                + " END AS after_service, CASE WHEN " + automatedContact + " THEN NOT " + humanContact
                + " END AS contained, CASE WHEN " + CUSTOMER_MESSAGE.formatted("i") + " THEN 1 ELSE 0 END AS contact"
                + " FROM " + t("interaction") + " i"
                + " WHERE i.occurred_at >= " + p0 + " AND i.occurred_at < " + p1
                + " AND (i.talk_nanos IS NOT NULL OR i.kind IN ('COMPLIMENT', 'PURCHASE') OR ("
                + CUSTOMER_MESSAGE.formatted("i") + ")))"
                + " SELECT v.kpi, i.channel AS g, v.reason, v.m, CAST(NULL AS BIGINT) AS d, v.s1, v.s2, v.s3"
                + nulls(4) + " FROM r i CROSS JOIN LATERAL (VALUES"
                + " (CASE WHEN i.talk_nanos IS NOT NULL THEN 'average_handle_time' END,"
                + " CASE WHEN " + negative + " THEN 'NEGATIVE_HANDLE_TIME' WHEN i.handled_by <> 'HUMAN'"
                + " THEN 'AUTOMATED_HANDLING' END,"
                + " CAST(i.talk_nanos / 1000 + i.hold_nanos / 1000 + i.after_contact_work_nanos / 1000 AS NUMERIC),"
                + " i.talk_nanos / 1000, CAST(i.hold_nanos / 1000 AS NUMERIC), i.after_contact_work_nanos / 1000),"
                + " (CASE WHEN i.kind = 'COMPLIMENT' THEN 'compliments' END, NULL, NULL, NULL, NULL, NULL),"
                + " (CASE WHEN i.contact = 1 THEN 'inbound_contacts' END, NULL, NULL, NULL, NULL, NULL),"
                + " (CASE WHEN i.contained IS NOT NULL THEN 'containment_rate' END,"
                + " CASE WHEN i.occurred_at > " + asOf + " - INTERVAL '86400 seconds' THEN 'WINDOW_OPEN' END, NULL,"
                + " CASE WHEN i.contained THEN 1 ELSE 0 END, NULL, NULL),"
                + " (CASE WHEN " + (h2 ? "1 = 0" : "i.kind = 'PURCHASE'") + " THEN 'revenue_after_service' END,"
                + " i.purchase_problem, i.amount,"
                + " CASE WHEN i.after_service THEN 1 ELSE 0 END, CASE WHEN i.after_service THEN i.amount END, NULL)"
                + ") v(kpi, reason, m, s1, s2, s3) WHERE v.kpi IS NOT NULL";
    }

    /** The backlog at the period's end: status at that moment and consistency from the history as jsonb. */
    private String backlogFacts() {
        StringBuilder bands = new StringBuilder();
        String age = micros("c.created_at", p1);
        String band = "(" + java.util.Arrays.stream(BAND_SECONDS).mapToObj(
                s -> "CASE WHEN " + age + " >= " + s + "000000 THEN 1 ELSE 0 END").reduce((a, b) -> a + " + " + b)
                .orElseThrow() + ")";
        for (int n = 0; n < 6; n++) {
            bands.append(", CASE WHEN h.consistent THEN CASE WHEN ").append(band).append(" = ").append(n)
                    .append(" THEN 1 ELSE 0 END END AS s").append(n + 1);
        }
        return "SELECT 'backlog' AS kpi, c.origin_channel AS g,"
                + " CASE WHEN NOT h.consistent THEN 'INCONSISTENT_HISTORY' END AS reason, CAST(NULL AS NUMERIC) AS m,"
                + " CASE WHEN h.consistent THEN " + age + " END AS d" + bands
                + " FROM " + t("support_case") + " c CROSS JOIN LATERAL (SELECT CAST(c.history AS JSONB) AS j) hj"
                + " CROSS JOIN LATERAL (SELECT COALESCE(bool_and(CAST(e ->> 'at' AS TIMESTAMPTZ) >= c.created_at"
                + " AND (o = 1 OR (CAST(e ->> 'at' AS TIMESTAMPTZ) >= CAST(hj.j -> CAST(o - 2 AS INTEGER) ->> 'at'"
                + " AS TIMESTAMPTZ) AND e ->> 'from' = hj.j -> CAST(o - 2 AS INTEGER) ->> 'to'))), TRUE)"
                + " AND COALESCE(hj.j -> -1 ->> 'to', c.status) = c.status AS consistent,"
                + " MAX(o) FILTER (WHERE CAST(e ->> 'at' AS TIMESTAMPTZ) < " + p1 + ") AS last_before"
                + " FROM jsonb_array_elements(hj.j) WITH ORDINALITY AS x(e, o)) h"
                + " WHERE c.created_at < " + p1 + " AND (NOT h.consistent OR COALESCE(hj.j -> CAST(h.last_before - 1 AS"
                + " INTEGER) ->> 'to', hj.j -> 0 ->> 'from', c.status) NOT IN ('RESOLVED', 'CLOSED'))";
    }

    /** Customer KPIs from the customers and one aggregate of their purchases up to the period's end. */
    private String customerFacts() {
        String year = "INTERVAL '31536000 seconds'";
        String aS = "CASE WHEN cu.created_at < " + p0 + " AND (cu.created_at >= " + p0 + " - " + year
                + " OR COALESCE(p.active_at_start, FALSE)) THEN 1 ELSE 0 END";
        String aE = "CASE WHEN cu.created_at >= " + p1 + " - " + year
                + " OR COALESCE(p.active_at_end, FALSE) THEN 1 ELSE 0 END";
        String early = "CASE WHEN cu.created_at < " + p0 + " THEN 1 ELSE 0 END";
        String hasAcquisition = "cu.acquisition_cost IS NOT NULL AND cu.acquisition_currency IS NOT NULL";
        return "SELECT v.kpi, CAST(NULL AS TEXT) AS g, v.reason, v.m, CAST(NULL AS BIGINT) AS d, v.s1, v.s2, v.s3,"
                + " v.s4, v.s5, CAST(NULL AS INTEGER) AS s6"
                + " FROM " + t("customer") + " cu LEFT JOIN (SELECT customer_id,"
                + " bool_or(occurred_at >= " + p0 + " - " + year + " AND occurred_at < " + p0 + ") AS active_at_start,"
                + " bool_or(occurred_at >= " + p1 + " - " + year + ") AS active_at_end,"
                + " COUNT(*) FILTER (WHERE occurred_at >= " + p1 + " - " + year + ") AS in_loyalty_window,"
                + " COUNT(*) FILTER (WHERE amount IS NULL OR currency IS NULL) AS missing,"
                + " COUNT(*) FILTER (WHERE amount IS NOT NULL AND currency <> 'EUR') AS other,"
                + " SUM(amount) FILTER (WHERE currency = 'EUR') AS revenue,"
                + " bool_or(occurred_at >= " + p0 + " AND amount IS NOT NULL AND currency = 'EUR') AS purchaser"
                + " FROM " + t("interaction") + " WHERE kind = 'PURCHASE' AND occurred_at < " + p1
                + " GROUP BY customer_id) p ON p.customer_id = cu.id"
                + " CROSS JOIN LATERAL (VALUES"
                + " ('customer_base', CASE WHEN cu.status = 'PROSPECT' THEN 'PROSPECT' END, CAST(NULL AS NUMERIC),"
                + " " + aS + ", " + aE + ", " + aS + " * " + aE + ", CASE WHEN " + aS + " = 0 AND " + aE + " = 1 AND "
                + early + " = 0 THEN 1 ELSE 0 END, CASE WHEN " + aS + " = 0 AND " + aE + " = 1 AND " + early
                + " = 1 THEN 1 ELSE 0 END),"
                + " (CASE WHEN p.in_loyalty_window > 0 THEN 'loyal_customer_share' END, NULL, NULL,"
                + " CASE WHEN p.in_loyalty_window >= 2 THEN 1 ELSE 0 END, NULL, NULL, NULL, NULL),"
                + " ('historic_lifetime_value', CASE WHEN cu.status = 'PROSPECT' THEN 'PROSPECT'"
                + " WHEN p.missing > 0 THEN 'MISSING_AMOUNT' WHEN p.other > 0 OR (" + hasAcquisition
                + " AND cu.acquisition_currency <> 'EUR') THEN 'OTHER_CURRENCY' END,"
                + " COALESCE(p.revenue, 0) - CASE WHEN " + hasAcquisition + " THEN cu.acquisition_cost ELSE 0 END,"
                + " NULL, NULL, NULL, NULL, NULL),"
                + " (CASE WHEN p.purchaser THEN 'purchasers' END, NULL, NULL, 1, NULL, NULL, NULL, NULL)"
                + ") v(kpi, reason, m, s1, s2, s3, s4, s5)"
                + " WHERE v.kpi IS NOT NULL AND cu.created_at < " + p1;
    }

    // ----------------------------------------------------------------------------------------------- figures

    /** The sums of one KPI in one group. */
    static final class Acc {
        long n;
        BigDecimal m = BigDecimal.ZERO;
        long d;
        Long dMin;
        Long dMax;
        BigDecimal p50;
        BigDecimal p90;
        final long[] s = new long[7];
        final BigDecimal[] sd = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO};
        final Map<String, Long> excluded = new TreeMap<>();
    }
}
