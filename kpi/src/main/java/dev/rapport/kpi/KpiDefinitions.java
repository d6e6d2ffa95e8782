package dev.rapport.kpi;

import dev.rapport.spi.kpi.CallCounts;
import dev.rapport.spi.kpi.Containment;
import dev.rapport.spi.kpi.Count;
import dev.rapport.spi.kpi.FcrCounts;
import dev.rapport.spi.kpi.HandleTimeTotals;
import dev.rapport.spi.kpi.Loyalty;
import dev.rapport.spi.kpi.ReopenCounts;
import dev.rapport.spi.kpi.RepeatContacts;
import dev.rapport.spi.kpi.RevenueAfterService;
import dev.rapport.spi.kpi.SurveyResponses;
import static dev.rapport.kpi.KpiFigures.baseStats;
import static dev.rapport.kpi.KpiFigures.big;
import static dev.rapport.kpi.KpiFigures.scaleLabel;
import static dev.rapport.kpi.KpiFigures.stats;
import static dev.rapport.kpi.KpiFigures.statsOf;

import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.BacklogSnapshot;
import dev.rapport.spi.kpi.CustomerBase;
import dev.rapport.spi.kpi.CustomerValue;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.PurchaseTotals;
import dev.rapport.spi.kpi.ScoreHistogram;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
import dev.rapport.spi.kpi.ResolutionMilestone;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The definitions of the built-in KPIs for {@link KpiEngine}: for each, which dimensions it supports, which question
 * it asks {@link KpiQueries} (questions several KPIs share are asked once per report, through {@link SharedQuestions}),
 * how the answer becomes figures ({@link KpiFigures}) and which parameters its result names.
 */
final class KpiDefinitions {

    /**
     * The dimensions of every KPI whose records can reach a case and a customer (the case's and the customer's tags
     * and custom fields included): all but those of one KPI only (churn reason, case status).
     */
    private static final Set<Dimension> ALL = EnumSet.complementOf(EnumSet.of(Dimension.CHURN_REASON,
            Dimension.CASE_STATUS));
    /** The dimensions of the KPIs of cases themselves: since every record reaching a case has them, as {@link #ALL}. */
    private static final Set<Dimension> CASE_LABELLED = ALL;
    /** The dimensions of the KPIs of customers: the customer's own, its tags and custom fields included. */
    private static final Set<Dimension> CUSTOMER_LEVEL = EnumSet.of(Dimension.TOTAL, Dimension.PERIOD,
            Dimension.SEGMENT, Dimension.HEALTH_BAND, Dimension.CUSTOMER_TAG, Dimension.CUSTOMER_FIELD);
    private static final Set<Dimension> CHURN = EnumSet.of(Dimension.TOTAL, Dimension.PERIOD, Dimension.SEGMENT,
            Dimension.HEALTH_BAND, Dimension.CHURN_REASON, Dimension.CUSTOMER_TAG, Dimension.CUSTOMER_FIELD);
    private static final Set<Dimension> BACKLOG = EnumSet.complementOf(EnumSet.of(Dimension.CHURN_REASON));

    private final KpiQueries queries;
    private final KpiSettings settings;
    private final SharedQuestions shared;
    private final KpiFigures figures;

    KpiDefinitions(KpiQueries queries, KpiSettings settings, SharedQuestions shared) {
        this.queries = queries;
        this.settings = settings;
        this.shared = shared;
        this.figures = new KpiFigures(settings);
    }

    /** The one tally of a total breakdown, or null if it has none. */
    static <T> Tally<T> only(Tallies<T> tallies) {
        if (tallies.groups().size() > 1) {
            throw new IllegalStateException("a total breakdown answered with " + tallies.groups().size() + " groups");
        }
        return tallies.groups().isEmpty() ? null : tallies.groups().get(0);
    }

    @FunctionalInterface
    interface Fetch<T> {
        Tallies<T> apply(Slice slice, KpiRequest request);
    }

    @FunctionalInterface
    interface FigureMaker<T> {
        KpiFigure make(Kpi kpi, GroupKey group, T value, Exclusions excluded);
    }

    /** How one built-in KPI is asked for and turned into figures. */
    record Definition<T>(Kpi kpi, boolean stock, Set<Dimension> dimensions, Fetch<T> fetch, T empty,
            FigureMaker<T> figure, Function<KpiRequest, Map<String, String>> parameters) {
    }

