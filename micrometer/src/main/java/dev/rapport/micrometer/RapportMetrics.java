package dev.rapport.micrometer;

import dev.rapport.Rapport;
import dev.rapport.followup.DispatchSummary;
import dev.rapport.kpi.KpiReport;
import dev.rapport.observe.RapportObserver;
import dev.rapport.observe.RapportObserver.ImportCounts;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Rapport's metrics in a Micrometer {@link MeterRegistry}: a {@link RapportObserver} that counts what the engine
 * does, plus gauges that read the outbox when the registry is scraped.
 *
 * <pre>{@code
 * RapportMetrics metrics = new RapportMetrics(registry);
 * Rapport rapport = Rapport.builder().storage(storage).observer(metrics).build();
 * metrics.bindGauges(rapport);   // rapport.outbox.pending and rapport.outbox.dead.letters
 * rapport.start();
 * }</pre>
 *
 * <p>Meters, named by Micrometer's conventions (lower-case, dot-separated; each registry renders them its own way,
 * Prometheus as {@code rapport_routing_decisions_total} for example):
 * <table>
 * <caption>Rapport's meters</caption>
 * <tr><th>Name</th><th>Type</th><th>Tags</th><th>Counts</th></tr>
 * <tr><td>{@value #ROUTING_DECISIONS}</td><td>counter</td><td>{@code outcome}: assigned, offered, waiting,
 * dropped</td><td>routing decisions; waiting work is decided again on every dispatch</td></tr>
 * <tr><td>{@value #DISPATCH_ROUNDS}</td><td>counter</td><td></td><td>rounds of the follow-up dispatcher</td></tr>
 * <tr><td>{@value #FOLLOW_UPS}</td><td>counter</td><td>{@code outcome}: sent, retried, failed, expired, cancelled,
 * deferred, released, abandoned</td><td>follow-ups the dispatcher handled</td></tr>
 * <tr><td>{@value #OUTBOX_ROUNDS}</td><td>counter</td><td></td><td>rounds of the outbox relay</td></tr>
 * <tr><td>{@value #OUTBOX_EVENTS}</td><td>counter</td><td>{@code outcome}: delivered, retried, dead_lettered,
 * released</td><td>events the relay handled</td></tr>
 * <tr><td>{@value #OUTBOX_PENDING}</td><td>gauge</td><td></td><td>events waiting for delivery (the relay's
 * backlog), read from storage at each scrape</td></tr>
 * <tr><td>{@value #OUTBOX_DEAD_LETTERS}</td><td>gauge</td><td></td><td>events parked as dead letters, read from
 * storage at each scrape</td></tr>
 * <tr><td>{@value #KPI_REPORT}</td><td>timer</td><td></td><td>how long KPI reports take</td></tr>
 * <tr><td>{@value #IMPORT_ROWS}</td><td>counter</td><td>{@code outcome}: imported, skipped, rejected</td><td>rows
 * of ticket imports, added when each import finishes</td></tr>
 * <tr><td>{@value #AUTOMATION_FIRINGS}</td><td>counter</td><td>{@code rule}: the rule's name</td><td>firings of
 * case automation rules, counted once each across nodes (each firing is committed on one node only)</td></tr>
 * </table>
 * Every meter also carries the common tags given to the constructor.
 *
 * <p>Thread-safe. The counters are registered when it is constructed, so they read zero until something happens.
 */
public final class RapportMetrics implements RapportObserver {

    /** Routing decisions, tagged by {@code outcome}. */
    public static final String ROUTING_DECISIONS = "rapport.routing.decisions";
    /** Rounds of the follow-up dispatcher. */
    public static final String DISPATCH_ROUNDS = "rapport.dispatch.rounds";
    /** Follow-ups the dispatcher handled, tagged by {@code outcome}. */
    public static final String FOLLOW_UPS = "rapport.followups.sent";
    /** Rounds of the outbox relay. */
    public static final String OUTBOX_ROUNDS = "rapport.outbox.rounds";
    /** Events the outbox relay handled, tagged by {@code outcome}. */
    public static final String OUTBOX_EVENTS = "rapport.outbox.events";
    /** Events waiting in the outbox for delivery. */
    public static final String OUTBOX_PENDING = "rapport.outbox.pending";
    /** Events parked in the outbox as dead letters. */
    public static final String OUTBOX_DEAD_LETTERS = "rapport.outbox.dead.letters";
    /** How long KPI reports take. */
    public static final String KPI_REPORT = "rapport.kpi.report";
    /** Rows of ticket imports, tagged by {@code outcome}. */
    public static final String IMPORT_ROWS = "rapport.import.rows";
    /** Firings of case automation rules, tagged by {@code rule}. */
    public static final String AUTOMATION_FIRINGS = "rapport.automation.firings";
    /** The tag that names the automation rule that fired. */
    public static final String RULE = "rule";
    /** The tag that says what became of the thing counted. */
    public static final String OUTCOME = "outcome";

    private static final String[] FOLLOW_UP_OUTCOMES = {
        "sent", "retried", "failed", "expired", "cancelled", "deferred", "released", "abandoned"};
    private static final String[] OUTBOX_OUTCOMES = {"delivered", "retried", "dead_lettered", "released"};
    private static final String[] IMPORT_OUTCOMES = {"imported", "skipped", "rejected"};

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<RoutingOutcome, Counter> routingDecisions = new EnumMap<>(RoutingOutcome.class);
    private final Counter dispatchRounds;
    private final Map<String, Counter> followUps;
    private final Counter outboxRounds;
    private final Map<String, Counter> outboxEvents;
    private final Timer kpiReport;
    private final Map<String, Counter> importRows;
    private final Map<String, Counter> automationFirings = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Metrics in the given registry, with no common tags.
     *
     * @param registry where the meters go
     */
    public RapportMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * Metrics in the given registry, each meter carrying the given tags too (for example the application's name
     * when several Rapports share a registry).
     *
     * @param registry where the meters go
     * @param tags common tags for every meter
     */
    public RapportMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        for (RoutingOutcome outcome : RoutingOutcome.values()) {
            routingDecisions.put(outcome, Counter.builder(ROUTING_DECISIONS).description("Routing decisions")
                    .tags(this.tags).tag(OUTCOME, outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        dispatchRounds = Counter.builder(DISPATCH_ROUNDS).description("Rounds of the follow-up dispatcher")
                .tags(this.tags).register(registry);
        followUps = counters(FOLLOW_UPS, "Follow-ups the dispatcher handled", FOLLOW_UP_OUTCOMES);
        outboxRounds = Counter.builder(OUTBOX_ROUNDS).description("Rounds of the outbox relay").tags(this.tags)
                .register(registry);
        outboxEvents = counters(OUTBOX_EVENTS, "Events the outbox relay handled", OUTBOX_OUTCOMES);
        kpiReport = Timer.builder(KPI_REPORT).description("Time to compute a KPI report").tags(this.tags)
                .register(registry);
        importRows = counters(IMPORT_ROWS, "Rows of ticket imports", IMPORT_OUTCOMES);
    }

    private Map<String, Counter> counters(String name, String description, String[] outcomes) {
        Map<String, Counter> counters = new java.util.HashMap<>();
        for (String outcome : outcomes) {
            counters.put(outcome, Counter.builder(name).description(description).tags(tags).tag(OUTCOME, outcome)
                    .register(registry));
        }
        return Map.copyOf(counters);
    }

    /**
     * Registers the gauges {@value #OUTBOX_PENDING} and {@value #OUTBOX_DEAD_LETTERS}, which read the Rapport's
     * outbox at each scrape (one count query each). Does nothing when the Rapport has no outbox relay (its storage
     * has no outbox, or {@code useOutbox} is off): then nothing waits in an outbox.
     *
     * @param rapport the Rapport whose outbox to read; held by the gauges
     * @return this
     */
    public RapportMetrics bindGauges(Rapport rapport) {
        Objects.requireNonNull(rapport, "rapport");
        rapport.outboxRelay().ifPresent(relay -> {
            gauge(OUTBOX_PENDING, "Events waiting in the outbox for delivery", relay, OutboxRelay::pendingCount);
            gauge(OUTBOX_DEAD_LETTERS, "Events parked in the outbox as dead letters", relay,
                    OutboxRelay::deadLetterCount);
        });
        return this;
    }

    private void gauge(String name, String description, OutboxRelay relay, ToLongFunction<OutboxRelay> read) {
        Gauge.builder(name, relay, r -> {
            try {
                return read.applyAsLong(r);
            } catch (RuntimeException e) {
                return Double.NaN; // the storage cannot be read now; the registry shows a gap, not a wrong zero
            }
        }).description(description).tags(tags).strongReference(true).register(registry);
    }

    @Override
    public void routingDecided(RoutingDecision decision) {
        routingDecisions.get(decision.outcome()).increment();
    }

    @Override
    public void followUpRoundFinished(DispatchSummary round) {
        dispatchRounds.increment();
        add(followUps, "sent", round.sent());
        add(followUps, "retried", round.retried());
        add(followUps, "failed", round.failed());
        add(followUps, "expired", round.expired());
        add(followUps, "cancelled", round.cancelled());
        add(followUps, "deferred", round.deferred());
        add(followUps, "released", round.released());
        add(followUps, "abandoned", round.abandoned());
    }

    @Override
    public void outboxRoundFinished(OutboxRelay.Round round) {
        outboxRounds.increment();
        add(outboxEvents, "delivered", round.delivered());
        add(outboxEvents, "retried", round.retried());
        add(outboxEvents, "dead_lettered", round.deadLettered());
        add(outboxEvents, "released", round.released());
    }

    @Override
    public void kpiReportFinished(KpiReport report, Duration elapsed) {
        kpiReport.record(elapsed);
    }

    @Override
    public void importFinished(ImportCounts counts) {
        add(importRows, "imported", counts.imported());
        add(importRows, "skipped", counts.skipped());
        add(importRows, "rejected", counts.rejected());
    }

    @Override
    public void automationFired(String rule) {
        automationFirings.computeIfAbsent(rule, name -> Counter.builder(AUTOMATION_FIRINGS)
                .description("Firings of case automation rules").tags(tags).tag(RULE, name).register(registry))
                .increment();
    }

    private static void add(Map<String, Counter> counters, String outcome, long amount) {
        if (amount > 0) {
            counters.get(outcome).increment(amount);
        }
    }
}
