package dev.rapport.kpi;

import dev.rapport.progress.Progress;
import dev.rapport.progress.ProgressListener;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(KpiEngine.class);

    /** The most periods one period breakdown may have: {@value}. */
    public static final int MAX_PERIODS = 5_000;

    private static final Instant EARLIEST_PERIOD = LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LATEST_PERIOD = LocalDate.of(9999, 12, 31).atStartOfDay(ZoneOffset.UTC).toInstant();

    private final KpiQueries queries;
    private final Clock clock;
    private final KpiSettings settings;
    private final Map<Kpi, KpiCalculator> calculators;
    private final Map<Kpi, KpiDefinitions.Definition<?>> definitions;
    private final KpiObserver observer;
    private final SharedQuestions shared = new SharedQuestions();
    private final dev.rapport.field.FieldSchema customFields;
    private final KpiFigures figures;

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
        this.observer = builder.observer;
        this.calculators = Map.copyOf(builder.calculators);
        this.definitions = new KpiDefinitions(queries, settings, shared).definitions();
        this.figures = new KpiFigures(settings);
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
        KpiDefinitions.Definition<?> definition = definitions.get(kpi);
        if (definition != null) {
            return definition.dimensions();
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
        return computeAt(kpi, request, now());
    }

    /** The engine clock's now, at the precision every store keeps: microseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        Instant generatedAt = now();
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
        tellObserver(report, Duration.ofNanos(System.nanoTime() - started));
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

    private <T> KpiResult run(KpiDefinitions.Definition<T> definition, KpiRequest request, Instant asOf) {
        Kpi kpi = definition.kpi();
        Slice whole = new Slice(request.period(), Breakdown.TOTAL, asOf, settings.journeyStages());
        Function<Slice, Tallies<T>> fetch = slice -> definition.fetch().apply(slice, request);
        KpiFigure total = figure(definition, GroupKey.TOTAL, only(fetch.apply(whole)));
        List<KpiFigure> groups = new ArrayList<>();
        Breakdown breakdown = request.breakdown();
        if (breakdown.isPeriod()) {
            List<Times.Bucket> buckets = Times.buckets(request.period(), breakdown.granularity(), breakdown.zone());
            if (definition.stock()) {
                for (Times.Bucket bucket : buckets) {
                    Tally<T> tally = only(fetch.apply(whole.with(bucket.range(), Breakdown.TOTAL)));
                    groups.add(figure(definition, bucket.key(), tally));
                }
            } else {
                Tallies<T> tallies = fetch.apply(whole.with(request.period(), breakdown));
                for (Times.Bucket bucket : buckets) {
                    GroupKey key = bucket.key();
                    Tally<T> tally = tallies.group(key)
                            .orElse(new Tally<>(key, definition.empty(), Exclusions.NONE));
                    groups.add(figure(definition, key, tally));
                }
            }
        } else if (breakdown.dimension() != Dimension.TOTAL) {
            for (Tally<T> tally : fetch.apply(whole.with(request.period(), breakdown)).groups()) {
                groups.add(figure(definition, tally.group(), tally));
            }
        }
        return new KpiResult(kpi, request.period(), breakdown, asOf, definition.parameters().apply(request), total,
                groups);
    }

    private static <T> Tally<T> only(Tallies<T> tallies) {
        return KpiDefinitions.only(tallies);
    }

    private <T> KpiFigure figure(KpiDefinitions.Definition<T> definition, GroupKey key, Tally<T> tally) {
        T value = tally == null ? definition.empty() : tally.value();
        Exclusions excluded = tally == null ? Exclusions.NONE : tally.excluded();
        return definition.figure().make(definition.kpi(), key, value, excluded);
    }

    /** Whether a score is at or above the threshold, once both are mapped to 0..1 on their scales. */
    boolean satisfied(Scale scale, int score) {
        return figures.satisfied(scale, score);
    }

    /** Tells the observer of a report; an exception it throws is logged (its type only) and goes no further. */
    private void tellObserver(KpiReport report, Duration elapsed) {
        try {
            observer.kpiReportFinished(report, elapsed);
        } catch (RuntimeException e) {
            LOG.warn("The observer's kpiReportFinished failed ({}); ignored", e.getClass().getName());
        }
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
        private KpiObserver observer = KpiObserver.NONE;
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
         * {@link KpiObserver#NONE}. Every {@code RapportObserver} is a {@link KpiObserver}.
         *
         * @param value the observer
         * @return this builder
         */
        public Builder observer(KpiObserver value) { observer = value; return this; }

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