    /**
     * Every built-in KPI's definition.
     *
     * @return the definitions by KPI
     */
    Map<Kpi, Definition<?>> definitions() {
        Map<Kpi, Definition<?>> all = new LinkedHashMap<>();
        ElapsedTime elapsed = settings.elapsedTime();
        Map<String, String> timeBasis = Map.of("time_basis", elapsed.basis(), "percentile_method",
                "linear interpolation between closest ranks (percentile_cont)");
        String reference = scaleLabel(settings.csatReferenceScale());

        add(all, new Definition<>(Kpi.CSAT, false, ALL, (s, r) -> csatScores(s), ScoreHistogram.EMPTY, figures::csatShare,
                r -> Map.of("threshold", settings.csatThreshold() + " on " + reference,
                        "unit_of_count", "rating")));
        add(all, new Definition<>(Kpi.CSAT_MEAN, false, ALL, (s, r) -> csatScores(s), ScoreHistogram.EMPTY, figures::csatMean,
                r -> Map.of("reference_scale", reference, "unit_of_count", "rating")));
        add(all, new Definition<>(Kpi.NPS, false, ALL,
                (s, r) -> queries.feedbackScores(FeedbackMetric.NPS, s), ScoreHistogram.EMPTY, KpiFigures::nps,
                r -> Map.of("promoters", "9-10", "detractors", "0-6")));
        add(all, new Definition<>(Kpi.CES, false, ALL,
                (s, r) -> queries.feedbackScores(FeedbackMetric.CES, s), ScoreHistogram.EMPTY, KpiFigures::ces,
                r -> Map.of("normalisation", "0 = most effort, 1 = least effort, per stored scale and direction")));
        add(all, new Definition<>(Kpi.FIRST_REPLY_TIME, false, ALL,
                (s, r) -> queries.firstReplyTimes(s, elapsed), DurationSummary.EMPTY, KpiFigures::durations,
                r -> withCohort(timeBasis)));
        add(all, new Definition<>(Kpi.NEXT_REPLY_TIME, false, ALL,
                (s, r) -> queries.nextReplyTimes(s, elapsed), DurationSummary.EMPTY, KpiFigures::durations,
                r -> withCohort(timeBasis)));
        Map<String, String> paused = with(withCohort(timeBasis), "paused_statuses",
                settings.resolutionPausedStatuses().isEmpty() ? "none"
                        : settings.resolutionPausedStatuses().stream().map(Enum::name).sorted()
                                .collect(Collectors.joining(",")));
        add(all, new Definition<>(Kpi.FIRST_RESOLUTION_TIME, false, CASE_LABELLED,
                (s, r) -> queries.resolutionTimes(ResolutionMilestone.FIRST, settings.resolutionPausedStatuses(), s,
                        elapsed), DurationSummary.EMPTY, KpiFigures::durations, r -> paused));
        add(all, new Definition<>(Kpi.FULL_RESOLUTION_TIME, false, CASE_LABELLED,
                (s, r) -> queries.resolutionTimes(ResolutionMilestone.FULL, settings.resolutionPausedStatuses(), s,
                        elapsed), DurationSummary.EMPTY, KpiFigures::durations, r -> paused));
        add(all, new Definition<>(Kpi.FIRST_CONTACT_RESOLUTION, false, ALL,
                (s, r) -> queries.firstContactResolution(settings.fcrDefinition(), settings.repeatContactWindow(),
                        s), FcrCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.firstContactResolved()), big(v.resolved()),
                        stats("resolved", v.resolved(), "first_contact_resolved", v.firstContactResolved()), x),
                r -> {
                    Map<String, String> p = withCohort(Map.of("definition", settings.fcrDefinition().name()));
                    return settings.fcrDefinition() == FcrDefinition.NO_REPEAT_CONTACT
                            ? with(p, "repeat_window", settings.repeatContactWindow().toString()) : p;
                }));
        add(all, new Definition<>(Kpi.REPEAT_CONTACT_RATE, false, ALL,
                (s, r) -> queries.repeatContacts(settings.repeatContactWindow(), s),
                RepeatContacts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.repeats()), big(v.contacts()),
                        stats("contacts", v.contacts(), "repeats", v.repeats()), x),
                r -> Map.of("window", settings.repeatContactWindow().toString(), "counted_from",
                        "the first contact, forward", "contact", "a case, or an inbound interaction outside a case")));
        add(all, new Definition<>(Kpi.REOPEN_RATE, false, CASE_LABELLED, (s, r) -> queries.reopens(s),
                ReopenCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.reopened()), big(v.resolved()),
                        stats("resolved", v.resolved(), "reopened", v.reopened()), x),
                r -> withCohort(Map.of())));
        add(all, new Definition<>(Kpi.BACKLOG, true, BACKLOG,
                (s, r) -> queries.backlog(settings.backlogAgeBounds(), s, elapsed),
                BacklogSnapshot.empty(settings.backlogAgeBounds().size() + 1), figures::backlog,
                r -> with(Map.of("taken_at", "the end of each period", "age_bands",
                        settings.backlogAgeBounds().stream().map(Duration::toString).collect(Collectors.joining(","))),
                        "time_basis", elapsed.basis())));
        add(all, new Definition<>(Kpi.AVERAGE_HANDLE_TIME, false, ALL, (s, r) -> queries.handleTimes(s),
                HandleTimeTotals.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, Times.seconds(v.totalMicros()), big(v.contacts()),
                        statsOf(Map.of("talk_seconds", Times.seconds(v.talkMicros()), "hold_seconds",
                                Times.seconds(v.holdMicros()), "after_contact_work_seconds",
                                Times.seconds(v.afterContactWorkMicros())), "talk_seconds", "hold_seconds",
                                "after_contact_work_seconds"), x),
                r -> Map.of("contacts_handled", "interactions handled by a human with a handle time")));
        Map<String, String> base = Map.of("customer_base_rule", settings.customerBaseRule().name(),
                "activity_window", settings.activityWindow().toString());
        add(all, new Definition<>(Kpi.CHURN_RATE, true, CHURN, this::churnInputs, new Churn(CustomerBase.EMPTY, 0),
                KpiDefinitions::churn, r -> r.breakdown().dimension() != Dimension.CHURN_REASON ? base
                        : with(base, "by_churn_reason", "customers lost with the reason, over all customers at the"
                                + " start")));
        add(all, new Definition<>(Kpi.RETENTION_RATE, true, CUSTOMER_LEVEL,
                (s, r) -> customerBase(s), CustomerBase.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.atEnd() - v.gained()), big(v.atStart()), baseStats(v), x),
                r -> base));
        add(all, new Definition<>(Kpi.LOYAL_CUSTOMER_SHARE, true, CUSTOMER_LEVEL,
                (s, r) -> queries.loyalty(settings.loyaltyWindow(), settings.loyaltyMinimumPurchases(), s),
                Loyalty.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.loyal()), big(v.buyers()),
                        stats("buyers", v.buyers(), "loyal", v.loyal()), x),
                r -> Map.of("window", settings.loyaltyWindow().toString(), "minimum_purchases",
                        Integer.toString(settings.loyaltyMinimumPurchases()), "taken_at", "the end of each period")));
        add(all, new Definition<>(Kpi.HISTORIC_LIFETIME_VALUE, true, CUSTOMER_LEVEL,
                (s, r) -> queries.customerValue(r.currency().orElseThrow(), settings.costToServe(), s),
                CustomerValue.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, v.value(), big(v.customers()),
                        statsOf(Map.of("revenue", v.revenue(), "cost_to_serve", v.costToServe(),
                                "acquisition_cost", v.acquisitionCost(), "customers", big(v.customers())),
                                "customers", "revenue", "cost_to_serve", "acquisition_cost"), x),
                r -> Map.of("currency", r.currency().orElseThrow().getCurrencyCode(), "cost_per_contact",
                        settings.costToServe().perContact().toPlainString(), "cost_per_handle_hour",
                        settings.costToServe().perHandleHour().toPlainString(), "taken_at",
                        "the end of each period")));
        add(all, new Definition<>(Kpi.PREDICTIVE_LIFETIME_VALUE, true, CUSTOMER_LEVEL, this::predictiveInputs,
                new Predictive(PurchaseTotals.EMPTY, CustomerBase.EMPTY), KpiDefinitions::predictive,
                r -> with(with(base, "currency", r.currency().orElseThrow().getCurrencyCode()), "lifespan",
                        "1 / churn rate, in periods of the requested length")));
        add(all, new Definition<>(Kpi.REVENUE_AFTER_SERVICE, false, ALL,
                (s, r) -> queries.revenueAfterService(settings.revenueAfterServiceWindow(), r.currency().orElseThrow(),
                        s), RevenueAfterService.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, v.revenueAfterService(), v.revenue(),
                        statsOf(Map.of("purchases", big(v.purchases()), "purchases_after_service",
                                big(v.purchasesAfterService()), "revenue", v.revenue(), "revenue_after_service",
                                v.revenueAfterService()), "purchases", "purchases_after_service", "revenue",
                                "revenue_after_service"), x),
                r -> Map.of("window", settings.revenueAfterServiceWindow().toString(), "currency",
                        r.currency().orElseThrow().getCurrencyCode())));
        add(all, new Definition<>(Kpi.CONTAINMENT_RATE, false, ALL,
                (s, r) -> queries.containment(settings.containmentWindow(), settings.automatedChannels(), s),
                Containment.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.contained()), big(v.automatedContacts()),
                        stats("automated_contacts", v.automatedContacts(), "contained", v.contained()), x),
                r -> Map.of("window", settings.containmentWindow().toString(), "automated_channels",
                        settings.automatedChannels().stream().map(c -> c.code()).sorted()
                                .collect(Collectors.joining(",")))));
        add(all, new Definition<>(Kpi.COMPLIMENTS, false, ALL, (s, r) -> queries.compliments(s),
                Count.EMPTY, (k, g, v, x) -> KpiFigure.count(k, g, v.count(), Map.of(), x),
                r -> Map.of("compliment", "an interaction of kind COMPLIMENT, or a complaint of kind COMPLIMENT",
                        "credit", "a compliment counts once for each agent (and team) it credits")));
        add(all, new Definition<>(Kpi.SURVEY_RESPONSE_RATE, false, ALL, (s, r) -> queries.surveyResponses(s),
                SurveyResponses.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.answered()), big(v.sent()),
                        stats("sent", v.sent(), "answered", v.answered()), x),
                r -> Map.of("sent", "survey follow-ups sent, placed by their due time",
                        "answered", "of those, the ones with an answer stored, whenever it came")));
        addContactAndCallKpis(all);
        return Map.copyOf(all);
    }

    /** Contacts per channel, and the phone's missed calls, abandoned calls and speed of answer. */
    private void addContactAndCallKpis(Map<Kpi, Definition<?>> all) {
        add(all, new Definition<>(Kpi.INBOUND_CONTACTS, false, ALL, (s, r) -> queries.inboundContacts(s),
                Count.EMPTY, (k, g, v, x) -> KpiFigure.count(k, g, v.count(), Map.of(), x),
                r -> Map.of("contact", "an inbound, public interaction that is not a note, purchase or feedback")));
        Map<String, String> call = Map.of("call", "an inbound interaction of kind CALL (answered) or MISSED_CALL");
        add(all, new Definition<>(Kpi.MISSED_CALL_RATE, false, ALL, (s, r) -> queries.calls(s),
                CallCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.missed()), big(v.offered()), callStats(v), x),
                r -> with(call, "missed", "every MISSED_CALL, abandoned or not")));
        add(all, new Definition<>(Kpi.ABANDONMENT_RATE, false, ALL, (s, r) -> queries.calls(s),
                CallCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.abandoned()), big(v.offered()), callStats(v), x),
                r -> with(call, "abandoned", "a MISSED_CALL marked abandoned: the caller hung up while waiting")));
        add(all, new Definition<>(Kpi.AVERAGE_SPEED_OF_ANSWER, false, ALL, (s, r) -> queries.speedOfAnswer(s),
                DurationSummary.EMPTY, KpiFigures::durations,
                r -> Map.of("answered_call", "an inbound interaction of kind CALL", "wait",
                        "from reaching the business to the answer, as recorded with the call", "percentile_method",
                        "linear interpolation between closest ranks (percentile_cont)")));
    }

    private static Map<String, BigDecimal> callStats(CallCounts calls) {
        Map<String, BigDecimal> stats = stats("offered", calls.offered(), "answered", calls.answered());
        stats.put("missed", big(calls.missed()));
        stats.put("abandoned", big(calls.abandoned()));
        return stats;
    }

    /** The inputs of churn for one group: its customer base, and the customers at the start the rate divides by. */
    private record Churn(CustomerBase base, long startDenominator) {
    }

    /**
     * The customer base per group; by churn reason, each group's customers lost are divided by every customer at the
     * start (the total's), so that the reasons' rates add up to the churn rate.
     */
    private Tallies<Churn> churnInputs(Slice slice, KpiRequest request) {
        Tallies<CustomerBase> groups = customerBase(slice);
        long start = -1;
        if (slice.breakdown().dimension() == Dimension.CHURN_REASON) {
            Tally<CustomerBase> total = only(customerBase(slice.with(slice.period(), Breakdown.TOTAL)));
            start = total == null ? 0 : total.value().atStart();
        }
        List<Tally<Churn>> churn = new ArrayList<>();
        for (Tally<CustomerBase> t : groups.groups()) {
            churn.add(new Tally<>(t.group(), new Churn(t.value(), start < 0 ? t.value().atStart() : start),
                    t.excluded()));
        }
        return new Tallies<>(churn);
    }

    private static KpiFigure churn(Kpi kpi, GroupKey group, Churn inputs, Exclusions excluded) {
        Map<String, BigDecimal> stats = baseStats(inputs.base());
        if (group.dimension() == Dimension.CHURN_REASON) {
            stats.put("customers_at_start_of_all_groups", big(inputs.startDenominator()));
        }
        return KpiFigure.of(kpi, group, big(inputs.base().lost()), big(inputs.startDenominator()), stats, excluded);
    }

    // questions several KPIs ask: answered once per report (SharedQuestions)

    private Tallies<ScoreHistogram> csatScores(Slice slice) {
        return shared.ask(List.of("feedbackScores", FeedbackMetric.CSAT, slice),
                () -> queries.feedbackScores(FeedbackMetric.CSAT, slice));
    }

    private Tallies<CustomerBase> customerBase(Slice slice) {
        return shared.ask(List.of("customerBase", settings.customerBaseRule(), settings.activityWindow(), slice),
                () -> queries.customerBase(settings.customerBaseRule(), settings.activityWindow(), slice));
    }

    private static void add(Map<Kpi, Definition<?>> all, Definition<?> definition) {
        all.put(definition.kpi, definition);
    }

    private static Map<String, String> withCohort(Map<String, String> parameters) {
        return with(parameters, "cohort", "cases created in the period");
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> copy = new TreeMap<>(parameters);
        copy.put(name, value);
        return copy;
    }

    /** The inputs of predictive lifetime value for one slice: purchases and the customer base, joined by group. */
    private record Predictive(PurchaseTotals purchases, CustomerBase base) {
    }

    private Tallies<Predictive> predictiveInputs(Slice slice, KpiRequest request) {
        Tallies<PurchaseTotals> purchases = queries.purchases(request.currency().orElseThrow(), slice);
        Tallies<CustomerBase> base = customerBase(slice);
        Map<GroupKey, Tally<Predictive>> joined = new TreeMap<>();
        for (Tally<PurchaseTotals> t : purchases.groups()) {
            joined.put(t.group(), new Tally<>(t.group(), new Predictive(t.value(), CustomerBase.EMPTY), t.excluded()));
        }
        for (Tally<CustomerBase> t : base.groups()) {
            Tally<Predictive> existing = joined.get(t.group());
            joined.put(t.group(), existing == null
                    ? new Tally<>(t.group(), new Predictive(PurchaseTotals.EMPTY, t.value()), t.excluded())
                    : new Tally<>(t.group(), new Predictive(existing.value().purchases(), t.value()),
                            existing.excluded().plus(t.excluded())));
        }
        return new Tallies<>(new ArrayList<>(joined.values()));
    }

    /**
     * (revenue / purchasers) x (1 / churn) = (revenue x S) / (purchasers x lost): average order value x purchase
     * frequency x expected lifespan, kept exact by carrying both products.
     */
    private static KpiFigure predictive(Kpi kpi, GroupKey group, Predictive inputs, Exclusions excluded) {
        PurchaseTotals p = inputs.purchases();
        CustomerBase b = inputs.base();
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        stats.put("revenue", p.revenue());
        stats.put("orders", big(p.orders()));
        stats.put("purchasers", big(p.purchasers()));
        stats.put("customers_at_start", big(b.atStart()));
        stats.put("lost", big(b.lost()));
        if (p.orders() > 0) {
            stats.put("average_order_value",
                    KpiFigure.plain(p.revenue().divide(big(p.orders()), KpiFigure.PRECISION)));
            stats.put("purchase_frequency",
                    KpiFigure.plain(big(p.orders()).divide(big(p.purchasers()), KpiFigure.PRECISION)));
        }
        if (b.atStart() > 0) {
            BigDecimal churn = big(b.lost()).divide(big(b.atStart()), KpiFigure.PRECISION);
            stats.put("churn_rate", KpiFigure.plain(churn));
            if (b.lost() > 0) {
                stats.put("expected_lifespan_periods",
                        KpiFigure.plain(big(b.atStart()).divide(big(b.lost()), KpiFigure.PRECISION)));
            }
        }
        return KpiFigure.of(kpi, group, p.revenue().multiply(big(b.atStart())), big(p.purchasers()).multiply(big(b.lost())),
                stats, excluded);
    }
}
