package dev.rapport;

import dev.rapport.observe.RapportObserver;
import dev.rapport.spi.RapportConfigurationException;
import dev.rapport.automation.AutomationEngine;
import dev.rapport.cases.CaseService;
import dev.rapport.complaint.ComplaintService;
import dev.rapport.customer.CustomerService;
import dev.rapport.feedback.FeedbackService;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.spi.template.TemplateStore;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.interaction.InteractionService;
import dev.rapport.health.HealthService;
import dev.rapport.followup.Templates;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.WorkerLoop;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.Router;
import dev.rapport.agent.AgentService;
import dev.rapport.privacy.LegalHold;
import dev.rapport.privacy.PrivacyService;
import dev.rapport.spi.cases.Case;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaService;
import dev.rapport.sla.SlaSweeper;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
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

    private final RapportWiring wiring;
    private final RapportWorkers workers;

    private Rapport(Builder builder) {
        wiring = new RapportWiring(builder);
        workers = new RapportWorkers(wiring);
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
        return wiring.customers;
    }

    /**
     * Recording interactions on any channel, idempotently, with their effects on cases.
     *
     * @return the interaction service of this Rapport; the same instance on every call
     */
    public InteractionService interactions() {
        return wiring.interactions;
    }

    /**
     * Opening cases, moving them through their lifecycle and assigning them.
     *
     * @return the case service of this Rapport; the same instance on every call
     */
    public CaseService cases() {
        return wiring.cases;
    }

    /**
     * Recording CSAT, NPS and CES responses.
     *
     * @return the feedback service of this Rapport; the same instance on every call
     */
    public FeedbackService feedback() {
        return wiring.feedback;
    }

    /**
     * Scheduling follow-ups: the rules given to {@link Builder#followUpRules(Collection)} fire from the domain events
     * every service raises; the host can also schedule, trigger and cancel directly.
     *
     * @return the follow-up scheduler of this Rapport; the same instance on every call
     */
    public FollowUpScheduler followUps() {
        return wiring.followUps;
    }

    /**
     * The dispatcher that sends due follow-ups through the {@link #messenger()}. {@link #start()} runs it in the
     * background (worker {@link Worker#FOLLOW_UP_DISPATCHER}); with that worker disabled, call
     * {@link FollowUpDispatcher#dispatchDue()} from your own scheduler. {@link #close()} stops it.
     *
     * @return the follow-up dispatcher of this Rapport, running or not; the same instance on every call
     */
    public FollowUpDispatcher followUpDispatcher() {
        return wiring.followUpDispatcher;
    }

    /**
     * KPIs with exact definitions (see docs/kpis.md), in memory or pushed down to the storage when it can.
     *
     * @return the KPI engine of this Rapport; the same instance on every call
     */
    public KpiEngine kpis() {
        return wiring.kpis;
    }

    /**
     * Case automations: the configured rules, a round on demand, and each case's firings; see docs/automation.md.
     * {@link #start()} runs the rounds in the background (worker {@link Worker#AUTOMATIONS}) when rules are
     * configured.
     *
     * @return the automation engine
     */
    public AutomationEngine automations() {
        return wiring.automations;
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
        return wiring.complaints;
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
        return wiring.health;
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
        return wiring.templates;
    }

    /**
     * Service promises: the SLA clocks of a case, computed from its history under the configured policy.
     *
     * @return the SLA service of this Rapport, under the policy given to {@link Builder#slaPolicy(SlaPolicy)}
     */
    public SlaService sla() {
        return wiring.sla;
    }

    /**
     * Raises SLA warnings and breaches as domain events, each once. {@link #start()} runs {@link SlaSweeper#sweep()}
     * in the background (worker {@link Worker#SLA_SWEEP}); with that worker disabled, call it from your own
     * scheduler. {@link #close()} stops it.
     *
     * @return the SLA sweeper of this Rapport, running or not; the same instance on every call
     */
    public SlaSweeper slaSweeper() {
        return wiring.slaSweeper;
    }

    /**
     * Registering agents, changing their skills, languages, channels, capacity and team, setting their presence and
     * retiring them; every command is validated and raises its event. When routing is configured, a change reaches
     * this node's router at once and every other node's within one routing tick.
     *
     * @return the agent service of this Rapport; the same instance on every call
     */
    public AgentService agents() {
        return wiring.agents;
    }

    /**
     * Routing cases to agents by skills, language, capacity and relationship. All of routing's state is in storage and
     * shared by every node; the router keeps an index of the agents, refreshed from storage's change feed by the
     * routing worker. When the Rapport was built with {@link Builder#routing(RoutingPolicy)}, the case lifecycle drives
     * it (new cases routed, resolved ones releasing their agent, reopened ones routed again); otherwise it routes what
     * the host submits. Created on the first call.
     *
     * @return the router of this Rapport, created on the first call and the same instance afterwards
     */
    public Router routing() {
        return wiring.routing.get();
    }

    /**
     * Exporting everything held about a customer and erasing it under the configured {@link LegalHold}; its events
     * take the engine's one path like every other service's. See docs/privacy.md.
     *
     * @return the privacy service of this Rapport; the same instance on every call
     */
    public PrivacyService privacy() {
        return wiring.privacy;
    }

    /** The runtime every service shares; for Rapport's own wiring and tests, not an API. */
    EngineRuntime runtime() {
        return wiring.runtime;
    }

    /**
     * The clock every time Rapport stamps comes from.
     *
     * @return the clock given to {@link Builder#clock(Clock)}, or the system clock in UTC by default
     */
    public Clock clock() {
        return wiring.clock;
    }

    /**
     * The storage adapter Rapport keeps its data in.
     *
     * @return the storage adapter given to {@link Builder#storage(RapportStorage)}
     */
    public RapportStorage storage() {
        return wiring.storage;
    }

    /**
     * The messenger Rapport sends customer messages through.
     *
     * @return the messenger given to {@link Builder#messenger(CustomerMessenger)}, or {@link #REFUSING_MESSENGER} by
     *        default
     */
    public CustomerMessenger messenger() {
        return wiring.messenger;
    }

    /**
     * The publisher Rapport hands domain events to after each commit.
     *
     * @return the publisher given to {@link Builder#eventPublisher(EventPublisher)}, or
     *        {@link #DEFAULT_EVENT_PUBLISHER} by default
     */
    public EventPublisher eventPublisher() {
        return wiring.eventPublisher;
    }

    /**
     * The observer told of routing decisions, dispatch and relay rounds, KPI reports and imports (see
     * {@link Builder#observer(RapportObserver)}), guarded so that its failures are only logged.
     *
     * @return the host's observer behind a guard that logs and swallows its exceptions; {@link RapportObserver#NONE} by
     *        default
     */
    public RapportObserver observer() {
        return wiring.observer;
    }

    /**
     * The Jakarta validator commands are checked with.
     *
     * @return the validator given to {@link Builder#validator(Validator)}, or the default Hibernate Validator
     */
    public Validator validator() {
        return wiring.validator;
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
        return wiring.outboxRelay;
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
     * <li>{@link Worker#ROUTING} when the host configured routing with {@link Builder#routing(RoutingPolicy)};</li>
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
        workers.start();
        return this;
    }

    /**
     * The workers {@link #start()} started and {@link #close()} has not stopped; empty before start().
     *
     * @return the workers running now, as an unmodifiable snapshot; empty before {@link #start()} and after
     *        {@link #close()}
     */
    public Set<Worker> runningWorkers() {
        return workers.runningWorkers();
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
        workers.close();
    }

    /**
     * Configures and builds a {@link Rapport}. Each setter records its value; {@link #build()} checks them all and
     * names the first property at fault. Not thread-safe; use it from one thread, then share the Rapport.
     */
    public static final class Builder extends RapportOptions {

        private Builder() {
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
            check();
            return new Rapport(this);
        }
    }
}
