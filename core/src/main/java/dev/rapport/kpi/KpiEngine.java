package dev.rapport.kpi;

import java.util.OptionalLong;
import dev.rapport.progress.ProgressListener;
import dev.rapport.progress.Progress;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.KpiQueries.BacklogSnapshot;
import dev.rapport.spi.kpi.KpiQueries.CustomerBase;
import dev.rapport.spi.kpi.KpiQueries.CustomerValue;
import dev.rapport.spi.kpi.KpiQueries.DurationSummary;
import dev.rapport.spi.kpi.KpiQueries.PurchaseTotals;
import dev.rapport.spi.kpi.KpiQueries.ScoreCount;
import dev.rapport.spi.kpi.KpiQueries.ScoreHistogram;
import dev.rapport.spi.kpi.KpiQueries.Slice;
import dev.rapport.spi.kpi.KpiQueries.Tallies;
import dev.rapport.spi.kpi.KpiQueries.Tally;
import dev.rapport.spi.kpi.ResolutionMilestone;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes the customer-care KPIs with exact, documented definitions ({@code docs/kpis.md}): each figure carries its
 * numerator, denominator and the records left out by reason, broken down by period, channel, category, segment,
 * agent, team or journey stage. The engine asks {@link KpiQueries} for grouped statistics and derives the figures.
 * Who answers is chosen by {@link Builder#source(Source)}: by default the storage's own answers
 * ({@link RapportStorage#kpiQueries()}, for example SQL pushed down by the JDBC adapter) when it has them, else
 * streaming over the storage ({@link StreamingKpiQueries}, the reference).
 *
 * <pre>{@code
 * KpiEngine kpis = new KpiEngine(storage, clock);
 * KpiResult csat = kpis.compute(Kpi.CSAT, KpiRequest.over(march).byPeriod(Granularity.WEEK, zone));
 * String json = kpis.report(KpiRequest.over(march).in("EUR")).toJson();
 * }</pre>
 *
 * <p>Thread-safe: immutable once built; every call reads the storage afresh.
 */
public final class KpiEngine {

    /** The most periods one period breakdown may have: {@value}. */
    public static final int MAX_PERIODS = 5_000;

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
    private static final Instant EARLIEST_PERIOD = LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LATEST_PERIOD = LocalDate.of(9999, 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

    private final KpiQueries queries;
    private final Clock clock;
    private final KpiSettings settings;
    private final Map<Kpi, KpiCalculator> calculators;
    private final Map<Kpi, Definition<?>> definitions;
    private final dev.rapport.RapportObserver observer;
    private final SharedQuestions shared = new SharedQuestions();
    private final dev.rapport.field.FieldSchema customFields;

    /**
     * An engine with the default settings, streaming over the storage.
     *
     * @param storage the storage to read
     * @param clock the clock that says when "now" is, for windows that have not ended yet
     */
    public KpiEngine(RapportStorage storage, Clock clock) {
        this(builder().storage(storage).clock(clock));
    }

    /** Who answers the engine's questions. */
    public enum Source {
        /** The storage's own answers when it offers them ({@link RapportStorage#kpiQueries()}), else streaming. */
        AUTO,
        /** Always the storage's own answers; building fails if the storage offers none. */
        STORAGE,
        /** Always streaming over the storage ({@link StreamingKpiQueries}), the reference. */
        STREAMING
    }

    private KpiEngine(Builder builder) {
        this.queries = builder.queries != null ? builder.queries : switch (builder.source) {
            case AUTO -> builder.storage.kpiQueries().orElseGet(() -> new StreamingKpiQueries(builder.storage));
            case STORAGE -> builder.storage.kpiQueries().orElseThrow();
            case STREAMING -> new StreamingKpiQueries(builder.storage);
        };
        this.clock = builder.clock;
        this.settings = builder.settings;
        this.observer = dev.rapport.RapportObserver.guarded(builder.observer);
        this.calculators = Map.copyOf(builder.calculators);
        this.definitions = definitions();
        this.customFields = builder.customFields;
    }

    /**
     * A builder; storage (or queries) and clock are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Who answers this engine's questions: given, the storage's own, or a {@link StreamingKpiQueries}.
     *
     * @return the queries that read the records behind the KPIs
     */
    public KpiQueries queries() {
        return queries;
    }

    /**
     * The settings the KPIs are defined with.
     *
     * @return the settings given to the builder, or the defaults
     */
    public KpiSettings settings() {
        return settings;
    }

    /**
     * Every KPI this engine computes: the built-in ones, then those of registered calculators.
     *
     * @return the built-in KPIs in report order, then the calculators' KPIs by code
     */
    public List<Kpi> kpis() {
        List<Kpi> all = new ArrayList<>(Kpi.BUILT_IN);
        calculators.keySet().stream().sorted((a, b) -> a.code().compareTo(b.code())).forEach(all::add);
        return all;
    }

    /**
     * The dimensions a KPI can be broken down by.
     *
     * @param kpi a built-in KPI or one of a registered calculator
     * @return the dimensions the KPI supports, always including {@link Dimension#TOTAL}
     * @throws ValidationException if the engine does not know the KPI
     */
    public Set<Dimension> dimensions(Kpi kpi) {
        Definition<?> definition = definitions.get(kpi);
        if (definition != null) {
            return definition.dimensions;
        }
        KpiCalculator calculator = calculators.get(kpi);
        if (calculator == null) {
            throw ValidationException.of("KpiRequest", "kpi", "Known", "is not a KPI this engine computes");
        }
        EnumSet<Dimension> dimensions = EnumSet.of(Dimension.TOTAL);
        dimensions.addAll(calculator.dimensions());
        return dimensions;
    }

    /**
     * Computes one KPI.
     *
     * @param kpi a built-in KPI or one of a registered calculator
     * @param request the period, breakdown and currency
     * @return the KPI's total and group figures, computed now by the engine's clock
     * @throws ValidationException if the engine does not know the KPI, the breakdown is not supported for it, a
     *         period breakdown is too long or out of range, a breakdown by a custom field names none declared
     *         ({@link Builder#customFields}), or a money KPI has no currency
     */
    public KpiResult compute(Kpi kpi, KpiRequest request) {
        validate(kpi, request);
        return computeAt(kpi, request, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private KpiResult computeAt(Kpi kpi, KpiRequest request, Instant asOf) {
        KpiCalculator calculator = calculators.get(kpi);
        if (calculator != null) {
            return calculator.compute(request, asOf);
        }
        return run(definitions.get(kpi), request, asOf);
    }

    /**
     * Computes several KPIs over one request.
     *
     * @param request the period, breakdown and currency
     * @param kpis the KPIs to compute, in the order the report lists them
     * @return one result per KPI, all computed at the same instant
     * @throws ValidationException as {@link #compute}, for the first KPI at fault
     */
    public KpiReport report(KpiRequest request, Collection<Kpi> kpis) {
        return report(request, kpis, ProgressListener.NONE);
    }

    /**
     * Computes several KPIs over one request, telling a listener after each KPI how far the report has come
     * (operation {@value #REPORT_OPERATION}, unit {@code "KPIs"}), for reports over a large store.
     *
     * @param request the period, breakdown and currency
     * @param kpis the KPIs to compute, in the order the report lists them
     * @param listener told after each KPI; {@link ProgressListener#NONE} for nobody
     * @return one result per KPI, all computed at the same instant
     * @throws ValidationException as {@link #compute}, for the first KPI at fault, or for a null listener
     */
    public KpiReport report(KpiRequest request, Collection<Kpi> kpis, ProgressListener listener) {
        if (kpis == null) {
            throw ValidationException.of("KpiReport", "kpis", "NotNull", "must not be null");
        }
        if (listener == null) {
            throw ValidationException.of("KpiReport", "listener", "NotNull", "must not be null");
        }
        kpis.forEach(kpi -> validate(kpi, request));
        Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        // one moment for the whole report, so that KPIs asking the same question share its answer
        List<KpiResult> results = shared.during(() -> {
            List<KpiResult> computed = new ArrayList<>(kpis.size());
            for (Kpi kpi : kpis) {
                computed.add(computeAt(kpi, request, generatedAt));
                listener.onProgress(new Progress(REPORT_OPERATION, "KPIs", computed.size(),
                        OptionalLong.of(kpis.size()), 0, 0, Duration.ofNanos(System.nanoTime() - started),
                        computed.size() == kpis.size()));
            }
            return computed;
        });
        KpiReport report = new KpiReport(request.period(), request.breakdown(), generatedAt, results);
        observer.kpiReportFinished(report, Duration.ofNanos(System.nanoTime() - started));
        return report;
    }

    /** The operation name a report's progress carries. */
    public static final String REPORT_OPERATION = "kpi report";

    /**
     * Computes every KPI that can be broken down as asked; money KPIs only when the request names a currency.
     *
     * @param request the period, breakdown and currency
     * @return one result per applicable KPI, in the order of {@link #kpis()}
     */
    public KpiReport report(KpiRequest request) {
        if (request == null) {
            throw ValidationException.of("KpiRequest", "request", "NotNull", "must not be null");
        }
        List<Kpi> applicable = kpis().stream()
                .filter(kpi -> dimensions(kpi).contains(request.breakdown().dimension()))
                .filter(kpi -> !kpi.isMonetary() || request.currency().isPresent())
                .toList();
        return report(request, applicable);
    }

    /**
     * The agent league table over a period: per agent CSAT, first reply time, first resolution time, first-contact
     * resolution and compliments, ranked for recognising high performers.
     *
     * @param period the period the figures count
     * @return one row per agent with any figure in the period, ranked agents first
     */
    public LeagueTable leagueTable(TimeRange period) {
        if (period == null) {
            throw ValidationException.of("LeagueTable", "period", "NotNull", "must not be null");
        }
        KpiRequest request = KpiRequest.over(period).by(Dimension.AGENT);
        return LeagueTable.of(period, settings.leagueMinimumRatings(), compute(Kpi.CSAT, request),
                compute(Kpi.FIRST_REPLY_TIME, request), compute(Kpi.FIRST_RESOLUTION_TIME, request),
                compute(Kpi.FIRST_CONTACT_RESOLUTION, request), compute(Kpi.COMPLIMENTS, request));
    }

    // ----------------------------------------------------------------------------------------------- validation

    private void validate(Kpi kpi, KpiRequest request) {
        if (kpi == null || request == null) {
            List<Violation> missing = new ArrayList<>();
            if (kpi == null) {
                missing.add(new Violation("kpi", "NotNull", "must not be null"));
            }
            if (request == null) {
                missing.add(new Violation("request", "NotNull", "must not be null"));
            }
            throw new ValidationException("KpiRequest", missing);
        }
        Set<Dimension> supported = dimensions(kpi);
        List<Violation> bad = new ArrayList<>();
        Breakdown breakdown = request.breakdown();
        if (!supported.contains(breakdown.dimension())) {
            bad.add(new Violation("breakdown.dimension", "Supported", kpi.code() + " can be broken down by "
                    + supported.stream().map(Enum::name).collect(Collectors.joining(", ")) + " only"));
        }
        if (breakdown.isPeriod()) {
            TimeRange period = request.period();
            if (period.from().isBefore(EARLIEST_PERIOD) || period.to().isAfter(LATEST_PERIOD)) {
                bad.add(new Violation("period", "Bounded",
                        "must lie between the years 1 and 9999 to be broken down by period"));
            } else if (Times.countBuckets(period, breakdown.granularity(), breakdown.zone(), MAX_PERIODS)
                    > MAX_PERIODS) {
                bad.add(new Violation("breakdown.granularity", "MaxPeriods",
                        "must not split the period into more than " + MAX_PERIODS + " periods"));
            }
        }
        FieldBreakdowns.problem(breakdown, customFields).ifPresent(bad::add);
        if (kpi.isMonetary() && request.currency().isEmpty()) {
            bad.add(new Violation("currency", "NotNull", "must be given for " + kpi.code()));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException("KpiRequest", bad);
        }
    }

    // ----------------------------------------------------------------------------------------------- running

    private <T> KpiResult run(Definition<T> definition, KpiRequest request, Instant asOf) {
        Kpi kpi = definition.kpi;
        Slice whole = new Slice(request.period(), Breakdown.TOTAL, asOf, settings.journeyStages());
        Function<Slice, Tallies<T>> fetch = slice -> definition.fetch.apply(slice, request);
        KpiFigure total = figure(definition, GroupKey.TOTAL, only(fetch.apply(whole)));
        List<KpiFigure> groups = new ArrayList<>();
        Breakdown breakdown = request.breakdown();
        if (breakdown.isPeriod()) {
            List<Times.Bucket> buckets = Times.buckets(request.period(), breakdown.granularity(), breakdown.zone());
            if (definition.stock) {
                for (Times.Bucket bucket : buckets) {
                    Tally<T> tally = only(fetch.apply(whole.with(bucket.range(), Breakdown.TOTAL)));
                    groups.add(figure(definition, bucket.key(), tally));
                }
            } else {
                Tallies<T> tallies = fetch.apply(whole.with(request.period(), breakdown));
                for (Times.Bucket bucket : buckets) {
                    GroupKey key = bucket.key();
                    Tally<T> tally = tallies.group(key)
                            .orElse(new Tally<>(key, definition.empty, Exclusions.NONE));
                    groups.add(figure(definition, key, tally));
                }
            }
        } else if (breakdown.dimension() != Dimension.TOTAL) {
            for (Tally<T> tally : fetch.apply(whole.with(request.period(), breakdown)).groups()) {
                groups.add(figure(definition, tally.group(), tally));
            }
        }
        return new KpiResult(kpi, request.period(), breakdown, asOf, definition.parameters.apply(request), total,
                groups);
    }

    private <T> Tally<T> only(Tallies<T> tallies) {
        if (tallies.groups().size() > 1) {
            throw new IllegalStateException("a total breakdown answered with " + tallies.groups().size() + " groups");
        }
        return tallies.groups().isEmpty() ? null : tallies.groups().get(0);
    }

    private <T> KpiFigure figure(Definition<T> definition, GroupKey key, Tally<T> tally) {
        T value = tally == null ? definition.empty : tally.value();
        Exclusions excluded = tally == null ? Exclusions.NONE : tally.excluded();
        return definition.figure.make(definition.kpi, key, value, excluded);
    }

    // ----------------------------------------------------------------------------------------------- definitions

    @FunctionalInterface
    private interface Fetch<T> {
        Tallies<T> apply(Slice slice, KpiRequest request);
    }

    @FunctionalInterface
    private interface FigureMaker<T> {
        KpiFigure make(Kpi kpi, GroupKey group, T value, Exclusions excluded);
    }

    /** How one built-in KPI is asked for and turned into figures. */
    private record Definition<T>(Kpi kpi, boolean stock, Set<Dimension> dimensions, Fetch<T> fetch, T empty,
            FigureMaker<T> figure, Function<KpiRequest, Map<String, String>> parameters) {
    }

    private Map<Kpi, Definition<?>> definitions() {
        Map<Kpi, Definition<?>> all = new LinkedHashMap<>();
        ElapsedTime elapsed = settings.elapsedTime();
        Map<String, String> timeBasis = Map.of("time_basis", elapsed.basis(), "percentile_method",
                "linear interpolation between closest ranks (percentile_cont)");
        String reference = scaleLabel(settings.csatReferenceScale());

        add(all, new Definition<>(Kpi.CSAT, false, ALL, (s, r) -> csatScores(s), ScoreHistogram.EMPTY, this::csatShare,
                r -> Map.of("threshold", settings.csatThreshold() + " on " + reference,
                        "unit_of_count", "rating")));
        add(all, new Definition<>(Kpi.CSAT_MEAN, false, ALL, (s, r) -> csatScores(s), ScoreHistogram.EMPTY, this::csatMean,
                r -> Map.of("reference_scale", reference, "unit_of_count", "rating")));
        add(all, new Definition<>(Kpi.NPS, false, ALL,
                (s, r) -> queries.feedbackScores(FeedbackMetric.NPS, s), ScoreHistogram.EMPTY, KpiEngine::nps,
                r -> Map.of("promoters", "9-10", "detractors", "0-6")));
        add(all, new Definition<>(Kpi.CES, false, ALL,
                (s, r) -> queries.feedbackScores(FeedbackMetric.CES, s), ScoreHistogram.EMPTY, KpiEngine::ces,
                r -> Map.of("normalisation", "0 = most effort, 1 = least effort, per stored scale and direction")));
        add(all, new Definition<>(Kpi.FIRST_REPLY_TIME, false, ALL,
                (s, r) -> queries.firstReplyTimes(s, elapsed), DurationSummary.EMPTY, KpiEngine::durations,
                r -> withCohort(timeBasis)));
        add(all, new Definition<>(Kpi.NEXT_REPLY_TIME, false, ALL,
                (s, r) -> queries.nextReplyTimes(s, elapsed), DurationSummary.EMPTY, KpiEngine::durations,
                r -> withCohort(timeBasis)));
        Map<String, String> paused = with(withCohort(timeBasis), "paused_statuses",
                settings.resolutionPausedStatuses().isEmpty() ? "none"
                        : settings.resolutionPausedStatuses().stream().map(Enum::name).sorted()
                                .collect(Collectors.joining(",")));
        add(all, new Definition<>(Kpi.FIRST_RESOLUTION_TIME, false, CASE_LABELLED,
                (s, r) -> queries.resolutionTimes(ResolutionMilestone.FIRST, settings.resolutionPausedStatuses(), s,
                        elapsed), DurationSummary.EMPTY, KpiEngine::durations, r -> paused));
        add(all, new Definition<>(Kpi.FULL_RESOLUTION_TIME, false, CASE_LABELLED,
                (s, r) -> queries.resolutionTimes(ResolutionMilestone.FULL, settings.resolutionPausedStatuses(), s,
                        elapsed), DurationSummary.EMPTY, KpiEngine::durations, r -> paused));
        add(all, new Definition<>(Kpi.FIRST_CONTACT_RESOLUTION, false, ALL,
                (s, r) -> queries.firstContactResolution(settings.fcrDefinition(), settings.repeatContactWindow(),
                        s), KpiQueries.FcrCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.firstContactResolved()), big(v.resolved()),
                        stats("resolved", v.resolved(), "first_contact_resolved", v.firstContactResolved()), x),
                r -> {
                    Map<String, String> p = withCohort(Map.of("definition", settings.fcrDefinition().name()));
                    return settings.fcrDefinition() == FcrDefinition.NO_REPEAT_CONTACT
                            ? with(p, "repeat_window", settings.repeatContactWindow().toString()) : p;
                }));
        add(all, new Definition<>(Kpi.REPEAT_CONTACT_RATE, false, ALL,
                (s, r) -> queries.repeatContacts(settings.repeatContactWindow(), s),
                KpiQueries.RepeatContacts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.repeats()), big(v.contacts()),
                        stats("contacts", v.contacts(), "repeats", v.repeats()), x),
                r -> Map.of("window", settings.repeatContactWindow().toString(), "counted_from",
                        "the first contact, forward", "contact", "a case, or an inbound interaction outside a case")));
        add(all, new Definition<>(Kpi.REOPEN_RATE, false, CASE_LABELLED, (s, r) -> queries.reopens(s),
                KpiQueries.ReopenCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.reopened()), big(v.resolved()),
                        stats("resolved", v.resolved(), "reopened", v.reopened()), x),
                r -> withCohort(Map.of())));
        add(all, new Definition<>(Kpi.BACKLOG, true, BACKLOG,
                (s, r) -> queries.backlog(settings.backlogAgeBounds(), s, elapsed),
                BacklogSnapshot.empty(settings.backlogAgeBounds().size() + 1), this::backlog,
                r -> with(Map.of("taken_at", "the end of each period", "age_bands",
                        settings.backlogAgeBounds().stream().map(Duration::toString).collect(Collectors.joining(","))),
                        "time_basis", elapsed.basis())));
        add(all, new Definition<>(Kpi.AVERAGE_HANDLE_TIME, false, ALL, (s, r) -> queries.handleTimes(s),
                KpiQueries.HandleTimeTotals.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, Times.seconds(v.totalMicros()), big(v.contacts()),
                        statsOf(Map.of("talk_seconds", Times.seconds(v.talkMicros()), "hold_seconds",
                                Times.seconds(v.holdMicros()), "after_contact_work_seconds",
                                Times.seconds(v.afterContactWorkMicros())), "talk_seconds", "hold_seconds",
                                "after_contact_work_seconds"), x),
                r -> Map.of("contacts_handled", "interactions handled by a human with a handle time")));
        Map<String, String> base = Map.of("customer_base_rule", settings.customerBaseRule().name(),
                "activity_window", settings.activityWindow().toString());
        add(all, new Definition<>(Kpi.CHURN_RATE, true, CHURN, this::churnInputs, new Churn(CustomerBase.EMPTY, 0),
                KpiEngine::churn, r -> r.breakdown().dimension() != Dimension.CHURN_REASON ? base
                        : with(base, "by_churn_reason", "customers lost with the reason, over all customers at the"
                                + " start")));
        add(all, new Definition<>(Kpi.RETENTION_RATE, true, CUSTOMER_LEVEL,
                (s, r) -> customerBase(s), CustomerBase.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.atEnd() - v.gained()), big(v.atStart()), baseStats(v), x),
                r -> base));
        add(all, new Definition<>(Kpi.LOYAL_CUSTOMER_SHARE, true, CUSTOMER_LEVEL,
                (s, r) -> queries.loyalty(settings.loyaltyWindow(), settings.loyaltyMinimumPurchases(), s),
                KpiQueries.Loyalty.EMPTY,
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
                new Predictive(PurchaseTotals.EMPTY, CustomerBase.EMPTY), KpiEngine::predictive,
                r -> with(with(base, "currency", r.currency().orElseThrow().getCurrencyCode()), "lifespan",
                        "1 / churn rate, in periods of the requested length")));
        add(all, new Definition<>(Kpi.REVENUE_AFTER_SERVICE, false, ALL,
                (s, r) -> queries.revenueAfterService(settings.revenueAfterServiceWindow(), r.currency().orElseThrow(),
                        s), KpiQueries.RevenueAfterService.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, v.revenueAfterService(), v.revenue(),
                        statsOf(Map.of("purchases", big(v.purchases()), "purchases_after_service",
                                big(v.purchasesAfterService()), "revenue", v.revenue(), "revenue_after_service",
                                v.revenueAfterService()), "purchases", "purchases_after_service", "revenue",
                                "revenue_after_service"), x),
                r -> Map.of("window", settings.revenueAfterServiceWindow().toString(), "currency",
                        r.currency().orElseThrow().getCurrencyCode())));
        add(all, new Definition<>(Kpi.CONTAINMENT_RATE, false, ALL,
                (s, r) -> queries.containment(settings.containmentWindow(), settings.automatedChannels(), s),
                KpiQueries.Containment.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.contained()), big(v.automatedContacts()),
                        stats("automated_contacts", v.automatedContacts(), "contained", v.contained()), x),
                r -> Map.of("window", settings.containmentWindow().toString(), "automated_channels",
                        settings.automatedChannels().stream().map(c -> c.code()).sorted()
                                .collect(Collectors.joining(",")))));
        add(all, new Definition<>(Kpi.COMPLIMENTS, false, ALL, (s, r) -> queries.compliments(s),
                KpiQueries.Count.EMPTY, (k, g, v, x) -> KpiFigure.count(k, g, v.count(), Map.of(), x),
                r -> Map.of("compliment", "an interaction of kind COMPLIMENT, or a complaint of kind COMPLIMENT",
                        "credit", "a compliment counts once for each agent (and team) it credits")));
        add(all, new Definition<>(Kpi.SURVEY_RESPONSE_RATE, false, ALL, (s, r) -> queries.surveyResponses(s),
                KpiQueries.SurveyResponses.EMPTY,
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
                KpiQueries.Count.EMPTY, (k, g, v, x) -> KpiFigure.count(k, g, v.count(), Map.of(), x),
                r -> Map.of("contact", "an inbound, public interaction that is not a note, purchase or feedback")));
        Map<String, String> call = Map.of("call", "an inbound interaction of kind CALL (answered) or MISSED_CALL");
        add(all, new Definition<>(Kpi.MISSED_CALL_RATE, false, ALL, (s, r) -> queries.calls(s),
                KpiQueries.CallCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.missed()), big(v.offered()), callStats(v), x),
                r -> with(call, "missed", "every MISSED_CALL, abandoned or not")));
        add(all, new Definition<>(Kpi.ABANDONMENT_RATE, false, ALL, (s, r) -> queries.calls(s),
                KpiQueries.CallCounts.EMPTY,
                (k, g, v, x) -> KpiFigure.of(k, g, big(v.abandoned()), big(v.offered()), callStats(v), x),
                r -> with(call, "abandoned", "a MISSED_CALL marked abandoned: the caller hung up while waiting")));
        add(all, new Definition<>(Kpi.AVERAGE_SPEED_OF_ANSWER, false, ALL, (s, r) -> queries.speedOfAnswer(s),
                DurationSummary.EMPTY, KpiEngine::durations,
                r -> Map.of("answered_call", "an inbound interaction of kind CALL", "wait",
                        "from reaching the business to the answer, as recorded with the call", "percentile_method",
                        "linear interpolation between closest ranks (percentile_cont)")));
    }

    private static Map<String, BigDecimal> callStats(KpiQueries.CallCounts calls) {
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

    // ----------------------------------------------------------------------------------------------- figures

    /** Whether a score is at or above the threshold, once both are mapped to 0..1 on their scales. */
    boolean satisfied(Scale scale, int score) {
        Scale reference = settings.csatReferenceScale();
        long good = scale.direction() == ScaleDirection.HIGHER_IS_BETTER ? score - scale.min() : scale.max() - score;
        return good * (reference.max() - reference.min())
                >= (long) (settings.csatThreshold() - reference.min()) * (scale.max() - scale.min());
    }

    private KpiFigure csatShare(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        long rated = 0;
        long satisfied = 0;
        for (ScoreCount count : histogram.counts()) {
            rated += count.count();
            if (satisfied(count.scale(), count.score())) {
                satisfied += count.count();
            }
        }
        return KpiFigure.of(kpi, group, big(satisfied), big(rated), stats("rated", rated, "satisfied", satisfied),
                excluded);
    }

    private KpiFigure csatMean(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        Scale reference = settings.csatReferenceScale();
        BigDecimal span = BigDecimal.valueOf(reference.max() - reference.min());
        BigDecimal sum = BigDecimal.ZERO;
        long rated = 0;
        Map<Scale, long[]> perScale = perScale(histogram);
        for (Map.Entry<Scale, long[]> e : perScale.entrySet()) {
            long n = e.getValue()[0];
            rated += n;
            BigDecimal normalised = normalisedSum(e.getKey(), n, e.getValue()[1]);
            sum = sum.add(BigDecimal.valueOf(reference.min()).multiply(BigDecimal.valueOf(n)))
                    .add(span.multiply(normalised));
        }
        return KpiFigure.of(kpi, group, sum, big(rated), scaleStats(perScale), excluded);
    }

    private static KpiFigure nps(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        long promoters = 0;
        long passives = 0;
        long detractors = 0;
        for (ScoreCount count : histogram.counts()) {
            if (count.score() >= 9) {
                promoters += count.count();
            } else if (count.score() >= 7) {
                passives += count.count();
            } else {
                detractors += count.count();
            }
        }
        Map<String, BigDecimal> stats = stats("promoters", promoters, "passives", passives);
        stats.put("detractors", big(detractors));
        return KpiFigure.of(kpi, group, big(promoters - detractors), big(promoters + passives + detractors), stats,
                excluded);
    }

    private static KpiFigure ces(Kpi kpi, GroupKey group, ScoreHistogram histogram, Exclusions excluded) {
        BigDecimal sum = BigDecimal.ZERO;
        long responses = 0;
        Map<Scale, long[]> perScale = perScale(histogram);
        for (Map.Entry<Scale, long[]> e : perScale.entrySet()) {
            responses += e.getValue()[0];
            sum = sum.add(normalisedSum(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return KpiFigure.of(kpi, group, sum, big(responses), scaleStats(perScale), excluded);
    }

    /** Per scale, in histogram order: {responses, sum of raw scores}. */
    private static Map<Scale, long[]> perScale(ScoreHistogram histogram) {
        Map<Scale, long[]> perScale = new LinkedHashMap<>();
        for (ScoreCount count : histogram.counts()) {
            long[] totals = perScale.computeIfAbsent(count.scale(), s -> new long[2]);
            totals[0] += count.count();
            totals[1] += count.count() * count.score();
        }
        return perScale;
    }

    /** The sum of n scores mapped to 0..1 (1 the good end): (sum - n*min) / (max - min), mirrored if lower is better. */
    private static BigDecimal normalisedSum(Scale scale, long n, long rawSum) {
        long good = scale.direction() == ScaleDirection.HIGHER_IS_BETTER ? rawSum - n * scale.min()
                : n * scale.max() - rawSum;
        return BigDecimal.valueOf(good).divide(BigDecimal.valueOf(scale.max() - scale.min()), EXACT_ENOUGH);
    }

    private static Map<String, BigDecimal> scaleStats(Map<Scale, long[]> perScale) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        perScale.forEach((scale, totals) -> {
            stats.put("responses_on_" + scaleLabel(scale), big(totals[0]));
            stats.put("raw_mean_on_" + scaleLabel(scale),
                    KpiFigure.plain(BigDecimal.valueOf(totals[1]).divide(BigDecimal.valueOf(totals[0]),
                            KpiFigure.PRECISION)));
        });
        return stats;
    }

    /** A scale as a statistic name part: {@code 1_to_5_higher_is_better}. */
    static String scaleLabel(Scale scale) {
        return scale.min() + "_to_" + scale.max() + "_" + scale.direction().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static KpiFigure durations(Kpi kpi, GroupKey group, DurationSummary summary, Exclusions excluded) {
        return KpiFigure.of(kpi, group, Times.seconds(summary.totalMicros()), big(summary.count()),
                durationStats("", summary), excluded);
    }

    private static Map<String, BigDecimal> durationStats(String prefix, DurationSummary summary) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        if (summary.count() > 0) {
            stats.put(prefix + "median_seconds", Times.seconds(summary.medianMicros()));
            stats.put(prefix + "p90_seconds", Times.seconds(summary.p90Micros()));
            stats.put(prefix + "min_seconds", Times.seconds(summary.minMicros()));
            stats.put(prefix + "max_seconds", Times.seconds(summary.maxMicros()));
        }
        return stats;
    }

    private KpiFigure backlog(Kpi kpi, GroupKey group, BacklogSnapshot snapshot, Exclusions excluded) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        DurationSummary ages = snapshot.ages();
        if (ages.count() > 0) {
            stats.put("age_mean_seconds", Times.seconds(BigDecimal.valueOf(ages.totalMicros())
                    .divide(BigDecimal.valueOf(ages.count()), KpiFigure.PRECISION)));
        }
        stats.putAll(durationStats("age_", ages));
        List<Duration> bounds = settings.backlogAgeBounds();
        for (int band = 0; band < snapshot.bandCounts().size(); band++) {
            stats.put(bandName(bounds, band), big(snapshot.bandCounts().get(band)));
        }
        return KpiFigure.count(kpi, group, snapshot.cases(), stats, excluded);
    }

    /** {@code aged_under_1d}, {@code aged_1d_to_3d}, ..., {@code aged_30d_and_more}. */
    static String bandName(List<Duration> bounds, int band) {
        if (bounds.isEmpty()) {
            return "aged_any";
        }
        if (band == 0) {
            return "aged_under_" + shortDuration(bounds.get(0));
        }
        if (band == bounds.size()) {
            return "aged_" + shortDuration(bounds.get(band - 1)) + "_and_more";
        }
        return "aged_" + shortDuration(bounds.get(band - 1)) + "_to_" + shortDuration(bounds.get(band));
    }

    private static String shortDuration(Duration d) {
        if (d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3_600 == 0 && d.getNano() == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0 && d.getNano() == 0) {
            return d.toMinutes() + "m";
        }
        return d.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, BigDecimal> baseStats(CustomerBase base) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        stats.put("customers_at_start", big(base.atStart()));
        stats.put("customers_at_end", big(base.atEnd()));
        stats.put("retained", big(base.retained()));
        stats.put("lost", big(base.lost()));
        stats.put("new", big(base.gained()));
        stats.put("new_registrations", big(base.newRegistrations()));
        stats.put("reactivated", big(base.reactivated()));
        return stats;
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

    private static BigDecimal big(long value) {
        return BigDecimal.valueOf(value);
    }

    private static Map<String, BigDecimal> stats(String name1, long value1, String name2, long value2) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        stats.put(name1, big(value1));
        stats.put(name2, big(value2));
        return stats;
    }

    private static Map<String, BigDecimal> statsOf(Map<String, BigDecimal> values, String... order) {
        Map<String, BigDecimal> stats = new LinkedHashMap<>();
        for (String name : order) {
            stats.put(name, KpiFigure.plain(values.get(name)));
        }
        return stats;
    }

    // ----------------------------------------------------------------------------------------------- builder

    /** Builds a {@link KpiEngine}; not thread-safe. */
    public static final class Builder {
        private RapportStorage storage;
        private KpiQueries queries;
        private Source source = Source.AUTO;
        private Clock clock;
        private KpiSettings settings = KpiSettings.defaults();
        private final Map<Kpi, KpiCalculator> calculators = new LinkedHashMap<>();
        private dev.rapport.RapportObserver observer = dev.rapport.RapportObserver.NONE;
        private dev.rapport.field.FieldSchema customFields;

        private Builder() {
        }

        /**
         * Sets the custom fields declared for cases and customers, against which a breakdown by
         * {@link Dimension#FIELD} or {@link Dimension#CUSTOMER_FIELD} is checked: a field not declared for the
         * scope is refused with a {@link ValidationException} on {@code breakdown.field}. Default none: the name is
         * not checked (a field no record has gives one group without value). Rapport sets its own schema.
         *
         * @param value the declared fields, or null not to check names
         * @return this builder
         */
        public Builder customFields(dev.rapport.field.FieldSchema value) { customFields = value; return this; }

        /**
         * Sets the storage the default queries stream over; no default (required unless queries are given).
         *
         * @param value the storage
         * @return this builder
         */
        public Builder storage(RapportStorage value) { storage = value; return this; }

        /**
         * Sets who answers the KPI questions, overriding {@link #source(Source)}; default none: chosen by the
         * source.
         *
         * @param value the queries; {@code null} to choose by the source
         * @return this builder
         */
        public Builder queries(KpiQueries value) { queries = value; return this; }

        /**
         * Sets whether the storage's own answers or streaming is used when no {@link #queries(KpiQueries)} are
         * given; default {@link Source#AUTO}.
         *
         * @param value where answers come from when no queries are given
         * @return this builder
         */
        public Builder source(Source value) { source = value; return this; }

        /**
         * Sets the clock; no default (required).
         *
         * @param value the clock giving each result's computation instant
         * @return this builder
         */
        public Builder clock(Clock value) { clock = value; return this; }

        /**
         * Sets the KPI definitions; default {@link KpiSettings#defaults()}.
         *
         * @param value the KPI definitions
         * @return this builder
         */
        public Builder settings(KpiSettings value) { settings = value; return this; }

        /**
         * Sets who is told of every report and how long it took; its failures are logged and ignored; default
         * {@link dev.rapport.RapportObserver#NONE}.
         *
         * @param value the observer
         * @return this builder
         */
        public Builder observer(dev.rapport.RapportObserver value) { observer = value; return this; }

        /**
         * Adds a calculator for a KPI of another package; default none.
         *
         * @param value the calculator; replaces one added before for the same KPI
         * @return this builder
         */
        public Builder calculator(KpiCalculator value) {
            Objects.requireNonNull(value, "calculator");
            calculators.put(value.kpi(), value);
            return this;
        }

        /**
         * The engine.
         *
         * @return the engine
         * @throws ValidationException naming each missing property, or a calculator that reuses a built-in code
         */
        public KpiEngine build() {
            List<Violation> bad = new ArrayList<>();
            if (storage == null && queries == null) {
                bad.add(new Violation("storage", "NotNull", "must be given unless queries are"));
            }
            if (clock == null) {
                bad.add(new Violation("clock", "NotNull", "must not be null"));
            }
            if (source == null) {
                bad.add(new Violation("source", "NotNull", "must not be null"));
            } else if (queries == null && storage != null && source == Source.STORAGE
                    && storage.kpiQueries().isEmpty()) {
                bad.add(new Violation("source", "Available", "the storage answers no KPI queries itself"));
            }
            if (settings == null) {
                bad.add(new Violation("settings", "NotNull", "must not be null"));
            }
            if (observer == null) {
                bad.add(new Violation("observer", "NotNull", "must not be null"));
            }
            for (Kpi kpi : calculators.keySet()) {
                if (Kpi.BUILT_IN.stream().anyMatch(b -> b.code().equals(kpi.code()))) {
                    bad.add(new Violation("calculator", "UniqueKpi", kpi.code() + " is a built-in KPI"));
                }
            }
            if (!bad.isEmpty()) {
                throw new ValidationException("KpiEngine", bad);
            }
            return new KpiEngine(this);
        }
    }
}
