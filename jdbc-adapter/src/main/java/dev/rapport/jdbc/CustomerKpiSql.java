package dev.rapport.jdbc;

import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.CustomerBase;
import dev.rapport.spi.kpi.CustomerValue;
import dev.rapport.spi.kpi.Loyalty;
import dev.rapport.spi.kpi.PurchaseTotals;
import dev.rapport.spi.kpi.RevenueAfterService;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer questions in SQL: the customer base, purchases, loyalty, customer value and revenue after
 * service. Part of {@link JdbcKpiQueries}.
 */
final class CustomerKpiSql extends KpiSql {

    CustomerKpiSql(Db db, Names names) {
        super(db, names);
    }

    // ----------------------------------------------------------------------------------------------- customers

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

    public Tallies<PurchaseTotals> purchases(Currency currency, Slice slice) {
        Objects.requireNonNull(currency, "currency");
        Sql records = purchaseRecords(slice, currency, " JOIN " + customers + " pc ON pc.id = i.customer_id");
        Sql sql = sql().add("SELECT g, reason, COUNT(*) AS n, SUM(amount) AS revenue, COUNT(DISTINCT customer_id)"
                + " AS purchasers FROM (").add(records).add(") r GROUP BY g, reason");
        KpiGroups<PurchaseTotals[]> groups = new KpiGroups<>(slice, () -> new PurchaseTotals[] {PurchaseTotals.EMPTY});
        readGroups(sql, slice, groups, "n", (totals, row) -> totals[0] = new PurchaseTotals(row.bigint("n"),
                row.decimal("revenue"), row.bigint("purchasers")));
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
                .add(extraJoin).add(interactionJoins(slice)).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.kind = 'PURCHASE' AND ")
                .add(period("i.occurred_at", slice.period()));
    }

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
                .text(" SUM(CASE WHEN x.kind = 'PURCHASE' AND x.currency = ? THEN x.amount END) AS revenue,", code);
        if (cost.isNone()) {
            // contacts, handle time and its validity enter only a cost to serve: not summed without one
            perCustomer.add(" 0 AS contacts, 0 AS negative, 0 AS handle_micros FROM " + interactions + " x")
                    .instant(" WHERE x.occurred_at < ?", at).add(" AND x.kind = 'PURCHASE'");
        } else {
            perCustomer.add(" SUM(CASE WHEN x.case_id IS NULL AND " + CUSTOMER_MESSAGE.formatted("x")
                            + " THEN 1 ELSE 0 END) AS contacts, SUM(CASE WHEN x.handled_by = 'HUMAN' AND"
                            + " x.talk_nanos IS NOT NULL AND NOT (" + valid + ") THEN 1 ELSE 0 END) AS negative,"
                            + " SUM(CASE WHEN x.handled_by = 'HUMAN' AND " + valid + " THEN (x.talk_nanos"
                            + " + x.hold_nanos + x.after_contact_work_nanos) / 1000 END) AS handle_micros FROM "
                            + interactions + " x").instant(" WHERE x.occurred_at < ?", at);
        }
        perCustomer.add(" GROUP BY x.customer_id");
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

    static final class Revenue {
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        long purchasesAfter;
        BigDecimal revenueAfter = BigDecimal.ZERO;
    }

}
