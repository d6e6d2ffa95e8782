package dev.rapport.benchmarks;

import dev.rapport.benchmarks.HandWrittenKpiSql.Acc;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hand-written baseline does differently on H2, as someone who knows H2 would write it. H2 has no
 * {@code GROUPING SETS} (the total and the groups are two aggregates of the same facts), no {@code LATERAL}
 * ({@code CROSS JOIN LATERAL (VALUES ...)} becomes a join to a numbered list of rows with one {@code CASE} per column,
 * see {@link #translate}), and no functions that take a JSON array apart, nor a recursive query it runs in linear
 * time. So the four figures that need the status history or a walk in time order are finished in Java over one or two
 * ordered reads each: next reply waits, repeat contacts (the forward windows), the backlog (status at the period's end
 * and the history's consistency) and revenue after service (resolutions in the history). Not thread-safe; one per
 * report.
 */
final class HandWrittenKpiSqlH2 {

    private static final String HUMAN_REPLY = "%1$s.direction = 'OUTBOUND' AND %1$s.handled_by = 'HUMAN'"
            + " AND %1$s.visibility = 'PUBLIC' AND %1$s.kind <> 'NOTE'";
    private static final String CUSTOMER_MESSAGE = "%1$s.direction = 'INBOUND' AND %1$s.visibility = 'PUBLIC'"
            + " AND %1$s.kind NOT IN ('NOTE', 'PURCHASE', 'FEEDBACK')";
    private static final Duration REPEAT_WINDOW = Duration.ofSeconds(604_800);
    private static final Duration SERVICE_WINDOW = Duration.ofSeconds(2_592_000);
    private static final long[] BAND_MICROS = {86_400_000_000L, 3 * 86_400_000_000L, 7 * 86_400_000_000L,
        14 * 86_400_000_000L, 30 * 86_400_000_000L};
    private static final String LATERAL = "CROSS JOIN LATERAL (VALUES";

    private final Statement st;
    private final String prefix;
    private final String p0;
    private final String p1;
    private final Instant to;
    private final boolean byChannel;

    HandWrittenKpiSqlH2(Statement st, String prefix, Instant from, Instant to, boolean byChannel) {
        this.st = st;
        this.prefix = prefix;
        this.p0 = "TIMESTAMP WITH TIME ZONE '" + from + "'";
        this.p1 = "TIMESTAMP WITH TIME ZONE '" + to + "'";
        this.to = to;
        this.byChannel = byChannel;
    }

    // ----------------------------------------------------------------------------------------------- SQL

    /**
     * PostgreSQL's statement in H2's words: no {@code MATERIALIZED}, intervals as {@code INTERVAL 'n' SECOND},
     * {@code VARCHAR} for {@code TEXT}, {@code NUMERIC(40, 20)} for {@code NUMERIC} (H2 gives an unsized
     * {@code NUMERIC} no fraction in a {@code CASE}), and each
     * {@code CROSS JOIN LATERAL (VALUES (row), ...) v(columns)} as
     * {@code LEFT JOIN (VALUES (1), ...) v_n(n) ON TRUE} (the left join keeps the table on the outside, read once)
     * with every {@code v.column} replaced by {@code CASE v_n.n WHEN 1 THEN (row 1's expression) ... END} (named
     * {@code column} where it stands alone in the select list).
     */
    static String translate(String sql) {
        String out = sql.replace(" AS MATERIALIZED (", " AS (").replace("AS TEXT)", "AS VARCHAR)")
                .replace("AS NUMERIC)", "AS NUMERIC(40, 20))")
                .replaceAll("INTERVAL '(\\d+) seconds'", "INTERVAL '$1' SECOND");
        int at;
        while ((at = out.indexOf(LATERAL)) >= 0) {
            int pos = at + LATERAL.length();
            List<List<String>> rows = new ArrayList<>();
            while (true) {
                while (out.charAt(pos) == ' ' || out.charAt(pos) == ',') {
                    pos++;
                }
                if (out.charAt(pos) == ')') {
                    pos++;
                    break;
                }
                List<String> row = new ArrayList<>();
                pos = tuple(out, pos, row);
                rows.add(row);
            }
            while (out.charAt(pos) == ' ') {
                pos++;
            }
            int open = out.indexOf('(', pos);
            int close = out.indexOf(')', open);
            String alias = out.substring(pos, open).trim();
            String[] columns = out.substring(open + 1, close).split(",\\s*");
            StringBuilder numbers = new StringBuilder("LEFT JOIN (VALUES ");
            for (int n = 1; n <= rows.size(); n++) {
                numbers.append(n == 1 ? "" : ", ").append('(').append(n).append(')');
            }
            numbers.append(") ").append(alias).append("_n(n) ON TRUE");
            out = out.substring(0, at) + numbers + out.substring(close + 1);
            for (int c = 0; c < columns.length; c++) {
                StringBuilder expression = new StringBuilder("CASE " + alias + "_n.n");
                for (int n = 0; n < rows.size(); n++) {
                    expression.append(" WHEN ").append(n + 1).append(" THEN (").append(rows.get(n).get(c)).append(')');
                }
                expression.append(" END");
                String column = Pattern.quote(alias + "." + columns[c].trim());
                out = out.replaceAll("(?<=SELECT |, )" + column + "(?=,| FROM)",
                        Matcher.quoteReplacement(expression + " AS " + columns[c].trim()));
                out = out.replaceAll("(?<![A-Za-z0-9_.])" + Pattern.quote(alias + "." + columns[c].trim())
                        + "(?![A-Za-z0-9_])", Matcher.quoteReplacement(expression.toString()));
            }
        }
        return out;
    }

    /** Reads one parenthesised tuple at {@code pos}, splitting its top-level commas; returns the position after it. */
    private static int tuple(String sql, int pos, List<String> values) {
        int depth = 0;
        boolean quoted = false;
        int start = pos + 1;
        for (int i = pos; ; i++) {
            char ch = sql.charAt(i);
            if (quoted) {
                quoted = ch != '\'';
                continue;
            }
            switch (ch) {
                case '\'' -> quoted = true;
                case '(' -> depth++;
                case ')' -> {
                    depth--;
                    if (depth == 0) {
                        values.add(sql.substring(start, i).trim());
                        return i + 1;
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        values.add(sql.substring(start, i).trim());
                        start = i + 1;
                    }
                }
                default -> {
                }
            }
        }
    }

    private String t(String table) {
        return prefix + table;
    }

    // ----------------------------------------------------------------------------------------------- walks

    /** The accumulators a record of the group adds to: the total's, and the group's when broken down. */
    private List<Acc> targets(Map<String, Map<String, Acc>> acc, String kpi, String g) {
        Map<String, Acc> groups = acc.computeIfAbsent(kpi, k -> new TreeMap<>());
        List<Acc> out = new ArrayList<>(2);
        out.add(groups.computeIfAbsent(HandWrittenKpiSql.TOTAL, k -> new Acc()));
        if (byChannel) {
            out.add(groups.computeIfAbsent(g == null ? "(none)" : g, k -> new Acc()));
        }
        return out;
    }

    private void exclude(Map<String, Map<String, Acc>> acc, String kpi, String g, String reason) {
        for (Acc a : targets(acc, kpi, g)) {
            a.excluded.merge(reason, 1L, Long::sum);
        }
    }

    /** Durations collected per accumulator, summarised as {@code PERCENTILE_CONT} would at the end. */
    private static final class Durations {
        private final Map<Acc, long[]> values = new HashMap<>();
        private final Map<Acc, Integer> sizes = new HashMap<>();

        void add(List<Acc> targets, long micros) {
            for (Acc a : targets) {
                long[] v = values.computeIfAbsent(a, k -> new long[16]);
                int size = sizes.getOrDefault(a, 0);
                if (size == v.length) {
                    v = Arrays.copyOf(v, size * 2);
                    values.put(a, v);
                }
                v[size] = micros;
                sizes.put(a, size + 1);
                a.n++;
                a.d += micros;
            }
        }

        void finish() {
            values.forEach((a, v) -> {
                long[] sorted = Arrays.copyOf(v, sizes.get(a));
                Arrays.sort(sorted);
                a.dMin = sorted[0];
                a.dMax = sorted[sorted.length - 1];
                a.p50 = percentile(sorted, new BigDecimal("0.5"));
                a.p90 = percentile(sorted, new BigDecimal("0.9"));
            });
        }

        private static BigDecimal percentile(long[] sorted, BigDecimal p) {
            BigDecimal position = p.multiply(BigDecimal.valueOf(sorted.length - 1));
            int low = position.intValue();
            BigDecimal fraction = position.subtract(BigDecimal.valueOf(low));
            BigDecimal value = BigDecimal.valueOf(sorted[low]);
            if (fraction.signum() == 0) {
                return value;
            }
            return value.add(fraction.multiply(BigDecimal.valueOf(sorted[low + 1] - sorted[low])));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static long micros(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() * 1_000_000L + d.getNano() / 1_000;
    }

    /** A move of the history: from, to, at. */
    private record Move(String from, String to, Instant at) {
    }

    /** The history as the adapter writes it: {@code [{"from":"NEW","to":"OPEN","at":"..."}, ...]}. */
    private static List<Move> history(String json) {
        List<Move> moves = new ArrayList<>();
        int pos = 0;
        while ((pos = json.indexOf("\"from\":\"", pos)) >= 0) {
            int fromEnd = json.indexOf('"', pos + 8);
            String from = json.substring(pos + 8, fromEnd);
            int toStart = json.indexOf("\"to\":\"", fromEnd) + 6;
            int toEnd = json.indexOf('"', toStart);
            int atStart = json.indexOf("\"at\":\"", toEnd) + 6;
            int atEnd = json.indexOf('"', atStart);
            moves.add(new Move(from, json.substring(toStart, toEnd), Instant.parse(json.substring(atStart, atEnd))));
            pos = atEnd;
        }
        return moves;
    }

    /** Every instant the case was resolved: moves to resolved, first and last resolution. */
    private static TreeSet<Instant> resolutions(String history, Instant firstResolved, Instant resolved) {
        TreeSet<Instant> out = new TreeSet<>();
        for (Move m : history(history)) {
            if (m.to.equals("RESOLVED")) {
                out.add(m.at);
            }
        }
        if (firstResolved != null) {
            out.add(firstResolved);
        }
        if (resolved != null) {
            out.add(resolved);
        }
        return out;
    }

    /** The period's cases, then their replies and customer messages in time order, walked case by case. */
    void nextReplies(Map<String, Map<String, Acc>> acc) throws SQLException {
        Map<String, CaseTimes> cases = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT id, created_at, origin_channel, history, first_resolved_at,"
                + " resolved_at FROM " + t("support_case") + " WHERE created_at >= " + p0 + " AND created_at < "
                + p1)) {
            while (rs.next()) {
                cases.put(rs.getString("id"), new CaseTimes(instant(rs, "created_at"), rs.getString("origin_channel"),
                        new ArrayList<>(resolutions(rs.getString("history"), instant(rs, "first_resolved_at"),
                                instant(rs, "resolved_at")))));
            }
        }
        Durations durations = new Durations();
        try (ResultSet rs = st.executeQuery("SELECT x.case_id, x.occurred_at, CASE WHEN "
                + HUMAN_REPLY.formatted("x") + " THEN 1 ELSE 0 END AS reply FROM " + t("interaction") + " x JOIN "
                + t("support_case") + " p ON p.id = x.case_id WHERE ((" + HUMAN_REPLY.formatted("x") + ") OR ("
                + CUSTOMER_MESSAGE.formatted("x") + ")) AND p.created_at >= " + p0 + " AND p.created_at < " + p1
                + " ORDER BY x.case_id, x.occurred_at, x.id")) {
            String current = null;
            List<Instant> at = new ArrayList<>();
            List<Boolean> reply = new ArrayList<>();
            while (rs.next()) {
                String id = rs.getString("case_id");
                if (!id.equals(current)) {
                    if (current != null) {
                        walkWaits(cases.get(current), at, reply, acc, durations);
                    }
                    current = id;
                    at.clear();
                    reply.clear();
                }
                at.add(instant(rs, "occurred_at"));
                reply.add(rs.getInt("reply") == 1);
            }
            if (current != null) {
                walkWaits(cases.get(current), at, reply, acc, durations);
            }
        }
        durations.finish();
    }

    /** A case of the period, for its next reply waits. */
    private record CaseTimes(Instant created, String channel, List<Instant> resolutions) {
    }

    private void walkWaits(CaseTimes c, List<Instant> at, List<Boolean> reply, Map<String, Map<String, Acc>> acc,
            Durations durations) {
        Instant created = c.created();
        String channel = c.channel();
        List<Instant> resolutions = c.resolutions();
        for (int n = 0; n < at.size(); n++) {
            if (reply.get(n) && at.get(n).isBefore(created)) {
                exclude(acc, "next_reply_time", channel, "REPLIED_BEFORE_CREATED");
                return;
            }
        }
        int nextResolution = 0;
        boolean firstReplySeen = false;
        Instant waitingSince = null;
        for (int n = 0; n < at.size(); n++) {
            Instant when = at.get(n);
            while (nextResolution < resolutions.size() && resolutions.get(nextResolution).isBefore(when)) {
                waitingSince = null;
                nextResolution++;
            }
            if (!reply.get(n)) {
                if (firstReplySeen && waitingSince == null) {
                    waitingSince = when;
                }
            } else if (!firstReplySeen) {
                firstReplySeen = true;
            } else if (waitingSince != null) {
                durations.add(targets(acc, "next_reply_time", channel), micros(waitingSince, when));
                waitingSince = null;
            }
        }
        if (nextResolution < resolutions.size()) {
            waitingSince = null;
        }
        if (waitingSince != null) {
            exclude(acc, "next_reply_time", channel, "AWAITING_REPLY");
        }
    }

    /** Categorised contacts up to the period's end, per customer and category in time order, forward windows. */
    void repeatContacts(Map<String, Map<String, Acc>> acc) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT customer_id, category, at, g, in_period FROM (SELECT c.customer_id,"
                + " c.category, c.created_at AS at, c.id, c.origin_channel AS g, c.created_at >= " + p0
                + " AS in_period FROM " + t("support_case") + " c WHERE c.category IS NOT NULL AND c.created_at < "
                + p1 + " UNION ALL SELECT i.customer_id, i.reason, i.occurred_at, i.id, i.channel, i.occurred_at >= "
                + p0 + " FROM " + t("interaction") + " i WHERE i.case_id IS NULL AND "
                + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NOT NULL AND i.occurred_at < " + p1
                + ") x ORDER BY customer_id, category, at, id")) {
            String customer = null;
            String category = null;
            Instant windowStart = null;
            while (rs.next()) {
                String cu = rs.getString("customer_id");
                String ca = rs.getString("category");
                Instant at = instant(rs, "at");
                if (!cu.equals(customer) || !ca.equals(category)) {
                    customer = cu;
                    category = ca;
                    windowStart = null;
                }
                boolean repeat = windowStart != null && at.isBefore(windowStart.plus(REPEAT_WINDOW));
                if (!repeat) {
                    windowStart = at;
                }
                if (rs.getBoolean("in_period")) {
                    for (Acc a : targets(acc, "repeat_contact_rate", rs.getString("g"))) {
                        a.n++;
                        if (repeat) {
                            a.s[1]++;
                            a.sd[1] = a.sd[1].add(BigDecimal.ONE);
                        }
                    }
                }
            }
        }
    }

    /** Cases created before the period's end: status at that moment and the history's consistency, read here. */
    void backlog(Map<String, Map<String, Acc>> acc) throws SQLException {
        Durations ages = new Durations();
        try (ResultSet rs = st.executeQuery("SELECT created_at, status, history, origin_channel FROM "
                + t("support_case") + " WHERE created_at < " + p1)) {
            while (rs.next()) {
                Instant created = instant(rs, "created_at");
                String status = rs.getString("status");
                String channel = rs.getString("origin_channel");
                List<Move> moves = history(rs.getString("history"));
                boolean consistent = true;
                for (int n = 0; n < moves.size() && consistent; n++) {
                    Move m = moves.get(n);
                    consistent = !m.at.isBefore(created) && (n == 0 || !m.at.isBefore(moves.get(n - 1).at)
                            && m.from.equals(moves.get(n - 1).to));
                }
                consistent = consistent && (moves.isEmpty() || moves.get(moves.size() - 1).to.equals(status));
                if (!consistent) {
                    exclude(acc, "backlog", channel, "INCONSISTENT_HISTORY");
                    continue;
                }
                String then = moves.isEmpty() ? status : moves.get(0).from;
                for (Move m : moves) {
                    if (m.at.isBefore(to)) {
                        then = m.to;
                    }
                }
                if (then.equals("RESOLVED") || then.equals("CLOSED")) {
                    continue;
                }
                long age = micros(created, to);
                int band = 0;
                while (band < BAND_MICROS.length && age >= BAND_MICROS[band]) {
                    band++;
                }
                List<Acc> targets = targets(acc, "backlog", channel);
                ages.add(targets, age);
                for (Acc a : targets) {
                    a.s[band + 1]++;
                    a.sd[band + 1] = a.sd[band + 1].add(BigDecimal.ONE);
                }
            }
        }
        ages.finish();
    }

    /** The customers' resolutions, then the period's purchases, each checked against its customer's resolutions. */
    void revenueAfterService(Map<String, Map<String, Acc>> acc) throws SQLException {
        record Resolved(Instant created, TreeSet<Instant> at) {
        }
        Map<String, List<Resolved>> byCustomer = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT customer_id, created_at, history, first_resolved_at, resolved_at"
                + " FROM " + t("support_case") + " WHERE created_at < " + p1)) {
            while (rs.next()) {
                TreeSet<Instant> at = resolutions(rs.getString("history"), instant(rs, "first_resolved_at"),
                        instant(rs, "resolved_at"));
                if (!at.isEmpty()) {
                    byCustomer.computeIfAbsent(rs.getString("customer_id"), k -> new ArrayList<>())
                            .add(new Resolved(instant(rs, "created_at"), at));
                }
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT channel, customer_id, occurred_at, amount, currency FROM "
                + t("interaction") + " WHERE kind = 'PURCHASE' AND occurred_at >= " + p0 + " AND occurred_at < "
                + p1)) {
            while (rs.next()) {
                String channel = rs.getString("channel");
                BigDecimal amount = rs.getBigDecimal("amount");
                String currency = rs.getString("currency");
                if (amount == null || currency == null) {
                    exclude(acc, "revenue_after_service", channel, "MISSING_AMOUNT");
                    continue;
                }
                if (!currency.equals("EUR")) {
                    exclude(acc, "revenue_after_service", channel, "OTHER_CURRENCY");
                    continue;
                }
                Instant at = instant(rs, "occurred_at");
                Instant since = at.minus(SERVICE_WINDOW);
                boolean after = false;
                for (Resolved r : byCustomer.getOrDefault(rs.getString("customer_id"), List.of())) {
                    if (!r.created.isAfter(at)) {
                        Instant last = r.at.floor(at);
                        if (last != null && last.isAfter(since)) {
                            after = true;
                            break;
                        }
                    }
                }
                for (Acc a : targets(acc, "revenue_after_service", channel)) {
                    a.n++;
                    a.m = a.m.add(amount);
                    if (after) {
                        a.s[1]++;
                        a.sd[1] = a.sd[1].add(BigDecimal.ONE);
                        a.sd[2] = a.sd[2].add(amount);
                    }
                }
            }
        }
    }
}
