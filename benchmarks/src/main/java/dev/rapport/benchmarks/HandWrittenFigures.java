package dev.rapport.benchmarks;

import static dev.rapport.benchmarks.HandWrittenKpiSql.*;

import dev.rapport.benchmarks.HandWrittenKpiSql.Acc;
import dev.rapport.benchmarks.HandWrittenKpiSql.Figure;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Turns the sums the hand-written statements read into the report's figures, as {@link HandWrittenKpiSql} returns them. */
final class HandWrittenFigures {

    private HandWrittenFigures() {
    }

    static void read(Statement st, String sql, Map<String, Map<String, Acc>> acc) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String g = rs.getString("g");
                String label = rs.getInt("tot") == 1 ? TOTAL : g == null ? "(none)" : g;
                Acc a = acc.computeIfAbsent(rs.getString("kpi"), k -> new TreeMap<>()).computeIfAbsent(label,
                        k -> new Acc());
                String reason = rs.getString("reason");
                long n = rs.getLong("n");
                if (reason != null) {
                    a.excluded.merge(reason, n, Long::sum);
                    continue;
                }
                a.n += n;
                BigDecimal m = rs.getBigDecimal("m_sum");
                a.m = m == null ? a.m : a.m.add(m);
                a.d += rs.getLong("d_sum");
                long min = rs.getLong("d_min");
                if (!rs.wasNull()) {
                    a.dMin = min;
                    a.dMax = rs.getLong("d_max");
                    a.p50 = rs.getBigDecimal("p50");
                    a.p90 = rs.getBigDecimal("p90");
                }
                for (int k = 1; k <= 6; k++) {
                    BigDecimal sum = rs.getBigDecimal("s" + k);
                    if (sum != null) {
                        a.sd[k] = a.sd[k].add(sum);
                        a.s[k] = a.sd[k].longValue();
                    }
                }
            }
        }
    }

    static Map<String, Map<String, Figure>> figures(Map<String, Map<String, Acc>> acc, boolean byChannel) {
        Map<String, Map<String, Figure>> out = new TreeMap<>();
        Map<String, Acc> none = Map.of();
        acc.getOrDefault("csat", none).forEach((g, a) -> {
            put(out, "csat", g, figure(a.s[1], a.n, a, "rated", a.n, "satisfied", a.s[1]));
            put(out, "csat_mean", g, new Figure(a.m, big(a.n), a.excluded, Map.of()));
        });
        acc.getOrDefault("nps", none).forEach((g, a) -> put(out, "nps", g,
                figure(a.s[1] - a.s[2], a.n, a, "promoters", a.s[1], "detractors", a.s[2])));
        acc.getOrDefault("ces", none).forEach((g, a) -> put(out, "ces", g, new Figure(a.m, big(a.n), a.excluded,
                Map.of())));
        for (String kpi : new String[] {"first_reply_time", "next_reply_time", "first_resolution_time",
            "full_resolution_time"}) {
            acc.getOrDefault(kpi, none).forEach((g, a) -> put(out, kpi, g, new Figure(seconds(a.d), big(a.n),
                    a.excluded, durationStats("", a))));
        }
        acc.getOrDefault("reopen_rate", none).forEach((g, a) -> put(out, "reopen_rate", g,
                figure(a.s[1], a.n, a, "resolved", a.n, "reopened", a.s[1])));
        acc.getOrDefault("first_contact_resolution", none).forEach((g, a) -> put(out, "first_contact_resolution", g,
                figure(a.s[1], a.n, a, "resolved", a.n, "first_contact_resolved", a.s[1])));
        acc.getOrDefault("repeat_contact_rate", none).forEach((g, a) -> put(out, "repeat_contact_rate", g,
                figure(a.s[1], a.n, a, "contacts", a.n, "repeats", a.s[1])));
        acc.getOrDefault("containment_rate", none).forEach((g, a) -> put(out, "containment_rate", g,
                figure(a.s[1], a.n, a, "automated_contacts", a.n, "contained", a.s[1])));
        for (String kpi : new String[] {"compliments", "inbound_contacts"}) {
            acc.getOrDefault(kpi, none).forEach((g, a) -> put(out, kpi, g,
                    new Figure(big(a.n), BigDecimal.ONE, a.excluded, Map.of())));
        }
        acc.getOrDefault("average_handle_time", none).forEach((g, a) -> {
            Map<String, BigDecimal> stats = new LinkedHashMap<>();
            stats.put("talk_seconds", seconds(a.s[1]));
            stats.put("hold_seconds", seconds(a.s[2]));
            stats.put("after_contact_work_seconds", seconds(a.s[3]));
            put(out, "average_handle_time", g, new Figure(seconds(a.m.longValueExact()), big(a.n), a.excluded, stats));
        });
        acc.getOrDefault("revenue_after_service", none).forEach((g, a) -> {
            Map<String, BigDecimal> stats = new LinkedHashMap<>();
            stats.put("purchases", big(a.n));
            stats.put("purchases_after_service", big(a.s[1]));
            stats.put("revenue", a.m);
            stats.put("revenue_after_service", a.sd[2]);
            put(out, "revenue_after_service", g, new Figure(a.sd[2], a.m, a.excluded, stats));
        });
        acc.getOrDefault("backlog", none).forEach((g, a) -> {
            Map<String, BigDecimal> stats = new LinkedHashMap<>();
            if (a.n > 0) {
                stats.put("age_mean_seconds", seconds(BigDecimal.valueOf(a.d)
                        .divide(BigDecimal.valueOf(a.n), MathContext.DECIMAL64)));
            }
            stats.putAll(durationStats("age_", a));
            for (int band = 0; band < 6; band++) {
                stats.put(BAND_NAMES[band], big(a.s[band + 1]));
            }
            put(out, "backlog", g, new Figure(big(a.n), BigDecimal.ONE, a.excluded, stats));
        });
        if (!byChannel) {
            Acc base = acc.getOrDefault("customer_base", none).getOrDefault(TOTAL, new Acc());
            long atStart = base.s[1];
            long retained = base.s[3];
            long lost = atStart - retained;
            Map<String, BigDecimal> baseStats = new LinkedHashMap<>();
            baseStats.put("customers_at_start", big(atStart));
            baseStats.put("customers_at_end", big(base.s[2]));
            baseStats.put("retained", big(retained));
            baseStats.put("lost", big(lost));
            baseStats.put("new_registrations", big(base.s[4]));
            baseStats.put("reactivated", big(base.s[5]));
            put(out, "churn_rate", TOTAL, new Figure(big(lost), big(atStart), base.excluded, baseStats));
            put(out, "retention_rate", TOTAL, new Figure(big(retained), big(atStart), base.excluded, baseStats));
            Acc loyal = acc.getOrDefault("loyal_customer_share", none).getOrDefault(TOTAL, new Acc());
            put(out, "loyal_customer_share", TOTAL, figure(loyal.s[1], loyal.n, loyal, "buyers", loyal.n, "loyal",
                    loyal.s[1]));
            Acc value = acc.getOrDefault("historic_lifetime_value", none).getOrDefault(TOTAL, new Acc());
            put(out, "historic_lifetime_value", TOTAL, new Figure(value.m, big(value.n), value.excluded,
                    Map.of("customers", big(value.n))));
            Acc purchases = acc.getOrDefault("revenue_after_service", none).getOrDefault(TOTAL, new Acc());
            long purchasers = acc.getOrDefault("purchasers", none).getOrDefault(TOTAL, new Acc()).n;
            Map<String, Long> excluded = new TreeMap<>(purchases.excluded);
            base.excluded.forEach((reason, n) -> excluded.merge(reason, n, Long::sum));
            Map<String, BigDecimal> stats = new LinkedHashMap<>();
            stats.put("revenue", purchases.m);
            stats.put("orders", big(purchases.n));
            stats.put("purchasers", big(purchasers));
            put(out, "predictive_lifetime_value", TOTAL, new Figure(purchases.m.multiply(big(atStart)),
                    big(purchasers).multiply(big(lost)), excluded, stats));
        }
        return out;
    }

    static void put(Map<String, Map<String, Figure>> out, String kpi, String group, Figure figure) {
        out.computeIfAbsent(kpi, k -> new TreeMap<>()).put(group, figure);
    }

    static Figure figure(long numerator, long denominator, Acc a, String name1, long value1, String name2,
            long value2) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        stats.put(name1, big(value1));
        stats.put(name2, big(value2));
        return new Figure(big(numerator), big(denominator), a.excluded, stats);
    }

    static Map<String, BigDecimal> durationStats(String prefix, Acc a) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        if (a.n > 0 && a.dMin != null) {
            stats.put(prefix + "median_seconds", seconds(a.p50.setScale(1, RoundingMode.HALF_EVEN)));
            stats.put(prefix + "p90_seconds", seconds(a.p90.setScale(1, RoundingMode.HALF_EVEN)));
            stats.put(prefix + "min_seconds", seconds(a.dMin));
            stats.put(prefix + "max_seconds", seconds(a.dMax));
        }
        return stats;
    }

    static BigDecimal seconds(long micros) {
        return BigDecimal.valueOf(micros).divide(MILLION);
    }

    static BigDecimal seconds(BigDecimal micros) {
        return micros.divide(MILLION);
    }

    static BigDecimal big(long value) {
        return BigDecimal.valueOf(value);
    }
}
