package dev.rapport.complaint;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiCalculator;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiTally;
import dev.rapport.kpi.KpiUnit;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Complaint figures as KPIs: complaints per 1,000 customers, the upheld rate, the time to the final response and
 * deadline compliance. Each instance computes one of them ({@link #all(RapportStorage)} gives all four); compliments
 * are never counted. Breakdowns: total, period, the complaint's channel, the tags and custom fields of its linked case
 * (a complaint without case in the group without value) and those of its customer. The definitions are in
 * {@code docs/kpis.md}. Thread-safe: it keeps no state between computations.
 */
public final class ComplaintKpiCalculator implements KpiCalculator {

    /**
     * Complaints received in the period per 1,000 customers. The unit is {@link KpiUnit#COUNT} (scale 1): the
     * numerator is the complaints, the denominator the customers in thousands, so the value is per 1,000.
     */
    public static final Kpi COMPLAINTS_PER_1000_CUSTOMERS = new Kpi("complaints_per_1000_customers", KpiUnit.COUNT);
    /** Complaints upheld or partly upheld, over complaints decided in the period. */
    public static final Kpi COMPLAINT_UPHELD_RATE = new Kpi("complaint_upheld_rate", KpiUnit.SHARE);
    /** Receipt to final response, for complaints received in the period. */
    public static final Kpi COMPLAINT_FINAL_RESPONSE_TIME = new Kpi("complaint_final_response_time", KpiUnit.SECONDS);
    /** Deadlines met, over deadlines due in the period. */
    public static final Kpi COMPLAINT_DEADLINE_COMPLIANCE = new Kpi("complaint_deadline_compliance", KpiUnit.SHARE);

    private static final int PAGE_SIZE = 500;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final Set<Dimension> DIMENSIONS = EnumSet.of(Dimension.TOTAL, Dimension.PERIOD, Dimension.CHANNEL,
            Dimension.TAG, Dimension.FIELD, Dimension.CUSTOMER_TAG, Dimension.CUSTOMER_FIELD);

    private final RapportStorage storage;
    private final Kpi kpi;

    /**
     * A calculator for one of this class's KPIs.
     *
     * @param storage where complaints and customers are read
     * @param kpi one of {@link #COMPLAINTS_PER_1000_CUSTOMERS}, {@link #COMPLAINT_UPHELD_RATE},
     *        {@link #COMPLAINT_FINAL_RESPONSE_TIME}, {@link #COMPLAINT_DEADLINE_COMPLIANCE}
     * @throws IllegalArgumentException for another KPI
     */
    public ComplaintKpiCalculator(RapportStorage storage, Kpi kpi) {
        this.storage = Objects.requireNonNull(storage, "storage");
        if (!List.of(COMPLAINTS_PER_1000_CUSTOMERS, COMPLAINT_UPHELD_RATE, COMPLAINT_FINAL_RESPONSE_TIME,
                COMPLAINT_DEADLINE_COMPLIANCE).contains(kpi)) {
            throw new IllegalArgumentException("not a complaint KPI: " + kpi);
        }
        this.kpi = kpi;
    }

    /**
     * One calculator per complaint KPI.
     *
     * @param storage where complaints and customers are read
     * @return four calculators: complaints per 1,000 customers, upheld rate, final response time and deadline
     *         compliance
     */
    public static List<ComplaintKpiCalculator> all(RapportStorage storage) {
        return List.of(new ComplaintKpiCalculator(storage, COMPLAINTS_PER_1000_CUSTOMERS),
                new ComplaintKpiCalculator(storage, COMPLAINT_UPHELD_RATE),
                new ComplaintKpiCalculator(storage, COMPLAINT_FINAL_RESPONSE_TIME),
                new ComplaintKpiCalculator(storage, COMPLAINT_DEADLINE_COMPLIANCE));
    }

    @Override
    public Kpi kpi() {
        return kpi;
    }

    @Override
    public Set<Dimension> dimensions() {
        return DIMENSIONS;
    }

    @Override
    public KpiResult compute(KpiRequest request, Instant asOf) {
        if (kpi.equals(COMPLAINTS_PER_1000_CUSTOMERS)) {
            return perThousandCustomers(request, asOf);
        }
        if (kpi.equals(COMPLAINT_UPHELD_RATE)) {
            return upheldRate(request, asOf);
        }
        if (kpi.equals(COMPLAINT_FINAL_RESPONSE_TIME)) {
            return finalResponseTime(request, asOf);
        }
        return deadlineCompliance(request, asOf);
    }

    private KpiResult perThousandCustomers(KpiRequest request, Instant asOf) {
        KpiTally tally = new KpiTally(kpi, request);
        ComplaintGroups groups = new ComplaintGroups(storage, request);
        receivedIn(request).forEach(complaint -> {
            if (complaint.kind() == ComplaintKind.COMPLAINT) {
                tally.count(groups.of(complaint, complaint.receivedAt()), BigDecimal.ONE, BigDecimal.ZERO);
            }
        });
        // the customer base: the whole of it for the total and for groups by the complaint or its case; under a
        // breakdown by the customer's tags or a customer field, each group's own customers
        List<Instant> customers = new ArrayList<>();
        List<Instant> prospects = new ArrayList<>();
        Map<GroupKey, List<Instant>> groupCustomers = new HashMap<>();
        Map<GroupKey, List<Instant>> groupProspects = new HashMap<>();
        for (Customer customer : PageWalk.<Customer>byKey(PAGE_SIZE,
                (last, size) -> storage.customers().listAfter(last.map(Customer::id), size))) {
            boolean prospect = customer.status() == CustomerStatus.PROSPECT;
            (prospect ? prospects : customers).add(customer.createdAt());
            if (groups.byCustomerLabel()) {
                for (GroupKey key : groups.of(customer)) {
                    (prospect ? groupProspects : groupCustomers).computeIfAbsent(key, k -> new ArrayList<>())
                            .add(customer.createdAt());
                }
            }
        }
        long[] created = sorted(customers);
        long[] prospectCreated = sorted(prospects);
        Map<GroupKey, long[]> createdIn = new HashMap<>();
        groupCustomers.forEach((key, list) -> createdIn.put(key, sorted(list)));
        Map<GroupKey, long[]> prospectCreatedIn = new HashMap<>();
        groupProspects.forEach((key, list) -> prospectCreatedIn.put(key, sorted(list)));
        boolean ownBase = groups.byCustomerLabel();
        return tally.result(asOf, Map.of("customers", ownBase
                ? "not prospects, created before the end of the period, in the group (the total: all of them)"
                : "not prospects, created before the end of the period",
                "scale", "per 1000 customers"), (key, part) -> {
                    Instant end = key.range().map(TimeRange::to).orElse(request.period().to());
                    boolean own = ownBase && !key.equals(GroupKey.TOTAL);
                    long count = before(own ? createdIn.getOrDefault(key, new long[0]) : created, end);
                    Map<String, BigDecimal> stats = new LinkedHashMap<>();
                    stats.put("complaints", part.numerator());
                    stats.put("customers", BigDecimal.valueOf(count));
                    long prospectCount = before(own ? prospectCreatedIn.getOrDefault(key, new long[0])
                            : prospectCreated, end);
                    return new KpiTally.Figure(part.numerator(), BigDecimal.valueOf(count).divide(THOUSAND),
                            stats, Map.of(ExclusionReason.PROSPECT, prospectCount));
                });
    }

    private KpiResult upheldRate(KpiRequest request, Instant asOf) {
        KpiTally tally = new KpiTally(kpi, request);
        ComplaintGroups groups = new ComplaintGroups(storage, request);
        everyComplaint().forEach(complaint -> {
            if (complaint.kind() != ComplaintKind.COMPLAINT || complaint.outcome().isEmpty()) {
                return;
            }
            Instant decided = complaint.outcome().get().decidedAt();
            if (decided.isBefore(request.period().from()) || !decided.isBefore(request.period().to())) {
                return;
            }
            OutcomeDecision decision = complaint.outcome().get().decision();
            List<GroupKey> group = groups.of(complaint, decided);
            boolean upheld = decision == OutcomeDecision.UPHELD || decision == OutcomeDecision.PARTLY_UPHELD;
            tally.count(group, upheld ? BigDecimal.ONE : BigDecimal.ZERO, BigDecimal.ONE);
            tally.statistic(group, decision.name().toLowerCase(java.util.Locale.ROOT), 1);
        });
        return tally.result(asOf, Map.of("cohort", "complaints with an outcome decided in the period",
                "upheld", "UPHELD or PARTLY_UPHELD"), (key, part) -> {
                    Map<String, BigDecimal> stats = new LinkedHashMap<>();
                    stats.put("decided", part.denominator());
                    for (OutcomeDecision d : OutcomeDecision.values()) {
                        String name = d.name().toLowerCase(java.util.Locale.ROOT);
                        stats.put(name, part.statistics().getOrDefault(name, BigDecimal.ZERO));
                    }
                    return new KpiTally.Figure(part.numerator(), part.denominator(), stats);
                });
    }

    private KpiResult finalResponseTime(KpiRequest request, Instant asOf) {
        KpiTally tally = new KpiTally(kpi, request);
        ComplaintGroups groups = new ComplaintGroups(storage, request);
        receivedIn(request).forEach(complaint -> {
            if (complaint.kind() != ComplaintKind.COMPLAINT) {
                return;
            }
            List<GroupKey> group = groups.of(complaint, complaint.receivedAt());
            Optional<Instant> response = finalResponse(complaint);
            if (response.isEmpty()) {
                tally.exclude(group, ExclusionReason.NOT_YET_REPLIED);
            } else if (response.get().isBefore(complaint.receivedAt())) {
                tally.exclude(group, ExclusionReason.REPLIED_BEFORE_CREATED);
            } else {
                tally.duration(group, micros(Duration.between(complaint.receivedAt(), response.get())));
            }
        });
        return tally.result(asOf, Map.of("cohort", "complaints received in the period",
                "final_response", "the decision (outcome decidedAt), else respondedAt",
                "time_basis", "calendar", "percentile_method", "linear interpolation between closest ranks"),
                (key, part) -> KpiTally.durationFigure(part));
    }

    /** The final response: when the decision was given, else when it was responded to. */
    static Optional<Instant> finalResponse(Complaint complaint) {
        return complaint.outcome().map(o -> o.decidedAt()).or(complaint::respondedAt);
    }

    private KpiResult deadlineCompliance(KpiRequest request, Instant asOf) {
        KpiTally tally = new KpiTally(kpi, request);
        ComplaintGroups groups = new ComplaintGroups(storage, request);
        everyComplaint().forEach(complaint -> {
            if (complaint.kind() != ComplaintKind.COMPLAINT) {
                return;
            }
            for (ComplaintDeadline deadline : complaint.deadlines()) {
                Instant due = deadline.effectiveDueAt();
                if (due.isBefore(request.period().from()) || !due.isBefore(request.period().to())) {
                    continue;
                }
                List<GroupKey> group = groups.of(complaint, due);
                if (deadline.isMissed(asOf)) {
                    tally.count(group, BigDecimal.ZERO, BigDecimal.ONE);
                } else if (deadline.isMet()) {
                    tally.count(group, BigDecimal.ONE, BigDecimal.ONE);
                } else {
                    tally.exclude(group, ExclusionReason.WINDOW_OPEN);
                }
            }
        });
        return tally.result(asOf, Map.of("records", "deadlines whose effective due time is in the period",
                "due", "the extended due time after a holding response, else the original"), (key, part) -> {
                    Map<String, BigDecimal> stats = new LinkedHashMap<>();
                    stats.put("due", part.denominator());
                    stats.put("met", part.numerator());
                    stats.put("missed", part.denominator().subtract(part.numerator()));
                    return new KpiTally.Figure(part.numerator(), part.denominator(), stats);
                });
    }

    /**
     * Every complaint and compliment stored, in id order, walked by key: each page is found through the primary key
     * however many complaints came before (the figures are counts, which do not depend on the order).
     */
    private Iterable<Complaint> everyComplaint() {
        Set<ComplaintStage> every = EnumSet.allOf(ComplaintStage.class);
        return PageWalk.<Complaint>byKey(PAGE_SIZE,
                (last, size) -> storage.complaints().listByStageAfter(every, last.map(Complaint::id), size));
    }

    /** The complaints received in the request's period, walked by receipt time. */
    private Iterable<Complaint> receivedIn(KpiRequest request) {
        return PageWalk.byTime(request.period(), PAGE_SIZE, storage.complaints()::findReceivedBetween,
                Complaint::receivedAt);
    }

    private static long[] sorted(List<Instant> instants) {
        return instants.stream().mapToLong(ComplaintKpiCalculator::micros).sorted().toArray();
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
    }

    /** How many of the sorted instants (in microseconds) are before {@code end}. */
    private static long before(long[] sortedMicros, Instant end) {
        long limit = micros(end);
        int index = Arrays.binarySearch(sortedMicros, limit);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sortedMicros[index - 1] == limit) {
            index--;
        }
        return index;
    }
}
