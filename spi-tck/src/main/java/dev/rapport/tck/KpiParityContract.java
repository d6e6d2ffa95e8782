package dev.rapport.tck;

import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.BacklogSnapshot;
import dev.rapport.spi.kpi.CallCounts;
import dev.rapport.spi.kpi.Containment;
import dev.rapport.spi.kpi.Count;
import dev.rapport.spi.kpi.CustomerBase;
import dev.rapport.spi.kpi.CustomerValue;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.FcrCounts;
import dev.rapport.spi.kpi.HandleTimeTotals;
import dev.rapport.spi.kpi.Loyalty;
import dev.rapport.spi.kpi.PurchaseTotals;
import dev.rapport.spi.kpi.ReopenCounts;
import dev.rapport.spi.kpi.RepeatContacts;
import dev.rapport.spi.kpi.RevenueAfterService;
import dev.rapport.spi.kpi.ScoreCount;
import dev.rapport.spi.kpi.ScoreHistogram;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.SurveyResponses;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
import dev.rapport.spi.kpi.ResolutionMilestone;
import dev.rapport.tck.memory.InMemoryStorage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The parity contract for a storage adapter's own KPI answers ({@link RapportStorage#kpiQueries()}): on random,
 * reproducible data sets ({@link KpiDataSet}), full of the inconsistent records real data has, every question of
 * {@link KpiQueries} must get the reference's answer, for every breakdown (each dimension, and periods of days,
 * weeks and months in several time zones) and for the settings that change the definitions (resolution milestones
 * and paused states, first-contact-resolution definitions, windows, automated channels, customer-base rules, costs,
 * currencies, and a non-calendar {@link ElapsedTime}). Counts and exclusion counts must be equal, money exactly,
 * durations (sums, minimums, maximums and percentiles) to the millisecond.
 *
 * <p>The reference answers come from a copy of each data set in an {@link InMemoryStorage}: a subclass hands back
 * the reference implementation over it (core's {@code StreamingKpiQueries}; this kit cannot see core). Subclass per
 * database:
 *
 * <pre>{@code
 * class H2KpiParityTest extends KpiParityContract {
 *     protected RapportStorage emptyStorage() { return freshJdbcStorage(); }
 *     protected KpiQueries referenceQueries(RapportStorage reference) { return new StreamingKpiQueries(reference); }
 * }
 * }</pre>
 *
 * Each data set is written to the storage under test once; {@link #emptyStorage()} is called once per data set and
 * must return a store without records.
 */
public abstract class KpiParityContract {

    /** The period flow questions are asked about: five weeks from {@link KpiDataSet#T0}. */
    protected static final TimeRange PERIOD = TimeRange.of(KpiDataSet.T0,
            KpiDataSet.T0.plus(Duration.ofDays(35)));

    /** "Now" for the questions: inside the data set's last days, so that some observation windows are still open. */
    protected static final Instant AS_OF = KpiDataSet.T0.plus(Duration.ofDays(33)).plusSeconds(4321);

    /** Journey stages per category, for {@link Dimension#JOURNEY_STAGE}. */
    protected static final Map<String, String> STAGES = Map.of("billing", "post_purchase", "returns",
            "post_purchase", "delivery", "fulfilment");

    /** A non-calendar, additive time basis: half of calendar time, so that the non-SQL path of adapters is checked. */
    protected static final ElapsedTime HALF_TIME = new ElapsedTime() {
        @Override
        public Duration between(Instant start, Instant end) {
            return Duration.between(start, end).dividedBy(2);
        }

        @Override
        public String basis() {
            return "half_time";
        }
    };

    private static final long MILLISECOND_IN_MICROS = 1_000;
    private static final String RESOLUTION_REASONS = "MISSING_RESOLUTION_TIME, RESOLVED_BEFORE_CREATED,"
            + " RESOLUTIONS_OUT_OF_ORDER, REOPENED_WITHOUT_RESOLUTION";

    /**
     * A store of the adapter under test without records, whose {@link RapportStorage#kpiQueries()} is present. Called
     * once per data set.
     *
     * @return a new, empty store of the adapter under test whose KPI queries are present
     */
    protected abstract RapportStorage emptyStorage();

    /**
     * The reference answers over the given store, which holds the same data set: core's StreamingKpiQueries.
     *
     * @param reference a reference store holding the same data set as the store under test
     * @return the reference implementation's KPI queries over that store
     */
    protected abstract KpiQueries referenceQueries(RapportStorage reference);

    /**
     * The seeds of the data sets checked; default 1, 2 and 3.
     *
     * @return the seeds, one data set each; the same seed gives the same data set
     */
    protected List<Long> seeds() {
        return List.of(1L, 2L, 3L);
    }

    /**
     * How large each data set is ({@link KpiDataSet#generate(long, int)}); default 10.
     *
     * @return the scale handed to {@link KpiDataSet#generate(long, int)}; 10 gives about 120 cases
     */
    protected int dataSetScale() {
        return 10;
    }

    /**
     * The breakdowns by the case's tags and custom fields, under which every flow question and the backlog are
     * checked besides {@link #breakdowns()}: by tag, by a choice field, by a number field, and by a field no case has.
     *
     * @return the breakdowns
     */
    protected List<Breakdown> labelBreakdowns() {
        return List.of(Breakdown.by(Dimension.TAG), Breakdown.byField("carrier"), Breakdown.byField("order_value"),
                Breakdown.byField("nowhere"));
    }

    /**
     * The breakdowns by the customer's tags and custom fields, under which every flow and stock question is checked
     * besides {@link #breakdowns()}: by tag, by a choice field, by a number field, and by a field no customer has.
     *
     * @return the breakdowns
     */
    protected List<Breakdown> customerLabelBreakdowns() {
        return List.of(Breakdown.by(Dimension.CUSTOMER_TAG), Breakdown.byCustomerField("tier"),
                Breakdown.byCustomerField("credit"), Breakdown.byCustomerField("nowhere"));
    }

    /**
     * The breakdowns flow questions are checked under.
     *
     * @return the breakdowns, from the total to periods in several zones
     */
    protected List<Breakdown> breakdowns() {
        return List.of(Breakdown.TOTAL, Breakdown.by(Dimension.CHANNEL), Breakdown.by(Dimension.CATEGORY),
                Breakdown.by(Dimension.SEGMENT), Breakdown.by(Dimension.AGENT), Breakdown.by(Dimension.TEAM),
                Breakdown.by(Dimension.PRIORITY), Breakdown.by(Dimension.JOURNEY_STAGE),
                Breakdown.by(Dimension.HEALTH_BAND),
                Breakdown.byPeriod(Granularity.DAY, ZoneOffset.UTC),
                Breakdown.byPeriod(Granularity.WEEK, ZoneId.of("Europe/Paris")),
                Breakdown.byPeriod(Granularity.MONTH, ZoneId.of("America/New_York")),
                Breakdown.byPeriod(Granularity.DAY, ZoneId.of("Asia/Kolkata")),
                Breakdown.byPeriod(Granularity.DAY, ZoneOffset.ofHoursMinutes(-3, -30)));
    }

    @TestFactory
    @DisplayName("every KPI question gets the reference's answer on random data sets")
    Stream<DynamicNode> parity() {
        return seeds().stream().map(seed -> dynamicContainer("data set " + seed, Stream.of(seed).flatMap(s -> {
            KpiDataSet data = KpiDataSet.generate(s, dataSetScale());
            RapportStorage underTest = emptyStorage();
            data.writeTo(underTest);
            InMemoryStorage copy = new InMemoryStorage();
            data.writeTo(copy);
            KpiQueries actual = underTest.kpiQueries()
                    .orElseThrow(() -> new AssertionError("the storage under test offers no KPI queries"));
            KpiQueries expected = referenceQueries(copy);
            return questions().stream().map(q -> dynamicTest(q.name, () -> q.check(data, expected, actual)));
        })));
    }

    @TestFactory
    @DisplayName("after customers are merged, every KPI question still gets the reference's answer")
    Stream<DynamicNode> parityAfterMerges() {
        long seed = seeds().get(0);
        KpiDataSet data = KpiDataSet.generate(seed, dataSetScale());
        RapportStorage underTest = emptyStorage();
        data.writeTo(underTest);
        InMemoryStorage copy = new InMemoryStorage();
        data.writeTo(copy);
        for (int i = 0; i + 1 < data.customers().size() && i < 6; i += 2) {
            mergeCustomers(underTest, data.customers().get(i + 1).id(), data.customers().get(i).id());
            mergeCustomers(copy, data.customers().get(i + 1).id(), data.customers().get(i).id());
        }
        assertThat(underTest.customers().count()).isEqualTo(copy.customers().count())
                .isLessThan(data.customers().size());
        KpiQueries actual = underTest.kpiQueries()
                .orElseThrow(() -> new AssertionError("the storage under test offers no KPI queries"));
        KpiQueries expected = referenceQueries(copy);
        return questions().stream().map(q -> dynamicTest(q.name, () -> q.check(data, expected, actual)));
    }

    /**
     * Merges one customer into another with the storage ports alone, as core's merge does: records move, the merged
     * customer is retired, the survivor takes its addresses (not primary) and the earlier registration time.
     */
    static void mergeCustomers(RapportStorage storage, CustomerId from, CustomerId into) {
        storage.transactions().runInTransaction(() -> {
            Customer merged = storage.customers().get(from);
            Customer survivor = storage.customers().get(into);
            storage.customerMerges().reassign(from, into);
            storage.customerMerges().retire(new CustomerMerge(from, into, KpiDataSet.T0, "parity"));
            List<ContactIdentity> identities = new java.util.ArrayList<>(survivor.identities());
            merged.identities().forEach(i -> identities.add(new ContactIdentity(i.channel(), i.value(), false,
                    i.verified())));
            storage.customers().update(survivor.toBuilder().identities(identities)
                    .createdAt(merged.createdAt().isBefore(survivor.createdAt()) ? merged.createdAt()
                            : survivor.createdAt()).build());
        });
    }

    // ----------------------------------------------------------------------------------------------- questions

    /** One question asked in several slices; the variant (settings) rotates with the slice. */
    private record Question<T>(String name, List<Slice> slices, List<Function<Slice, Function<KpiQueries,
            Tallies<T>>>> variants, T empty, Comparison<T> comparison, Set<String> reasons) {

        void check(KpiDataSet data, KpiQueries expected, KpiQueries actual) {
            Set<String> seen = new TreeSet<>();
            boolean counted = false;
            for (int i = 0; i < slices.size(); i++) {
                Slice slice = slices.get(i);
                for (int v = 0; v < variants.size(); v++) {
                    if (variants.size() > 2 && (i + v) % 2 == 1) {
                        continue; // every variant meets every other slice, to keep the run short
                    }
                    Function<KpiQueries, Tallies<T>> ask = variants.get(v).apply(slice);
                    String where = data + ", " + name + " variant " + v + ", " + slice.breakdown() + " over "
                            + slice.period();
                    Tallies<T> reference = ask.apply(expected);
                    compare(where, reference, ask.apply(actual));
                    for (Tally<T> t : reference.groups()) {
                        counted |= !t.value().equals(empty);
                        t.excluded().counts().keySet().forEach(r -> seen.add(r.name()));
                    }
                }
            }
            // a data set that gave nothing to count, or none of the inconsistencies the question must handle,
            // would prove nothing
            assertThat(counted).as(data + ": " + name + " counts some records").isTrue();
            assertThat(seen).as(data + ": the reasons " + name + " excluded records for").containsAll(reasons);
        }

        private void compare(String where, Tallies<T> expected, Tallies<T> actual) {
            Set<GroupKey> keys = new TreeSet<>();
            expected.groups().forEach(t -> keys.add(t.group()));
            actual.groups().forEach(t -> keys.add(t.group()));
            for (GroupKey key : keys) {
                Tally<T> e = expected.group(key).orElse(new Tally<>(key, empty, Exclusions.NONE));
                Tally<T> a = actual.group(key).orElse(new Tally<>(key, empty, Exclusions.NONE));
                String at = where + ", group " + key;
                assertThat(a.excluded()).as("exclusions of " + at).isEqualTo(e.excluded());
                comparison.compare(at, e.value(), a.value());
            }
        }
    }

    @FunctionalInterface
    private interface Comparison<T> {
        void compare(String where, T expected, T actual);
    }

    private List<Question<?>> questions() {
        List<Slice> flow = new ArrayList<>();
        for (Breakdown b : breakdowns()) {
            flow.add(new Slice(PERIOD, b, AS_OF, STAGES));
        }
        // every flow question reaches a case and a customer: also broken down by their tags and custom fields
        for (Breakdown b : labelBreakdowns()) {
            flow.add(new Slice(PERIOD, b, AS_OF, STAGES));
        }
        for (Breakdown b : customerLabelBreakdowns()) {
            flow.add(new Slice(PERIOD, b, AS_OF, STAGES));
        }
        flow.add(new Slice(TimeRange.of(PERIOD.from().plus(Duration.ofHours(30)), PERIOD.from().plus(
                Duration.ofDays(9))), Breakdown.byPeriod(Granularity.DAY, ZoneId.of("Europe/Paris")), AS_OF, STAGES));
        List<Slice> stock = new ArrayList<>();
        for (TimeRange period : List.of(PERIOD, TimeRange.of(PERIOD.from(), PERIOD.from().plus(Duration.ofDays(7))),
                TimeRange.of(PERIOD.from().plus(Duration.ofDays(7)).plusSeconds(77), PERIOD.from().plus(
                        Duration.ofDays(21))), TimeRange.of(PERIOD.from().minus(Duration.ofDays(40)),
                        PERIOD.from().plus(Duration.ofDays(40))))) {
            stock.add(new Slice(period, Breakdown.TOTAL, AS_OF, STAGES));
            stock.add(new Slice(period, Breakdown.by(Dimension.SEGMENT), AS_OF, STAGES));
            stock.add(new Slice(period, Breakdown.by(Dimension.HEALTH_BAND), AS_OF, STAGES));
        }
        // the customer questions by the customer's tags and fields, the backlog also by the case's
        List<Slice> caseStock = new ArrayList<>(stock);
        for (TimeRange period : List.of(PERIOD, TimeRange.of(PERIOD.from().plus(Duration.ofDays(7)).plusSeconds(77),
                PERIOD.from().plus(Duration.ofDays(21))))) {
            for (Breakdown b : customerLabelBreakdowns()) {
                stock.add(new Slice(period, b, AS_OF, STAGES));
                caseStock.add(new Slice(period, b, AS_OF, STAGES));
            }
            for (Breakdown b : labelBreakdowns()) {
                caseStock.add(new Slice(period, b, AS_OF, STAGES));
            }
        }
        Set<CaseStatus> paused = Set.of(CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD);
        Set<Channel> automated = Set.of(Channel.SELF_SERVICE, Channel.CHATBOT, Channel.IVR);
        Currency eur = Currency.getInstance("EUR");
        Currency usd = Currency.getInstance("USD");
        CostToServe costs = new CostToServe(new BigDecimal("2.5"), new BigDecimal("33.3333"));
        List<Question<?>> all = new ArrayList<>();
        for (FeedbackMetric metric : FeedbackMetric.values()) {
            all.add(new Question<>("feedback scores of " + metric, flow,
                    List.of(s -> q -> q.feedbackScores(metric, s)), ScoreHistogram.EMPTY,
                    KpiParityContract::sameHistogram, Set.of("SCORE_OFF_SCALE")));
        }
        all.add(new Question<>("first reply times", flow, List.of(s -> q -> q.firstReplyTimes(s,
                ElapsedTime.CALENDAR), s -> q -> q.firstReplyTimes(s, HALF_TIME)), DurationSummary.EMPTY,
                KpiParityContract::sameDurations, Set.of("NOT_YET_REPLIED", "REPLIED_BEFORE_CREATED",
                "REPLIED_AFTER_RESOLVED", "CREATION_TIME_ESTIMATED", "CREATION_TIME_UNKNOWN")));
        all.add(new Question<>("next reply times", flow, List.of(s -> q -> q.nextReplyTimes(s,
                ElapsedTime.CALENDAR), s -> q -> q.nextReplyTimes(s, HALF_TIME)), DurationSummary.EMPTY,
                KpiParityContract::sameDurations, Set.of("AWAITING_REPLY", "REPLIED_BEFORE_CREATED")));
        all.add(new Question<>("resolution times", flow, List.of(
                s -> q -> q.resolutionTimes(ResolutionMilestone.FIRST, Set.of(), s, ElapsedTime.CALENDAR),
                s -> q -> q.resolutionTimes(ResolutionMilestone.FULL, Set.of(), s, ElapsedTime.CALENDAR),
                s -> q -> q.resolutionTimes(ResolutionMilestone.FIRST, paused, s, ElapsedTime.CALENDAR),
                s -> q -> q.resolutionTimes(ResolutionMilestone.FULL, paused, s, HALF_TIME),
                s -> q -> q.resolutionTimes(ResolutionMilestone.FIRST, Set.of(), s, HALF_TIME)),
                DurationSummary.EMPTY, KpiParityContract::sameDurations,
                reasons(RESOLUTION_REASONS + ", INCONSISTENT_HISTORY, UNRESOLVED, CREATION_TIME_ESTIMATED,"
                        + " CREATION_TIME_UNKNOWN")));
        all.add(new Question<>("reopens", flow, List.of(s -> q -> q.reopens(s)), ReopenCounts.EMPTY,
                KpiParityContract::same, reasons(RESOLUTION_REASONS + ", UNRESOLVED")));
        List<Function<Slice, Function<KpiQueries, Tallies<FcrCounts>>>> fcr = new ArrayList<>();
        for (FcrDefinition definition : FcrDefinition.values()) {
            fcr.add(s -> q -> q.firstContactResolution(definition, Duration.ofDays(2), s));
        }
        all.add(new Question<>("first-contact resolution", flow, fcr, FcrCounts.EMPTY, KpiParityContract::same,
                reasons(RESOLUTION_REASONS + ", UNRESOLVED, REPLIED_BEFORE_CREATED, REPLIED_AFTER_RESOLVED, WINDOW_OPEN")));
        all.add(new Question<>("repeat contacts", flow, List.of(s -> q -> q.repeatContacts(Duration.ofDays(7), s),
                s -> q -> q.repeatContacts(Duration.ofHours(30), s)), RepeatContacts.EMPTY, KpiParityContract::same,
                Set.of("UNCATEGORISED")));
        all.add(new Question<>("containment", flow, List.of(
                s -> q -> q.containment(Duration.ofHours(24), automated, s),
                s -> q -> q.containment(Duration.ofDays(3), Set.of(), s)), Containment.EMPTY,
                KpiParityContract::same, Set.of("WINDOW_OPEN")));
        all.add(new Question<>("handle times", flow, List.of(s -> q -> q.handleTimes(s)), HandleTimeTotals.EMPTY,
                KpiParityContract::sameHandleTimes, Set.of("NEGATIVE_HANDLE_TIME", "AUTOMATED_HANDLING")));
        all.add(new Question<>("compliments", flow, List.of(s -> q -> q.compliments(s)), Count.EMPTY,
                KpiParityContract::same, Set.of()));
        all.add(new Question<>("survey responses", flow, List.of(s -> q -> q.surveyResponses(s)),
                SurveyResponses.EMPTY, KpiParityContract::same, Set.of()));
        all.add(new Question<>("purchases", flow, List.of(s -> q -> q.purchases(eur, s),
                s -> q -> q.purchases(usd, s)), PurchaseTotals.EMPTY, KpiParityContract::samePurchases,
                Set.of("MISSING_AMOUNT", "OTHER_CURRENCY")));
        all.add(new Question<>("revenue after service", flow, List.of(
                s -> q -> q.revenueAfterService(Duration.ofDays(7), eur, s),
                s -> q -> q.revenueAfterService(Duration.ofDays(2), usd, s)), RevenueAfterService.EMPTY,
                KpiParityContract::sameRevenue, Set.of("MISSING_AMOUNT", "OTHER_CURRENCY")));
        List<Duration> bands = List.of(Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(3),
                Duration.ofDays(7), Duration.ofDays(30));
        all.add(new Question<>("backlog", caseStock, List.of(s -> q -> q.backlog(bands, s, ElapsedTime.CALENDAR),
                s -> q -> q.backlog(List.of(), s, HALF_TIME)), BacklogSnapshot.empty(bands.size() + 1),
                KpiParityContract::sameBacklog, Set.of("INCONSISTENT_HISTORY")));
        all.add(new Question<>("customer base", stock, List.of(
                s -> q -> q.customerBase(CustomerBaseRule.ACTIVITY, Duration.ofDays(30), s),
                s -> q -> q.customerBase(CustomerBaseRule.ACTIVITY_UNLESS_CHURNED, Duration.ofDays(365), s),
                s -> q -> q.customerBase(CustomerBaseRule.ACTIVITY, Duration.ofDays(10), s)), CustomerBase.EMPTY,
                KpiParityContract::same, Set.of("PROSPECT")));
        all.add(new Question<>("loyalty", stock, List.of(s -> q -> q.loyalty(Duration.ofDays(30), 2, s),
                s -> q -> q.loyalty(Duration.ofDays(365), 1, s)), Loyalty.EMPTY, KpiParityContract::same, Set.of()));
        all.add(new Question<>("customer value", stock, List.of(
                s -> q -> q.customerValue(eur, CostToServe.NONE, s),
                s -> q -> q.customerValue(eur, costs, s),
                s -> q -> q.customerValue(usd, new CostToServe(BigDecimal.ZERO, new BigDecimal("12.34")), s)),
                CustomerValue.EMPTY, KpiParityContract::sameValue,
                Set.of("PROSPECT", "MISSING_AMOUNT", "NEGATIVE_HANDLE_TIME", "OTHER_CURRENCY")));
        addContactCallChurnAndStatusQuestions(all, flow, stock, bands);
        return all;
    }

    /**
     * Contacts, calls and speed of answer over the flow slices; the customer base by churn reason and the backlog by
     * case status over the stock periods.
     */
    private static void addContactCallChurnAndStatusQuestions(List<Question<?>> all, List<Slice> flow,
            List<Slice> stock, List<Duration> bands) {
        all.add(new Question<>("inbound contacts", flow, List.of(s -> q -> q.inboundContacts(s)), Count.EMPTY,
                KpiParityContract::same, Set.of()));
        all.add(new Question<>("calls", flow, List.of(s -> q -> q.calls(s)), CallCounts.EMPTY,
                KpiParityContract::same, Set.of()));
        all.add(new Question<>("speed of answer", flow, List.of(s -> q -> q.speedOfAnswer(s)), DurationSummary.EMPTY,
                KpiParityContract::sameDurations, Set.of("MISSING_WAIT_TIME")));
        List<Slice> byReason = new ArrayList<>();
        List<Slice> byStatus = new ArrayList<>();
        for (Slice s : stock) {
            if (s.breakdown().equals(Breakdown.TOTAL)) {
                byReason.add(s.with(s.period(), Breakdown.by(Dimension.CHURN_REASON)));
                byStatus.add(s.with(s.period(), Breakdown.by(Dimension.CASE_STATUS)));
            }
        }
        all.add(new Question<>("customer base by churn reason", byReason, List.of(
                s -> q -> q.customerBase(CustomerBaseRule.ACTIVITY, Duration.ofDays(30), s),
                s -> q -> q.customerBase(CustomerBaseRule.ACTIVITY_UNLESS_CHURNED, Duration.ofDays(365), s)),
                CustomerBase.EMPTY, KpiParityContract::same, Set.of("PROSPECT")));
        all.add(new Question<>("backlog by case status", byStatus, List.of(
                s -> q -> q.backlog(bands, s, ElapsedTime.CALENDAR), s -> q -> q.backlog(List.of(), s, HALF_TIME)),
                BacklogSnapshot.empty(bands.size() + 1), KpiParityContract::sameBacklog,
                Set.of("INCONSISTENT_HISTORY")));
    }

    private static Set<String> reasons(String names) {
        return Set.of(names.split(", "));
    }

    // ----------------------------------------------------------------------------------------------- comparisons

    private static <T> void same(String where, T expected, T actual) {
        assertThat(actual).as(where).isEqualTo(expected);
    }

    private static void sameHistogram(String where, ScoreHistogram expected, ScoreHistogram actual) {
        assertThat(counts(actual)).as("score histogram of " + where).isEqualTo(counts(expected));
    }

    private static Map<String, Long> counts(ScoreHistogram histogram) {
        Map<String, Long> counts = new TreeMap<>();
        for (ScoreCount c : histogram.counts()) {
            if (c.count() != 0) {
                counts.merge(c.scale() + " " + c.score(), c.count(), Long::sum);
            }
        }
        return counts;
    }

    private static void sameDurations(String where, DurationSummary expected, DurationSummary actual) {
        assertThat(actual.count()).as("count of " + where).isEqualTo(expected.count());
        if (expected.count() == 0) {
            return;
        }
        closeMicros("total of " + where, expected.totalMicros(), actual.totalMicros());
        closeMicros("minimum of " + where, expected.minMicros(), actual.minMicros());
        closeMicros("maximum of " + where, expected.maxMicros(), actual.maxMicros());
        closeMicros("median of " + where, expected.medianMicros(), actual.medianMicros());
        closeMicros("90th percentile of " + where, expected.p90Micros(), actual.p90Micros());
    }

    private static void closeMicros(String what, long expected, long actual) {
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " µs, expected " + expected + " µs")
                .isLessThan(MILLISECOND_IN_MICROS);
    }

    private static void closeMicros(String what, BigDecimal expected, BigDecimal actual) {
        assertThat(actual.subtract(expected).abs()).as(what + ": " + actual + " µs, expected " + expected + " µs")
                .isLessThan(BigDecimal.valueOf(MILLISECOND_IN_MICROS));
    }

    private static void sameHandleTimes(String where, HandleTimeTotals expected, HandleTimeTotals actual) {
        assertThat(actual.contacts()).as("contacts of " + where).isEqualTo(expected.contacts());
        closeMicros("talk of " + where, expected.talkMicros(), actual.talkMicros());
        closeMicros("hold of " + where, expected.holdMicros(), actual.holdMicros());
        closeMicros("after-contact work of " + where, expected.afterContactWorkMicros(),
                actual.afterContactWorkMicros());
    }

    private static void sameBacklog(String where, BacklogSnapshot expected, BacklogSnapshot actual) {
        assertThat(actual.cases()).as("cases of " + where).isEqualTo(expected.cases());
        assertThat(actual.bandCounts()).as("age bands of " + where).isEqualTo(expected.bandCounts());
        sameDurations("ages of " + where, expected.ages(), actual.ages());
    }

    private static void samePurchases(String where, PurchaseTotals expected, PurchaseTotals actual) {
        assertThat(actual.orders()).as("orders of " + where).isEqualTo(expected.orders());
        assertThat(actual.purchasers()).as("purchasers of " + where).isEqualTo(expected.purchasers());
        assertThat(actual.revenue()).as("revenue of " + where).isEqualByComparingTo(expected.revenue());
    }

    private static void sameRevenue(String where, RevenueAfterService expected, RevenueAfterService actual) {
        assertThat(actual.purchases()).as("purchases of " + where).isEqualTo(expected.purchases());
        assertThat(actual.purchasesAfterService()).as("purchases after service of " + where)
                .isEqualTo(expected.purchasesAfterService());
        assertThat(actual.revenue()).as("revenue of " + where).isEqualByComparingTo(expected.revenue());
        assertThat(actual.revenueAfterService()).as("revenue after service of " + where)
                .isEqualByComparingTo(expected.revenueAfterService());
    }

    private static void sameValue(String where, CustomerValue expected, CustomerValue actual) {
        assertThat(actual.customers()).as("customers of " + where).isEqualTo(expected.customers());
        assertThat(actual.revenue()).as("revenue of " + where).isEqualByComparingTo(expected.revenue());
        assertThat(actual.costToServe()).as("cost to serve of " + where).isEqualByComparingTo(expected.costToServe());
        assertThat(actual.acquisitionCost()).as("acquisition cost of " + where)
                .isEqualByComparingTo(expected.acquisitionCost());
    }
}
