package dev.rapport;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.cases.CaseService;
import dev.rapport.complaint.ComplaintKpiCalculator;
import dev.rapport.complaint.ComplaintPolicy;
import dev.rapport.complaint.ComplaintService;
import dev.rapport.customer.CustomerService;
import dev.rapport.feedback.FeedbackService;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.SendWindow;
import dev.rapport.interaction.InteractionService;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingConfig;
import dev.rapport.sla.SlaComplianceCalculator;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaService;
import dev.rapport.sla.SlaSweeper;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 *         .build();
 * Customer ann = rapport.customers().register(RegisterCustomer.builder()
 *         .name("Ann Lee")
 *         .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com"))
 *         .build());
 * }</pre>
 *
 * <p>Thread-safe: a Rapport and every service it hands out are safe to share between threads. Every operation runs
 * in one storage transaction and publishes its domain events only after that transaction committed. When the
 * storage has a transactional outbox (the JDBC adapter does), events are written to it in that transaction and a
 * background {@link OutboxRelay} publishes them; {@link #close()} stops the relay.
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

    private final RapportStorage storage;
    private final CustomerMessenger messenger;
    private final EventPublisher eventPublisher;
    private final Clock clock;
    private final Validator validator;
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
    private final ComplaintService complaints;

    private Rapport(Builder builder) {
        storage = builder.storage;
        messenger = builder.messenger;
        eventPublisher = builder.eventPublisher;
        clock = builder.clock;
        validator = builder.validator != null ? builder.validator : DefaultValidation.validator(clock);
        followUps = FollowUpScheduler.builder(storage).eventPublisher(eventPublisher).clock(clock)
                .validator(validator).sendWindow(builder.sendWindow).rules(builder.followUpRules).build();
        FollowUpDispatcher.Builder dispatcher = FollowUpDispatcher.builder(storage, messenger)
                .eventPublisher(eventPublisher).clock(clock).sendWindow(builder.sendWindow);
        builder.dispatcherSettings.accept(dispatcher);
        followUpDispatcher = dispatcher.build();
        // every event the services raise also reaches the follow-up rules, after the host's publisher took it; a
        // failure of the rules alone is retried on its own, so the host does not get the event twice for it
        boolean outboxInUse = builder.useOutbox && storage.outbox().isPresent();
        EventPublisher toHostThenRules = event -> {
            eventPublisher.publish(event);
            deliverToRules(event, outboxInUse);
        };
        outboxRelay = storage.outbox().filter(outbox -> builder.useOutbox)
                .map(outbox -> OutboxRelay.builder().outbox(outbox).publisher(toHostThenRules).build());
        outboxRelay.ifPresent(OutboxRelay::start);
        UnitOfWork unitOfWork = builder.useOutbox
                ? UnitOfWork.over(storage, toHostThenRules, () -> outboxRelay.ifPresent(OutboxRelay::wake))
                : new UnitOfWork(storage.transactions(), toHostThenRules);
        CommandValidator commands = new CommandValidator(validator);
        sla = new SlaService(storage, builder.slaPolicy, builder.calendars, clock);
        // SLA compliance per target and the complaint figures are computed and reported like the built-in KPIs
        KpiEngine.Builder kpiBuilder = KpiEngine.builder().storage(storage).clock(clock).settings(builder.kpiSettings);
        SlaComplianceCalculator.all(storage, sla).forEach(kpiBuilder::calculator);
        ComplaintKpiCalculator.all(storage).forEach(kpiBuilder::calculator);
        kpis = kpiBuilder.build();
        slaSweeper = new SlaSweeper(storage, sla, toHostThenRules);
        RoutingConfig routingConfig = builder.routing;
        // built on first use: the router reads every agent into its index, and build() reads nothing from storage
        routing = com.google.common.base.Suppliers.memoize(
                () -> new Router(storage, clock, toHostThenRules, commands, routingConfig));
        customers = new CustomerService(storage, unitOfWork, commands, clock);
        interactions = new InteractionService(storage, unitOfWork, commands, clock);
        cases = new CaseService(storage, unitOfWork, commands, clock);
        feedback = new FeedbackService(storage, unitOfWork, commands, clock);
        complaints = new ComplaintService(storage, unitOfWork, commands, clock, messenger, builder.complaintPolicy);
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

    /** A builder with every default in place and no storage yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Registering customers, their contact identities and consents, and finding them by any of their addresses. */
    public CustomerService customers() {
        return customers;
    }

    /** Recording interactions on any channel, idempotently, with their effects on cases. */
    public InteractionService interactions() {
        return interactions;
    }

    /** Opening cases, moving them through their lifecycle and assigning them. */
    public CaseService cases() {
        return cases;
    }

    /** Recording CSAT, NPS and CES responses. */
    public FeedbackService feedback() {
        return feedback;
    }

    /**
     * Scheduling follow-ups: the rules given to {@link Builder#followUpRules(Collection)} fire from the domain events
     * every service raises; the host can also schedule, trigger and cancel directly.
     */
    public FollowUpScheduler followUps() {
        return followUps;
    }

    /**
     * The dispatcher that sends due follow-ups through the {@link #messenger()}: call
     * {@link FollowUpDispatcher#dispatchDue()} from your own scheduler, or {@link FollowUpDispatcher#start()} it in the
     * background; {@link #close()} stops it.
     */
    public FollowUpDispatcher followUpDispatcher() {
        return followUpDispatcher;
    }

    /** KPIs with exact definitions (see docs/kpis.md), in memory or pushed down to the storage when it can. */
    public KpiEngine kpis() {
        return kpis;
    }

    /**
     * Complaints and compliments on the ISO 10002 model: receipt with a reference and an acknowledgement, deadlines
     * from the configured regime, assessment, response with remedies, escalation, closing, root causes and recurring
     * issues; see docs/complaints.md. Call its {@code sweep()} from your scheduler for deadline reminders.
     */
    public ComplaintService complaints() {
        return complaints;
    }

    /** Service promises: the SLA clocks of a case, computed from its history under the configured policy. */
    public SlaService sla() {
        return sla;
    }

    /**
     * Raises SLA warnings and breaches as domain events, each once: call {@link SlaSweeper#sweep()} from your own
     * scheduler or start it in the background; {@link #close()} stops it.
     */
    public SlaSweeper slaSweeper() {
        return slaSweeper;
    }

    /**
     * Routing cases to agents by skills, language, capacity and relationship. The router is created on the first call
     * and keeps an index of the agents it read then; tell it about agents changed elsewhere with
     * {@link Router#refreshAgent}.
     */
    public Router routing() {
        return routing.get();
    }

    /** The clock every time Rapport stamps comes from. */
    public Clock clock() {
        return clock;
    }

    /** The storage adapter Rapport keeps its data in. */
    public RapportStorage storage() {
        return storage;
    }

    /** The messenger Rapport sends customer messages through. */
    public CustomerMessenger messenger() {
        return messenger;
    }

    /** The publisher Rapport hands domain events to after each commit. */
    public EventPublisher eventPublisher() {
        return eventPublisher;
    }

    /** The Jakarta validator commands are checked with. */
    public Validator validator() {
        return validator;
    }

    /**
     * The relay publishing events from the storage's transactional outbox, when the storage has one. It runs in the
     * background from {@link Builder#build()} on; hosts may also call {@link OutboxRelay#relayOnce()} or re-drive
     * dead letters through it.
     */
    public Optional<OutboxRelay> outboxRelay() {
        return outboxRelay;
    }

    /**
     * Stops the background work of this Rapport: the follow-up dispatcher if it was started (finishing or releasing
     * its claimed follow-ups), the SLA sweeper if it was started, and the outbox relay. The storage is the host's to close.
     */
    @Override
    public void close() {
        followUpDispatcher.close();
        slaSweeper.close();
        outboxRelay.ifPresent(OutboxRelay::close);
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
        private final List<FollowUpRule> followUpRules = new ArrayList<>();
        private SendWindow sendWindow = SendWindow.defaults();
        private Consumer<FollowUpDispatcher.Builder> dispatcherSettings = b -> { };
        private KpiSettings kpiSettings = KpiSettings.defaults();
        private SlaPolicy slaPolicy = SlaPolicy.builder().build();
        private BusinessCalendars calendars = new BusinessCalendars();
        private RoutingConfig routing = RoutingConfig.defaults();
        private boolean useOutbox = true;
        private ComplaintPolicy complaintPolicy = ComplaintPolicy.defaults();

        private Builder() {
        }

        /**
         * Sets the storage adapter that holds every aggregate, for example the JDBC adapter or
         * {@code dev.rapport.tck.memory.InMemoryStorage}. Required: there is no default.
         */
        public Builder storage(RapportStorage value) {
            storage = value;
            return this;
        }

        /**
         * Sets the port that sends messages to customers. Default: {@link Rapport#REFUSING_MESSENGER}, which refuses
         * every message, so nothing goes out until the host wires its own gateways.
         */
        public Builder messenger(CustomerMessenger value) {
            messenger = value;
            return this;
        }

        /**
         * Sets the port that receives domain events after each commit. Default:
         * {@link Rapport#DEFAULT_EVENT_PUBLISHER} ({@link EventPublisher#NONE}), which drops them.
         */
        public Builder eventPublisher(EventPublisher value) {
            eventPublisher = value;
            return this;
        }

        /**
         * Sets the clock every timestamp comes from; tests pass a fixed or controllable clock. Default:
         * {@link Rapport#DEFAULT_CLOCK}, the system clock in UTC.
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * Sets the Jakarta validator commands are checked with, for hosts that configure their own. Default: a
         * Hibernate Validator with Expressly for messages, in English, whose factory is built once per class
         * loader and whose {@code @Past} and {@code @Future} constraints read the {@link #clock(Clock) clock}.
         */
        public Builder validator(Validator value) {
            validator = value;
            validatorSet = true;
            return this;
        }

        /**
         * Adds follow-up rules (thank-you after a purchase, survey after resolution, call-back after a missed call,
         * birthday greetings, your own); they fire from the domain events the services raise. Default: none.
         */
        public Builder followUpRules(Collection<FollowUpRule> rules) {
            followUpRules.addAll(rules);
            return this;
        }

        /**
         * Sets when follow-ups may go out in the customer's own time zone. Default: {@link SendWindow#defaults()},
         * quiet from 21:00 to 08:00 every day.
         */
        public Builder sendWindow(SendWindow value) {
            sendWindow = value;
            return this;
        }

        /**
         * Adjusts the follow-up dispatcher (batch size, lease, attempts, backoff, threads...). Default: the
         * dispatcher's own defaults, documented on {@link FollowUpDispatcher.Builder}.
         */
        public Builder followUpDispatcher(Consumer<FollowUpDispatcher.Builder> settings) {
            dispatcherSettings = settings;
            return this;
        }

        /** Sets the KPI definitions (thresholds, windows). Default: {@link KpiSettings#defaults()}. */
        public Builder kpiSettings(KpiSettings value) {
            kpiSettings = value;
            return this;
        }

        /** Sets the SLA targets by priority, channel and segment. Default: a policy with no rules, so no targets. */
        public Builder slaPolicy(SlaPolicy value) {
            slaPolicy = value;
            return this;
        }

        /**
         * Sets the business calendars SLA targets in business time refer to by id. Default: an empty registry (only
         * calendar-time targets can then be used).
         */
        public Builder calendars(BusinessCalendars value) {
            calendars = value;
            return this;
        }

        /**
         * Sets whether the facade's services send their events through the storage's transactional outbox when it has
         * one. Default: {@code true}: events are appended in the same transaction as the change and a background
         * relay, started by {@link #build()}, publishes them, so a crash between commit and publish loses nothing.
         * {@code false} publishes directly after each commit and starts no relay: for short-lived instances doing
         * one-off bulk work, such as an import, whose events the host may not want at all.
         */
        public Builder useOutbox(boolean value) {
            useOutbox = value;
            return this;
        }

        /**
         * Sets the complaint regime (deadlines), business calendar, priority policy and root-cause taxonomy. Default:
         * {@link ComplaintPolicy#defaults()}; see docs/complaints.md for what it holds.
         */
        public Builder complaintPolicy(ComplaintPolicy value) {
            complaintPolicy = value;
            return this;
        }

        /** Sets the routing strategy, channel costs and waiting rules. Default: {@link RoutingConfig#defaults()}. */
        public Builder routing(RoutingConfig value) {
            routing = value;
            return this;
        }

        /**
         * Checks the configuration and builds the Rapport.
         *
         * @throws RapportConfigurationException naming the property at fault: {@code storage} when none was given or
         *         it hands out no repository or transactions; {@code messenger}, {@code eventPublisher},
         *         {@code clock} or {@code validator} when set to null
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
            return new Rapport(this);
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
