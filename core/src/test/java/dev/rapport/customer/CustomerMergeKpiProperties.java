package dev.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.kpi.StreamingKpiQueries;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.ResolutionMilestone;
import dev.rapport.tck.KpiDataSet;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of merging customers against the KPIs: a merge moves records, it never adds, drops or changes one, so
 * every KPI total over cases, interactions and feedback is the same afterwards; only the number of customers
 * changes. KPIs defined per customer (repeat contacts, containment, customer base, loyalty, lifetime value, revenue
 * after service) may change, as they should when two customers turn out to be one person, and are not compared.
 */
class CustomerMergeKpiProperties {

    private static final TimeRange PERIOD = TimeRange.of(KpiDataSet.T0, KpiDataSet.T0.plus(Duration.ofDays(35)));
    private static final Instant AS_OF = KpiDataSet.T0.plus(Duration.ofDays(33));

    @Property(tries = 15)
    @Label("a merge leaves every KPI total unchanged except customer counts")
    void mergeKeepsTotals(@ForAll @LongRange(min = 1, max = 10_000) long seed,
            @ForAll @IntRange(min = 0, max = 20) int pick) {
        // given
        KpiDataSet data = KpiDataSet.generate(seed, 3);
        InMemoryStorage storage = new InMemoryStorage();
        data.writeTo(storage);
        List<Customer> customers = data.customers();
        Customer into = customers.get(pick % customers.size());
        Customer merged = customers.get((pick + 1) % customers.size());
        if (into.id().equals(merged.id())) {
            return;
        }
        Map<String, Object> before = totals(new StreamingKpiQueries(storage));
        long customersBefore = storage.customers().count();
        long purchasersBefore = purchasers(new StreamingKpiQueries(storage));

        // when
        try (Rapport rapport = Rapport.builder().storage(storage).build()) {
            rapport.customers().merge(new MergeCustomers(into.id(), merged.id(), "property"));
        }

        // then
        assertThat(totals(new StreamingKpiQueries(storage))).isEqualTo(before);
        assertThat(purchasers(new StreamingKpiQueries(storage))).isBetween(purchasersBefore - 1, purchasersBefore);
        assertThat(storage.customers().count()).isEqualTo(customersBefore - 1);
    }

    private static long purchasers(KpiQueries q) {
        return q.purchases(Currency.getInstance("EUR"), new Slice(PERIOD, Breakdown.TOTAL, AS_OF, Map.of())).groups()
                .stream().mapToLong(t -> t.value().purchasers()).sum();
    }

    private static Map<String, Object> totals(KpiQueries q) {
        Slice total = new Slice(PERIOD, Breakdown.TOTAL, AS_OF, Map.of());
        Map<String, Object> out = new LinkedHashMap<>();
        for (FeedbackMetric metric : FeedbackMetric.values()) {
            out.put("feedback " + metric, q.feedbackScores(metric, total));
        }
        out.put("first reply", q.firstReplyTimes(total, ElapsedTime.CALENDAR));
        out.put("next reply", q.nextReplyTimes(total, ElapsedTime.CALENDAR));
        out.put("resolution", q.resolutionTimes(ResolutionMilestone.FULL, Set.of(CaseStatus.PENDING_CUSTOMER), total,
                ElapsedTime.CALENDAR));
        out.put("reopens", q.reopens(total));
        out.put("handle times", q.handleTimes(total));
        out.put("compliments", q.compliments(total));
        out.put("backlog", q.backlog(List.of(Duration.ofDays(1), Duration.ofDays(7)), total, ElapsedTime.CALENDAR));
        // purchasers is a customer count: it may drop by the one merged away; orders and revenue may not change
        q.purchases(Currency.getInstance("EUR"), total).groups().forEach(t -> out.put("purchases " + t.group(),
                List.of(t.value().orders(), t.value().revenue(), t.excluded())));
        return out;
    }
}
