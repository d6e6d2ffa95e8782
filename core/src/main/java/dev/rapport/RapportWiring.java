package dev.rapport;

import dev.rapport.automation.AutomationEngine;
import dev.rapport.cases.CaseService;
import dev.rapport.complaint.ComplaintKpiCalculator;
import dev.rapport.complaint.ComplaintService;
import dev.rapport.customer.CustomerService;
import dev.rapport.feedback.FeedbackService;
import dev.rapport.followup.Acknowledgements;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.interaction.InteractionService;
import dev.rapport.health.HealthOnEvents;
import dev.rapport.health.HealthService;
import dev.rapport.health.WeightedHealthScorer;
import dev.rapport.followup.InMemoryTemplateStore;
import dev.rapport.followup.Templates;
import dev.rapport.internal.DefaultValidation;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.observe.RapportObserver;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.Router;
import dev.rapport.agent.AgentService;
import dev.rapport.privacy.PrivacyService;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.sla.SlaComplianceCalculator;
import dev.rapport.sla.SlaService;
import dev.rapport.sla.SlaSweeper;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one {@link Rapport}, wired once from its builder's options: the runtime every service shares (storage,
 * clock, validator, the one unit of work and the one path of every event: the host's publisher, then the follow-up
 * rules and the health marks), the services, and the settings of the background workers. Thread-safe: immutable
 * after construction.
 */
final class RapportWiring {

    private static final Logger LOG = LoggerFactory.getLogger(Rapport.class);

    /** How often the follow-up rules are tried on one event before the failure is reported. */
    private static final int RULE_ATTEMPTS = 3;

    final RapportStorage storage;
    final CustomerMessenger messenger;
    final EventPublisher eventPublisher;
    final Clock clock;
    final Validator validator;
    final RapportObserver observer;
    final CustomerService customers;
    final InteractionService interactions;
    final CaseService cases;
    final FeedbackService feedback;
    final Optional<OutboxRelay> outboxRelay;
    final FollowUpScheduler followUps;
    final FollowUpDispatcher followUpDispatcher;
    final KpiEngine kpis;
    final SlaService sla;
    final SlaSweeper slaSweeper;
    final Supplier<Router> routing;
    final AgentService agents;
    final PrivacyService privacy;
    final ComplaintService complaints;
    final AutomationEngine automations;
    final HealthService health;
    final HealthOnEvents healthOnEvents;
    final Templates templates;
    final EngineRuntime runtime;
    final Set<Worker> disabled;
    final Map<Worker, Duration> intervals;
    final boolean routingConfigured;
    final Duration restartBackoff;
    final Duration maxRestartBackoff;
    final Duration shutdownTimeout;

    /** Wires the parts from checked options. */
    RapportWiring(RapportOptions builder) {
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
        sla = new SlaService(storage, builder.slaPolicy, builder.calendars, clock);
        // SLA compliance per target and the complaint figures are computed and reported like the built-in KPIs
        KpiEngine.Builder kpiBuilder = KpiEngine.builder().storage(storage).clock(clock).settings(builder.kpiSettings)
                .observer(observer).customFields(builder.customFields);
        SlaComplianceCalculator.all(storage, sla).forEach(kpiBuilder::calculator);
        ComplaintKpiCalculator.all(storage).forEach(kpiBuilder::calculator);
        kpis = kpiBuilder.build();
        slaSweeper = new SlaSweeper(runtime, sla);
        RoutingPolicy routingConfig = builder.routing;
        // built on first use: the router reads every agent into its index, and build() reads nothing from storage
        routing = com.google.common.base.Suppliers.memoize(() -> new Router(runtime, routingConfig));
        if (routingConfigured) {
            // routing is part of the engine: the case lifecycle queues, releases and routes again, inside the
            // transactions of the case changes themselves
            Router.driveByCaseLifecycle(runtime, routing);
        }
        // a change to an agent made here reaches this node's router at once; other nodes see it on their next tick
        agents = new AgentService(runtime, agent -> {
            if (routingConfigured) {
                routing.get().refreshAgent(agent.id());
            }
        });
        privacy = new PrivacyService(runtime, builder.legalHold);
        customers = new CustomerService(runtime);
        interactions = new InteractionService(runtime);
        cases = new CaseService(runtime);
        feedback = new FeedbackService(runtime, builder.surveys);
        complaints = new ComplaintService(runtime, messenger, builder.complaintPolicy, templates);
        // case automations: the rules run by the AUTOMATIONS worker; routing only when the host configured it
        automations = new AutomationEngine(runtime, builder.automationRules, builder.calendars, sla, followUps,
                () -> routingConfigured ? Optional.of(routing.get()) : Optional.empty());
        health = new HealthService(runtime, builder.healthPolicy, builder.healthScorer != null ? builder.healthScorer
                : new WeightedHealthScorer(builder.healthPolicy), sla, builder.kpiSettings.costToServe());
        // health re-scored soon after the events that move it, while the HEALTH_RESCORE worker runs
        healthOnEvents = new HealthOnEvents(health, storage);
    }

    private void rescoreHealth(DomainEvent event) {
        healthOnEvents.onEvent(event);
    }

    private void deliverToRules(DomainEvent event, boolean outboxInUse) {
        try {
            Retry.onConflict(RULE_ATTEMPTS, "Follow-up rules on event " + event.eventId(), e -> true, () -> {
                followUps.onEvent(event);
                return null;
            });
        } catch (RuntimeException e) {
            if (outboxInUse) {
                throw e; // the relay keeps the event and tries again later
            }
            LOG.warn("Follow-up rules failed on event {} of type {} after {} attempts", event.eventId(),
                    event.type(), RULE_ATTEMPTS, e);
        }
    }
}
