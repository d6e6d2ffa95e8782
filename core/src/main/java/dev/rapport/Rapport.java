package dev.rapport;

import dev.rapport.automation.AutomationEngine;
import dev.rapport.automation.AutomationRule;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.cases.CaseService;
import dev.rapport.complaint.ComplaintKpiCalculator;
import dev.rapport.complaint.ComplaintPolicy;
import dev.rapport.complaint.ComplaintService;
import dev.rapport.customer.CustomerService;
import dev.rapport.feedback.FeedbackService;
import dev.rapport.followup.AcknowledgementPolicy;
import dev.rapport.followup.Acknowledgements;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.spi.template.TemplateStore;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.SendWindow;
import dev.rapport.interaction.InteractionService;
import dev.rapport.followup.Trigger;
import dev.rapport.health.HealthOnEvents;
import dev.rapport.health.HealthPolicy;
import dev.rapport.health.HealthScorer;
import dev.rapport.health.HealthService;
import dev.rapport.health.WeightedHealthScorer;
import dev.rapport.followup.InMemoryTemplateStore;
import dev.rapport.followup.Templates;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.DefaultValidation;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.internal.WorkerLoop;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.Router;
import dev.rapport.agent.AgentService;
import dev.rapport.privacy.LegalHold;
import dev.rapport.privacy.PrivacyService;
import dev.rapport.internal.CaseHooks;
import dev.rapport.spi.cases.Case;
import dev.rapport.routing.RoutingConfig;
import dev.rapport.sla.SlaComplianceCalculator;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaService;
import dev.rapport.sla.SlaSweeper;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to Rapport: built once with {@link #builder()}, then shared by the whole application.
 *
 * <pre>{@code
 * Rapport rapport = Rapport.builder()
 *         .storage(new InMemoryStorage())        // required: where Rapport keeps its data
 *         .eventPublisher(myBroker::publish)     // optional: what happened, after each commit
 *         .build()
 *         .start();                              // runs the background workers until close()
 * Customer ann = rapport.customers().register(RegisterCustomer.builder()
 *         .name("Ann Lee")
 *         .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com"))
 *         .build());
 * }</pre>
 *
 * <p>Thread-safe: a Rapport and every service it hands out are safe to share between threads. Every operation runs
 * in one storage transaction and publishes its domain events only after that transaction committed. When the
 * storage has a transactional outbox (the JDBC adapter does) and {@link Builder#useOutbox(boolean)} is on, events
 * are written to it in that transaction and the {@link OutboxRelay} publishes them; otherwise they are published
 * directly after commit. Either way each event goes to the host's publisher and then to the follow-up rules.
 *
 * <p>Lifecycle: {@link Builder#build()} starts nothing. {@link #start()} starts the background {@link Worker}s the
 * configuration needs (outbox relay, follow-up dispatcher, date rules, SLA sweep, complaint sweep, routing), each on
 * by default and switched off with {@link Builder#disable(Worker...)}. {@link #close()} stops them gracefully within
 * a bounded wait (see {@link Builder#shutdownTimeout(Duration)}).
 */
public final class Rapport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rapport.class);

    /** How often the follow-up rules are tried on one event before the failure is reported. */
    private static final int RULE_ATTEMPTS = 3;

    /**
     * The messenger used when the host configures none: it refuses every message with a non-retryable
     * {@link MessageDeliveryException}, so nothing is sent to customers by accident and the failure is visible.
     */
    public static final CustomerMessenger REFUSING_MESSENGER = message -> {
        throw new MessageDeliveryException(
                "no CustomerMessenger is configured; pass one to Rapport.builder().messenger(...)", false, null);
    };

    /** The event publisher used when the host configures none: {@link EventPublisher#NONE}, which drops events. */
    public static final EventPublisher DEFAULT_EVENT_PUBLISHER = EventPublisher.NONE;

    /** The clock used when the host configures none: the system clock in UTC. */
    public static final Clock DEFAULT_CLOCK = Clock.systemUTC();

    /** How long the outbox relay waits when nothing was queued, unless set: 1 second (it is woken on commit). */
    public static final Duration DEFAULT_OUTBOX_RELAY_INTERVAL = OutboxRelay.DEFAULT_POLL_INTERVAL;
    /** How long a follow-up dispatcher thread waits after a round that was not full, unless set: 10 seconds. */
    public static final Duration DEFAULT_FOLLOW_UP_DISPATCHER_INTERVAL = FollowUpDispatcher.DEFAULT_POLL_INTERVAL;
    /** How often the date rules are run over every customer, unless set: every hour (and once at start). */
    public static final Duration DEFAULT_DATE_RULES_INTERVAL = Duration.ofHours(1);
    /** How often the SLA sweep runs, unless set: every minute. */
    public static final Duration DEFAULT_SLA_SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** How often the complaint deadline sweep runs, unless set: every 5 minutes. */
    public static final Duration DEFAULT_COMPLAINT_SWEEP_INTERVAL = Duration.ofMinutes(5);
    /** How often the routing worker ticks (offer time-outs, dispatch of waiting work), unless set: 500 ms. */
    public static final Duration DEFAULT_ROUTING_INTERVAL = Duration.ofMillis(500);
    /** How often the {@link Worker#AUTOMATIONS} worker runs the case automation rules by default: every minute. */
    public static final Duration DEFAULT_AUTOMATIONS_INTERVAL = Duration.ofMinutes(1);
    /** How often every customer's health is evaluated, unless set: every day (and once at start). */
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofDays(1);

    /** How often the customers an event marked are re-scored, unless set: every 10 seconds. */
    public static final Duration DEFAULT_HEALTH_RESCORE_INTERVAL = Duration.ofSeconds(10);
    /** The wait after a worker's first failed round, unless set: 1 second, doubled per further failure. */
    public static final Duration DEFAULT_RESTART_BACKOFF = WorkerLoop.DEFAULT_RESTART_BACKOFF;
    /** The longest wait after a worker's failed rounds, unless set: 1 minute. */
    public static final Duration DEFAULT_MAX_RESTART_BACKOFF = WorkerLoop.DEFAULT_MAX_RESTART_BACKOFF;
    /**
     * How long {@link #close()} waits for the workers' rounds in flight, unless set: 10 seconds; the outbox relay
     * then gets as long again for its round in flight and a final round, so close() returns within twice this.
     */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final RapportStorage storage;
    private final CustomerMessenger messenger;
    private final EventPublisher eventPublisher;
    private final Clock clock;
    private final Validator validator;
    private final RapportObserver observer;
    private final CustomerService customers;
    private final InteractionService interactions;
    private final CaseService cases;
    private final FeedbackService feedback;
    private final Optional<OutboxRelay> outboxRelay;
    private final FollowUpScheduler followUps;
    private final FollowUpDispatcher followUpDispatcher;
    private final KpiEngine kpis;
    private final SlaService sla;
    private final SlaSweeper slaSweeper;
    private final Supplier<Router> routing;
    private final AgentService agents;
    private final PrivacyService privacy;
    private final ComplaintService complaints;
    private final AutomationEngine automations;
    private final HealthService health;
    private final HealthOnEvents healthOnEvents;
    private final Templates templates;
    private final EngineRuntime runtime;
    private final Set<Worker> disabled;
    private final Map<Worker, Duration> intervals;
    private final boolean routingConfigured;
    private final Duration restartBackoff;
    private final Duration maxRestartBackoff;
    private final Duration shutdownTimeout;
    private final Object lifecycle = new Object();
    private final Map<Worker, List<WorkerLoop>> loops = new EnumMap<>(Worker.class);
    private final Set<Worker> running = EnumSet.noneOf(Worker.class);
    private boolean started;
    private boolean closed;

    private Rapport(Builder builder) {
        storage = builder.storage;
        messenger = builder.messenger;
        eventPublisher = builder.eventPublisher;
        clock = builder.clock;
        validator = builder.validator != null ? builder.validator : DefaultValidation.validator(clock);
        observer = RapportObserver.guarded(builder.observer);
        disabled = builder.disabled.isEmpty() ? EnumSet.noneOf(Worker.class) : EnumSet.copyOf(builder.disabled);
        intervals = new EnumMap<>(Worker.class);
        for (Worker worker : Worker.values()) {
            intervals.put(worker, builder.intervals.getOrDefault(worker, worker.defaultInterval()));
        }
        routingConfigured = builder.routingConfigured;
        restartBackoff = builder.restartBackoff;
        maxRestartBackoff = builder.maxRestartBackoff;
        shutdownTimeout = builder.shutdownTimeout;
        // the one path of every event: the host's publisher, then the follow-up rules; a failure of the rules alone
        // is retried on its own, so the host does not get the event twice for it
        boolean outboxInUse = builder.useOutbox && storage.outbox().isPresent();
        EventPublisher toHostThenRules = event -> {
            eventPublisher.publish(event);
            deliverToRules(event, outboxInUse);
            rescoreHealth(event);
        };
        outboxRelay = storage.outbox().filter(outbox -> builder.useOutbox)
                .map(outbox -> OutboxRelay.builder().outbox(outbox).publisher(toHostThenRules)
                        .pollInterval(intervals.get(Worker.OUTBOX_RELAY)).restartBackoff(restartBackoff)
                        .maxRestartBackoff(maxRestartBackoff).shutdownTimeout(shutdownTimeout).observer(observer)
                        .build());
        UnitOfWork unitOfWork = UnitOfWork.of(storage, toHostThenRules, builder.useOutbox,
                () -> outboxRelay.ifPresent(OutboxRelay::wake));
        // templates (issue 16): one renderer for follow-ups, complaint letters and automations
        templates = new Templates(builder.templateStore != null ? builder.templateStore : new InMemoryTemplateStore(),
                clock);
        runtime = new EngineRuntime(storage, clock, validator, unitOfWork, observer);
        runtime.useCustomFields(builder.customFields);
        followUps = FollowUpScheduler.builder(runtime).sendWindow(builder.sendWindow).rules(builder.followUpRules)
                .build();
        // acknowledgements (issue 16): a new case's acknowledgement is scheduled in the transaction that opens it
        if (builder.acknowledgement.enabled()) {
            runtime.addCaseHooks(new Acknowledgements(runtime, builder.acknowledgement, builder.slaPolicy,
                    builder.calendars));
        }
        FollowUpDispatcher.Builder dispatcher = FollowUpDispatcher.builder(runtime, messenger)
                .sendWindow(builder.sendWindow).templates(templates).surveys(builder.surveys);
        builder.dispatcherSettings.accept(dispatcher);
        dispatcher.restartBackoff(restartBackoff).maxRestartBackoff(maxRestartBackoff)
                .shutdownTimeout(shutdownTimeout);
        if (builder.intervals.containsKey(Worker.FOLLOW_UP_DISPATCHER)) {
            dispatcher.pollInterval(builder.intervals.get(Worker.FOLLOW_UP_DISPATCHER));
        }
        followUpDispatcher = dispatcher.build();
        CommandValidator commands = runtime.commands();
        sla = new SlaService(storage, builder.slaPolicy, builder.calendars, clock);
        // SLA compliance per target and the complaint figures are computed and reported like the built-in KPIs
        KpiEngine.Builder kpiBuilder = KpiEngine.builder().storage(storage).clock(clock).settings(builder.kpiSettings)
                .observer(observer).customFields(builder.customFields);
        SlaComplianceCalculator.all(storage, sla).forEach(kpiBuilder::calculator);
        ComplaintKpiCalculator.all(storage).forEach(kpiBuilder::calculator);
        kpis = kpiBuilder.build();
        slaSweeper = new SlaSweeper(runtime, sla);
        RoutingConfig routingConfig = builder.routing;
        // built on first use: the router reads every agent into its index, and build() reads nothing from storage
        routing = com.google.common.base.Suppliers.memoize(() -> new Router(runtime, routingConfig));
        if (routingConfigured) {
            // routing is part of the engine: the case lifecycle queues, releases and routes again, inside the
            // transactions of the case changes themselves
            Supplier<CaseHooks> routingHooks = com.google.common.base.Suppliers.memoize(() -> routing().lifecycle());
            runtime.addCaseHooks(new CaseHooks() {
                @Override
                public void opened(Case opened, List<DomainEvent> events) {
                    routingHooks.get().opened(opened, events);
                }

                @Override
                public void statusChanged(Case before, Case after, List<DomainEvent> events) {
                    routingHooks.get().statusChanged(before, after, events);
                }

                @Override
                public void committed() {
                    routingHooks.get().committed();
                }
            });
        }
        // a change to an agent made here reaches this node's router at once; other nodes see it on their next tick
        agents = new AgentService(runtime, agent -> {
            if (routingConfigured) {
                routing().refreshAgent(agent.id());
            }
        });
        privacy = PrivacyService.builder(runtime).legalHold(builder.legalHold).build();
        customers = new CustomerService(runtime);
        interactions = new InteractionService(runtime);
        cases = new CaseService(runtime);
        feedback = new FeedbackService(runtime, builder.surveys);
        complaints = new ComplaintService(runtime, messenger, builder.complaintPolicy, templates);
        // case automations: the rules run by the AUTOMATIONS worker; routing only when the host configured it
        automations = new AutomationEngine(runtime, builder.automationRules, builder.calendars, sla, followUps,
                () -> routingConfigured ? Optional.of(routing()) : Optional.empty());
        health = new HealthService(runtime, builder.healthPolicy, builder.healthScorer != null ? builder.healthScorer
                : new WeightedHealthScorer(builder.healthPolicy), sla, builder.kpiSettings.costToServe());
        // health re-scored soon after the events that move it, while the HEALTH_RESCORE worker runs
        healthOnEvents = new HealthOnEvents(health, storage);
    }

    private void rescoreHealth(DomainEvent event) {
        healthOnEvents.onEvent(event);
    }

    private void deliverToRules(DomainEvent event, boolean outboxInUse) {
        for (int attempt = 1; ; attempt++) {
            try {
                followUps.onEvent(event);
                return;
            } catch (RuntimeException e) {
                if (attempt >= RULE_ATTEMPTS) {
                    if (outboxInUse) {
                        throw e; // the relay keeps the event and tries again later
                    }
                    LOG.warn("Follow-up rules failed on event {} of type {} after {} attempts", event.eventId(),
                            event.type(), attempt, e);
                    return;
                }
            }
        }
    }

    /**
     * A builder with every default in place and no storage yet.
     *
     * @return a new builder; call {@link Builder#storage(RapportStorage)} and then {@link Builder#build()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registering customers, their contact identities and consents, and finding them by any of their addresses.
     *
     * @return the customer service of this Rapport; the same instance on every call
     */
    public CustomerService customers() {
        return customers;
    }

    /**
     * Recording interactions on any channel, idempotently, with their effects on cases.
     *
     * @return the interaction service of this Rapport; the same instance on every call
     */
    public InteractionService interactions() {
        return interactions;
    }

    /**
     * Opening cases, moving them through their lifecycle and assigning them.
     *
     * @return the case service of this Rapport; the same instance on every call
     */
    public CaseService cases() {
        return cases;
    }

    /**
     * Recording CSAT, NPS and CES responses.
     *
     * @return the feedback service of this Rapport; the same instance on every call
     */
    public FeedbackService feedback() {
        return feedback;
    }

    /**
     * Scheduling follow-ups: the rules given to {@link Builder#followUpRules(Collection)} fire from the domain events
     * every service raises; the host can also schedule, trigger and cancel directly.
     *
     * @return the follow-up scheduler of this Rapport; the same instance on every call
     */
    public FollowUpScheduler followUps() {
        return followUps;
    }

    /**
     * The dispatcher that sends due follow-ups through the {@link #messenger()}. {@link #start()} runs it in the
     * background (worker {@link Worker#FOLLOW_UP_DISPATCHER}); with that worker disabled, call
     * {@link FollowUpDispatcher#dispatchDue()} from your own scheduler. {@link #close()} stops it.
     *
     * @return the follow-up dispatcher of this Rapport, running or not; the same instance on every call
     */
    public FollowUpDispatcher followUpDispatcher() {
        return followUpDispatcher;
    }

    /**
     * KPIs with exact definitions (see docs/kpis.md), in memory or pushed down to the storage when it can.
     *
     * @return the KPI engine of this Rapport; the same instance on every call
     */
    public KpiEngine kpis() {
        return kpis;
    }

    /**
     * Case automations: the configured rules, a round on demand, and each case's firings; see docs/automation.md.
     * {@link #start()} runs the rounds in the background (worker {@link Worker#AUTOMATIONS}) when rules are
     * configured.
     *
     * @return the automation engine
     */
    public AutomationEngine automations() {
        return automations;
    }

    /**
     * Complaints and compliments on the ISO 10002 model: receipt with a reference and an acknowledgement, deadlines
     * from the configured regime, assessment, response with remedies, escalation, closing, root causes and recurring
     * issues; see docs/complaints.md. {@link #start()} runs its {@code sweep()} for deadline reminders in the
     * background (worker {@link Worker#COMPLAINT_SWEEP}).
     *
     * @return the complaint service of this Rapport; the same instance on every call
     */
    public ComplaintService complaints() {
        return complaints;
    }

    /**
     * Customer health: a transparent score per customer with every factor and its weight, the band stored so that
     * {@code CustomerAtRisk} is raised once per move into {@code AT_RISK}, and the customers at risk by lifetime
     * value; see docs/customers.md. {@link #start()} evaluates every customer in the background (worker
     * {@link Worker#HEALTH}).
     *
     * @return the health service
     */
    public HealthService health() {
        return health;
    }

    /**
     * Message templates by key and locale, with fallback from the customer's locale to its language to the default,
     * kept in the store given to {@link Builder#templates(TemplateStore)}: store them with
     * {@link Templates#put(String, java.util.Locale, String)}, render them with
     * {@link Templates#render(String, java.util.Locale, java.util.Map)}. Follow-ups whose rule names a template,
     * acknowledgements of new cases, complaint letters and automations are written from them.
     *
     * @return the templates service
     */
    public Templates templates() {
        return templates;
    }

    /**
     * Service promises: the SLA clocks of a case, computed from its history under the configured policy.
     *
     * @return the SLA service of this Rapport, under the policy given to {@link Builder#slaPolicy(SlaPolicy)}
     */
    public SlaService sla() {
        return sla;
    }

    /**
     * Raises SLA warnings and breaches as domain events, each once. {@link #start()} runs {@link SlaSweeper#sweep()}
     * in the background (worker {@link Worker#SLA_SWEEP}); with that worker disabled, call it from your own
     * scheduler. {@link #close()} stops it.
     *
     * @return the SLA sweeper of this Rapport, running or not; the same instance on every call
     */
    public SlaSweeper slaSweeper() {
        return slaSweeper;
    }

    /**
     * Registering agents, changing their skills, languages, channels, capacity and team, setting their presence and
     * retiring them; every command is validated and raises its event. When routing is configured, a change reaches
     * this node's router at once and every other node's within one routing tick.
     *
     * @return the agent service of this Rapport; the same instance on every call
     */
    public AgentService agents() {
        return agents;
    }

    /**
     * Routing cases to agents by skills, language, capacity and relationship. All of routing's state is in storage and
     * shared by every node; the router keeps an index of the agents, refreshed from storage's change feed by the
     * routing worker. When the Rapport was built with {@link Builder#routing(RoutingConfig)}, the case lifecycle drives
     * it (new cases routed, resolved ones releasing their agent, reopened ones routed again); otherwise it routes what
     * the host submits. Created on the first call.
     *
     * @return the router of this Rapport, created on the first call and the same instance afterwards
     */
    public Router routing() {
        return routing.get();
    }

    /**
     * Exporting everything held about a customer and erasing it under the configured {@link LegalHold}; its events
     * take the engine's one path like every other service's. See docs/privacy.md.
     *
     * @return the privacy service of this Rapport; the same instance on every call
     */
    public PrivacyService privacy() {
        return privacy;
    }

    /** The runtime every service shares; for Rapport's own wiring and tests, not an API. */
    EngineRuntime runtime() {
        return runtime;
    }

    /**
     * The clock every time Rapport stamps comes from.
     *
     * @return the clock given to {@link Builder#clock(Clock)}, or the system clock in UTC by default
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The storage adapter Rapport keeps its data in.
     *
     * @return the storage adapter given to {@link Builder#storage(RapportStorage)}
     */
    public RapportStorage storage() {
        return storage;
    }

    /**
     * The messenger Rapport sends customer messages through.
     *
     * @return the messenger given to {@link Builder#messenger(CustomerMessenger)}, or {@link #REFUSING_MESSENGER} by
     *        default
     */
    public CustomerMessenger messenger() {
        return messenger;
    }

    /**
     * The publisher Rapport hands domain events to after each commit.
     *
     * @return the publisher given to {@link Builder#eventPublisher(EventPublisher)}, or
     *        {@link #DEFAULT_EVENT_PUBLISHER} by default
     */
    public EventPublisher eventPublisher() {
        return eventPublisher;
    }

    /**
     * The observer told of routing decisions, dispatch and relay rounds, KPI reports and imports (see
     * {@link Builder#observer(RapportObserver)}), guarded so that its failures are only logged.
     *
     * @return the host's observer behind a guard that logs and swallows its exceptions; {@link RapportObserver#NONE} by
     *        default
     */
    public RapportObserver observer() {
        return observer;
    }

    /**
     * The Jakarta validator commands are checked with.
     *
     * @return the validator given to {@link Builder#validator(Validator)}, or the default Hibernate Validator
     */
    public Validator validator() {
        return validator;
    }

    /**
     * The relay publishing events from the storage's transactional outbox, when the storage has one and
     * {@link Builder#useOutbox(boolean)} is on. It runs in the background from {@link #start()} on (worker
     * {@link Worker#OUTBOX_RELAY}); hosts may also call {@link OutboxRelay#relayOnce()} or re-drive dead letters
     * through it.
     *
     * @return the outbox relay, or empty when the storage has no outbox or {@link Builder#useOutbox(boolean)} is off
     */
    public Optional<OutboxRelay> outboxRelay() {
        return outboxRelay;
    }

    /**
     * Starts every background {@link Worker} the configuration needs and does not disable, and returns this
     * Rapport, so {@code Rapport.builder()...build().start()} reads as one line:
     * <ul>
     * <li>{@link Worker#OUTBOX_RELAY} when the storage has an outbox and {@code useOutbox} is on;</li>
     * <li>{@link Worker#FOLLOW_UP_DISPATCHER} always;</li>
     * <li>{@link Worker#DATE_RULES} when a follow-up rule has a date trigger (its first round runs at once);</li>
     * <li>{@link Worker#SLA_SWEEP} when the SLA policy has rules;</li>
     * <li>{@link Worker#COMPLAINT_SWEEP} always;</li>
     * <li>{@link Worker#ROUTING} when the host configured routing with {@link Builder#routing(RoutingConfig)};</li>
     * <li>{@link Worker#HEALTH} always (its first round runs at once).</li>
     * <li>{@link Worker#HEALTH_RESCORE} always.</li>
     * </ul>
     * Each worker runs a round, waits its interval and goes on; a round that fails is logged and tried again after a
     * backoff, and an interrupt that {@link #close()} did not cause does not stop it. Calling it again does nothing.
     *
     * @return this Rapport
     * @throws IllegalStateException if this Rapport was closed
     */
    public Rapport start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this Rapport was closed; build a new one");
            }
            if (started) {
                return this;
            }
            started = true;
            if (enabled(Worker.OUTBOX_RELAY) && outboxRelay.isPresent() && !outboxRelay.get().isRunning()) {
                outboxRelay.get().start();
                running.add(Worker.OUTBOX_RELAY);
            }
            if (enabled(Worker.FOLLOW_UP_DISPATCHER) && !followUpDispatcher.isRunning()) {
                followUpDispatcher.start();
                running.add(Worker.FOLLOW_UP_DISPATCHER);
            }
            if (enabled(Worker.DATE_RULES) && followUps.rules().stream()
                    .anyMatch(rule -> rule.trigger() instanceof Trigger.OnDate)) {
                Duration lookahead = FollowUpScheduler.DEFAULT_DATE_LOOKAHEAD;
                startLoop(Worker.DATE_RULES, () -> {
                    followUps.scheduleUpcoming(lookahead);
                    return false;
                });
            }
            if (enabled(Worker.SLA_SWEEP) && !sla.policy().rules().isEmpty()) {
                startLoop(Worker.SLA_SWEEP, () -> {
                    slaSweeper.sweep();
                    return false;
                });
            }
            if (enabled(Worker.COMPLAINT_SWEEP)) {
                startLoop(Worker.COMPLAINT_SWEEP, () -> {
                    complaints.sweep();
                    return false;
                });
            }
            if (enabled(Worker.HEALTH)) {
                startLoop(Worker.HEALTH, () -> {
                    health.evaluateAll();
                    return false;
                });
            }
            if (enabled(Worker.HEALTH_RESCORE)) {
                healthOnEvents.activate();
                startLoop(Worker.HEALTH_RESCORE, () -> {
                    healthOnEvents.rescorePending();
                    return false;
                });
            }
            if (enabled(Worker.ROUTING) && routingConfigured) {
                startLoop(Worker.ROUTING, () -> {
                    routing().tick();
                    return false;
                });
            }
            if (enabled(Worker.AUTOMATIONS) && !automations.rules().isEmpty()) {
                startLoop(Worker.AUTOMATIONS, () -> {
                    automations.runRound();
                    return false;
                });
            }
            LOG.info("Rapport started its workers {}", running);
            return this;
        }
    }

    private boolean enabled(Worker worker) {
        return !disabled.contains(worker);
    }

    private void startLoop(Worker worker, WorkerLoop.Task task) {
        WorkerLoop loop = new WorkerLoop(worker.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                intervals.get(worker), restartBackoff, maxRestartBackoff, task);
        loop.start();
        loops.computeIfAbsent(worker, w -> new ArrayList<>()).add(loop);
        running.add(worker);
    }

    /**
     * The workers {@link #start()} started and {@link #close()} has not stopped; empty before start().
     *
     * @return the workers running now, as an unmodifiable snapshot; empty before {@link #start()} and after
     *        {@link #close()}
     */
    public Set<Worker> runningWorkers() {
        synchronized (lifecycle) {
            return closed ? Set.of() : Set.copyOf(running);
        }
    }

    /**
     * Stops the background workers gracefully and returns within twice the
     * {@link Builder#shutdownTimeout(Duration) shutdown timeout}: first every worker but the relay, together, within
     * one timeout: each round in flight finishes (the dispatcher sends the follow-up it is at, hands the rest of its
     * batch back and stores its last round; a sweep finishes its page); what still runs then is interrupted, and
     * follow-ups it had claimed go back to the pool when their lease ends. Then the outbox relay, within one more
     * timeout: its round in flight finishes and a final round publishes what is still queued; what it cannot
     * publish stays in the outbox, durable, for the next start. Safe to call more than once and without
     * {@link #start()}. The storage is the host's to close.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        loops.values().forEach(list -> list.forEach(WorkerLoop::stop));
        healthOnEvents.deactivate();
        followUpDispatcher.close();
        slaSweeper.close();
        for (List<WorkerLoop> list : loops.values()) {
            for (WorkerLoop loop : list) {
                loop.close(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
        outboxRelay.ifPresent(OutboxRelay::close);
        LOG.info("Rapport stopped its workers");
    }

    /**
     * Configures and builds a {@link Rapport}. Each setter records its value; {@link #build()} checks them all and
     * names the first property at fault. Not thread-safe; use it from one thread, then share the Rapport.
     */
    public static final class Builder {

        private RapportStorage storage;
        private CustomerMessenger messenger = REFUSING_MESSENGER;
        private EventPublisher eventPublisher = DEFAULT_EVENT_PUBLISHER;
        private Clock clock = DEFAULT_CLOCK;
        private Validator validator;
        private boolean validatorSet;
        private RapportObserver observer = RapportObserver.NONE;
        private final List<FollowUpRule> followUpRules = new ArrayList<>();
        private SendWindow sendWindow = SendWindow.defaults();
        private Consumer<FollowUpDispatcher.Builder> dispatcherSettings = b -> { };
        private KpiSettings kpiSettings = KpiSettings.defaults();
        private SlaPolicy slaPolicy = SlaPolicy.builder().build();
        private BusinessCalendars calendars = new BusinessCalendars();
        private RoutingConfig routing = RoutingConfig.defaults();
        private boolean useOutbox = true;
        private ComplaintPolicy complaintPolicy = ComplaintPolicy.defaults();
        private LegalHold legalHold = LegalHold.NONE;
        private HealthPolicy healthPolicy = HealthPolicy.defaults();
        private HealthScorer healthScorer;
        private boolean healthScorerSet;
        private TemplateStore templateStore;
        private boolean templateStoreSet;
        private AcknowledgementPolicy acknowledgement = AcknowledgementPolicy.off();
        private boolean routingConfigured;
        private final List<AutomationRule> automationRules = new ArrayList<>();
        private boolean badAutomationRule;
        private final Set<Worker> disabled = EnumSet.noneOf(Worker.class);
        private final Map<Worker, Duration> intervals = new EnumMap<>(Worker.class);
        private String badWorkerSetting;
        private Duration restartBackoff = DEFAULT_RESTART_BACKOFF;
        private Duration maxRestartBackoff = DEFAULT_MAX_RESTART_BACKOFF;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private dev.rapport.field.FieldSchema customFields = dev.rapport.field.FieldSchema.NONE;
        private dev.rapport.feedback.SurveySettings surveys = dev.rapport.feedback.SurveySettings.none();

        private Builder() {
        }

        /**
         * Sets how surveys come back: the secret that signs the token each survey follow-up's message carries
         * ({@code surveyToken}, {@code surveyLink}), the token lifetime, and what becomes of a second answer to
         * {@link FeedbackService#answerSurvey}. Default: {@link dev.rapport.feedback.SurveySettings#none()}, no
         * secret, so no token is issued and answers with a token are refused.
         *
         * @param value the survey settings
         * @return this builder
         */
        public Builder surveys(dev.rapport.feedback.SurveySettings value) {
            surveys = value;
            return this;
        }

        /**
         * Sets the survey secret, with the other survey settings at their defaults (token lifetime 14 days, second
         * answers refused); short for {@code surveys(SurveySettings.withSecret(secret))}. Default: no secret.
         *
         * @param secret at least 32 bytes of UTF-8; keep it out of source
         * @return this builder
         * @throws dev.rapport.spi.ValidationException naming {@code secret} if it is null or too short
         */
        public Builder surveySecret(String secret) {
            return surveys(dev.rapport.feedback.SurveySettings.withSecret(secret));
        }

        /**
         * Sets the storage adapter that holds every aggregate, for example the JDBC adapter or
         * {@code dev.rapport.tck.memory.InMemoryStorage}. Required: there is no default.
         *
         * @param value the storage adapter; not null
         * @return this builder
         */
        public Builder storage(RapportStorage value) {
            storage = value;
            return this;
        }

        /**
         * Sets the port that sends messages to customers. Default: {@link Rapport#REFUSING_MESSENGER}, which refuses
         * every message, so nothing goes out until the host wires its own gateways.
         *
         * @param value the messenger that delivers customer messages; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder messenger(CustomerMessenger value) {
            messenger = value;
            return this;
        }

        /**
         * Sets the port that receives domain events after each commit. Default:
         * {@link Rapport#DEFAULT_EVENT_PUBLISHER} ({@link EventPublisher#NONE}), which drops them.
         *
         * @param value the publisher domain events go to after each commit; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder eventPublisher(EventPublisher value) {
            eventPublisher = value;
            return this;
        }

        /**
         * Sets the clock every timestamp comes from; tests pass a fixed or controllable clock. Default:
         * {@link Rapport#DEFAULT_CLOCK}, the system clock in UTC.
         *
         * @param value the clock timestamps are read from; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * Sets the Jakarta validator commands are checked with, for hosts that configure their own. Default: a
         * Hibernate Validator with Expressly for messages, in English, whose factory is built once per class
         * loader and whose {@code @Past} and {@code @Future} constraints read the {@link #clock(Clock) clock}.
         *
         * @param value the validator commands are checked with; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder validator(Validator value) {
            validator = value;
            validatorSet = true;
            return this;
        }

        /**
         * Sets who is told what the engine does, for metrics and monitoring: every routing decision, every round of
         * the follow-up dispatcher and of the outbox relay, every KPI report and its duration, every finished
         * import. {@code rapport-micrometer}'s {@code RapportMetrics} is one; an exception it throws is logged and
         * ignored. Default: {@link RapportObserver#NONE}, which ignores everything.
         *
         * @param value the observer told of the engine's work; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder observer(RapportObserver value) {
            observer = value;
            return this;
        }

        /**
         * Adds follow-up rules (thank-you after a purchase, survey after resolution, call-back after a missed call,
         * birthday greetings, your own); they fire from the domain events the services raise. Default: none.
         *
         * @param rules the rules to add to those already given; not null, may be empty
         * @return this builder
         */
        public Builder followUpRules(Collection<FollowUpRule> rules) {
            followUpRules.addAll(rules);
            return this;
        }

        /**
         * Sets when follow-ups may go out in the customer's own time zone. Default: {@link SendWindow#defaults()},
         * quiet from 21:00 to 08:00 every day.
         *
         * @param value the send window follow-ups keep to; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder sendWindow(SendWindow value) {
            sendWindow = value;
            return this;
        }

        /**
         * Adjusts the follow-up dispatcher (batch size, lease, attempts, backoff, threads...). Default: the
         * dispatcher's own defaults, documented on {@link FollowUpDispatcher.Builder}, except that its shutdown
         * timeout and restart backoff are this builder's ({@link #shutdownTimeout(Duration)},
         * {@link #restartBackoff(Duration)}), and its poll interval is {@link #interval(Worker, Duration)} for
         * {@link Worker#FOLLOW_UP_DISPATCHER} when that is set.
         *
         * @param settings changes applied to the dispatcher's builder when the Rapport is built; null is refused by
         *        {@link #build()}
         * @return this builder
         */
        public Builder followUpDispatcher(Consumer<FollowUpDispatcher.Builder> settings) {
            dispatcherSettings = settings;
            return this;
        }

        /**
         * Sets the KPI definitions (thresholds, windows). Default: {@link KpiSettings#defaults()}.
         *
         * @param value the KPI definitions; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder kpiSettings(KpiSettings value) {
            kpiSettings = value;
            return this;
        }

        /**
         * Sets the SLA targets by priority, channel and segment. Default: a policy with no rules, so no targets.
         *
         * @param value the SLA targets; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder slaPolicy(SlaPolicy value) {
            slaPolicy = value;
            return this;
        }

        /**
         * Sets the business calendars SLA targets in business time refer to by id. Default: an empty registry (only
         * calendar-time targets can then be used).
         *
         * @param value the business calendars by id; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder calendars(BusinessCalendars value) {
            calendars = value;
            return this;
        }

        /**
         * Sets whether the facade's services send their events through the storage's transactional outbox when it has
         * one. Default: {@code true}: events are appended in the same transaction as the change and the relay (worker
         * {@link Worker#OUTBOX_RELAY}, started by {@link Rapport#start()}) publishes them, so a crash between commit
         * and publish loses nothing. {@code false} publishes directly after each commit and has no relay: for
         * short-lived instances doing one-off bulk work, such as an import, whose events the host may not want at
         * all. Either way every event goes to the host's publisher, then to the follow-up rules.
         *
         * @param value {@code true} to publish events through the storage's outbox and its relay, {@code false} to
         *        publish directly after each commit
         * @return this builder
         */
        public Builder useOutbox(boolean value) {
            useOutbox = value;
            return this;
        }

        /**
         * Sets which customers' records erasure must keep, with personal data minimised, for {@link Rapport#privacy()}.
         * Default: {@link LegalHold#NONE}, which holds nothing.
         *
         * @param value the legal hold that decides which customers' records erasure keeps; null is refused by
         *        {@link #build()}
         * @return this builder
         */
        public Builder legalHold(LegalHold value) {
            legalHold = value;
            return this;
        }

        /**
         * Declares the custom fields of cases and customers: typed fields (text with a maximum length, number, date,
         * choice among allowed values) whose values {@code cases().setFields}, {@code customers().setFields} and
         * {@code OpenCase} accept. Checked by {@link #build()}. Default: {@link dev.rapport.field.FieldSchema#NONE},
         * no fields, so every field value is refused as undeclared. See docs/customers.md, "Tags and custom fields".
         *
         * @param value the schema
         * @return this builder
         */
        public Builder customFields(dev.rapport.field.FieldSchema value) {
            customFields = value;
            return this;
        }

        /**
         * Sets the complaint regime (deadlines), business calendar, priority policy and root-cause taxonomy. Default:
         * {@link ComplaintPolicy#defaults()}; see docs/complaints.md for what it holds.
         *
         * @param value the complaint policy; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder complaintPolicy(ComplaintPolicy value) {
            complaintPolicy = value;
            return this;
        }

        /**
         * Sets how customer health is scored and banded: weights per factor, look-back window, band thresholds and
         * caps, for {@link Rapport#health()}. Default: {@link HealthPolicy#defaults()} (documented on
         * {@link HealthPolicy} and in docs/customers.md).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder health(HealthPolicy value) {
            healthPolicy = value;
            return this;
        }

        /**
         * Plugs in the host's own health scorer instead of Rapport's weighted one; its band is the one stored and
         * acted on. Default: a {@link WeightedHealthScorer} over {@link #health(HealthPolicy)}.
         *
         * @param value the scorer
         * @return this builder
         */
        public Builder healthScorer(HealthScorer value) {
            healthScorer = value;
            healthScorerSet = true;
            return this;
        }

        /**
         * Sets where message templates are kept: {@code JdbcStorage.templates()} to keep them in the database, or the
         * host's own {@link TemplateStore} (a CMS, files). Default: a new {@link InMemoryTemplateStore}, empty, which
         * keeps templates only while this Rapport lives; the acknowledgement templates then use their built-in
         * English wording ({@link Templates#BUILT_IN}).
         *
         * @param value the store
         * @return this builder
         */
        public Builder templates(TemplateStore value) {
            templateStore = value;
            templateStoreSet = true;
            return this;
        }

        /**
         * Sets whether and how a new case is acknowledged with a promised answer time, computed from the SLA policy's
         * first-reply target and the business calendars ({@link #slaPolicy(SlaPolicy)}, {@link #calendars(
         * BusinessCalendars)}) and sent by the follow-up dispatcher. Default: {@link AcknowledgementPolicy#off()},
         * no acknowledgements.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder acknowledge(AcknowledgementPolicy value) {
            acknowledgement = value;
            return this;
        }

        /**
         * Configures routing: the strategy, channel costs and waiting rules. Default: not configured, and
         * {@link Rapport#routing()} then uses {@link RoutingConfig#defaults()}; only once this is called does
         * {@link Rapport#start()} run the {@link Worker#ROUTING} worker.
         *
         * @param value the routing configuration; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder routing(RoutingConfig value) {
            routing = value;
            routingConfigured = true;
            return this;
        }

        /**
         * Adds case automation rules, run by the {@link Worker#AUTOMATIONS} worker; names must be unique, and business
         * calendars they name must be among {@link #calendars(BusinessCalendars)}. Default: none, and the worker does
         * not run. See docs/automation.md.
         *
         * @param rules the rules
         * @return this builder
         */
        public Builder automations(AutomationRule... rules) {
            if (rules == null) {
                badAutomationRule = true;
            } else {
                for (AutomationRule rule : rules) {
                    badAutomationRule |= rule == null;
                    automationRules.add(rule);
                }
            }
            return this;
        }

        /**
         * Switches background workers off, so {@link Rapport#start()} does not run them (the host then runs that work
         * itself, or not at all). Default: every worker on.
         *
         * @param workers the workers not to start; none may be null ({@link #build()} then refuses {@code disable})
         * @return this builder
         */
        public Builder disable(Worker... workers) {
            for (Worker worker : workers) {
                if (worker == null) {
                    badWorkerSetting = "disable";
                } else {
                    disabled.add(worker);
                }
            }
            return this;
        }

        /**
         * Sets how long a worker waits between rounds; positive. Default: {@link Worker#defaultInterval()}, that is
         * {@link Rapport#DEFAULT_OUTBOX_RELAY_INTERVAL}, {@link Rapport#DEFAULT_FOLLOW_UP_DISPATCHER_INTERVAL},
         * {@link Rapport#DEFAULT_DATE_RULES_INTERVAL}, {@link Rapport#DEFAULT_SLA_SWEEP_INTERVAL},
         * {@link Rapport#DEFAULT_COMPLAINT_SWEEP_INTERVAL}, {@link Rapport#DEFAULT_ROUTING_INTERVAL},
         * {@link Rapport#DEFAULT_AUTOMATIONS_INTERVAL}, {@link Rapport#DEFAULT_HEALTH_INTERVAL} and
         * {@link Rapport#DEFAULT_HEALTH_RESCORE_INTERVAL}.
         *
         * @param worker the worker the interval is for; null is refused by {@link #build()}
         * @param value the time between the end of one round and the start of the next; positive
         * @return this builder
         */
        public Builder interval(Worker worker, Duration value) {
            if (worker == null) {
                badWorkerSetting = "interval";
            } else {
                intervals.put(worker, value);
            }
            return this;
        }

        /**
         * Sets how long a worker waits after a first failed round; doubled per further failure up to
         * {@link #maxRestartBackoff(Duration)}; positive. Default: {@link Rapport#DEFAULT_RESTART_BACKOFF}.
         *
         * @param value the wait after the first failed round; positive
         * @return this builder
         */
        public Builder restartBackoff(Duration value) {
            restartBackoff = value;
            return this;
        }

        /**
         * Sets the longest wait of a worker after failed rounds; not below the restart backoff. Default:
         * {@link Rapport#DEFAULT_MAX_RESTART_BACKOFF}.
         *
         * @param value the longest wait between failed rounds; positive and not below the restart backoff
         * @return this builder
         */
        public Builder maxRestartBackoff(Duration value) {
            maxRestartBackoff = value;
            return this;
        }

        /**
         * Sets how long {@link Rapport#close()} waits for the workers' rounds in flight; the outbox relay then gets as
         * long again for its last rounds, so close() returns within twice this; positive. Default:
         * {@link Rapport#DEFAULT_SHUTDOWN_TIMEOUT}.
         *
         * @param value how long close() waits for rounds in flight; positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        /**
         * Checks the configuration and builds the Rapport.
         *
         * Starts nothing: call {@link Rapport#start()} for the background workers.
         *
         * @return a Rapport over the configured storage, not started yet
         * @throws RapportConfigurationException naming the property at fault: {@code storage} when none was given or
         *         it hands out no repository or transactions; {@code messenger}, {@code eventPublisher},
         *         {@code clock}, {@code observer}, {@code validator}, {@code templates} or {@code acknowledge} when set
         *         to null; {@code acknowledge} when its hours calendar is not among the calendars;
         *         {@code interval(WORKER)}, {@code restartBackoff}, {@code maxRestartBackoff} or
         *         {@code shutdownTimeout} when not positive; {@code automations} when a rule is null or rules break a
         *         rule; {@code health} or {@code healthScorer} when set to null; {@code customFields} when null, or
         *         (as {@link dev.rapport.field.InvalidFieldSchemaException}) when a declared field breaks a rule,
         *         naming the field and the rule
         */
        public Rapport build() {
            if (storage == null) {
                throw new RapportConfigurationException("storage",
                        "is required; pass a RapportStorage such as the JDBC adapter or InMemoryStorage");
            }
            checkStorage(storage);
            require("messenger", messenger);
            require("eventPublisher", eventPublisher);
            require("clock", clock);
            require("observer", observer);
            if (validatorSet) {
                require("validator", validator);
            }
            require("sendWindow", sendWindow);
            require("followUpDispatcher", dispatcherSettings);
            require("kpiSettings", kpiSettings);
            require("slaPolicy", slaPolicy);
            require("calendars", calendars);
            require("routing", routing);
            require("complaintPolicy", complaintPolicy);
            require("legalHold", legalHold);
            require("customFields", customFields);
            customFields.check();
            if (badAutomationRule) {
                throw new RapportConfigurationException("automations", "must not be or hold null");
            }
            try {
                AutomationEngine.check(automationRules, calendars);
            } catch (ValidationException e) {
                throw new RapportConfigurationException("automations", e.getMessage());
            }
            require("health", healthPolicy);
            if (healthScorerSet) {
                require("healthScorer", healthScorer);
            }
            if (templateStoreSet) {
                require("templates", templateStore);
            }
            require("acknowledge", acknowledgement);
            acknowledgement.hoursCalendarId().ifPresent(id -> {
                if (calendars.find(id).isEmpty()) {
                    throw new RapportConfigurationException("acknowledge",
                            "names hours calendar " + id + ", which calendars() does not hold");
                }
            });
            require("surveys", surveys);
            if (badWorkerSetting != null) {
                throw new RapportConfigurationException(badWorkerSetting, "must name a Worker, not null");
            }
            intervals.forEach((worker, interval) -> requirePositive(
                    "interval(" + worker + ")", interval));
            requirePositive("restartBackoff", restartBackoff);
            requirePositive("maxRestartBackoff", maxRestartBackoff);
            if (maxRestartBackoff.compareTo(restartBackoff) < 0) {
                throw new RapportConfigurationException("maxRestartBackoff", "must not be below restartBackoff");
            }
            requirePositive("shutdownTimeout", shutdownTimeout);
            return new Rapport(this);
        }

        private static void requirePositive(String property, Duration value) {
            require(property, value);
            if (value.isNegative() || value.isZero()) {
                throw new RapportConfigurationException(property, "must be positive");
            }
        }

        private static void require(String property, Object value) {
            if (value == null) {
                throw new RapportConfigurationException(property, "must not be null; leave it unset for the default");
            }
        }

        private static void checkStorage(RapportStorage storage) {
            Map<String, Supplier<Object>> parts = Map.of(
                    "customers()", storage::customers,
                    "interactions()", storage::interactions,
                    "cases()", storage::cases,
                    "feedback()", storage::feedback,
                    "followUps()", storage::followUps,
                    "agents()", storage::agents,
                    "transactions()", storage::transactions);
            parts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(part -> {
                if (part.getValue().get() == null) {
                    throw new RapportConfigurationException("storage", part.getKey() + " returned null");
                }
            });
        }
    }
}
