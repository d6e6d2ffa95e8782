package dev.rapport;

import dev.rapport.observe.RapportObserver;
import dev.rapport.spi.RapportConfigurationException;
import dev.rapport.automation.AutomationEngine;
import dev.rapport.automation.AutomationRule;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.complaint.ComplaintPolicy;
import dev.rapport.feedback.FeedbackService;
import dev.rapport.followup.AcknowledgementPolicy;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.spi.template.TemplateStore;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.SendWindow;
import dev.rapport.health.HealthPolicy;
import dev.rapport.health.HealthScorer;
import dev.rapport.health.WeightedHealthScorer;
import dev.rapport.followup.InMemoryTemplateStore;
import dev.rapport.followup.Templates;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.privacy.LegalHold;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
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
import java.util.function.Supplier;

/**
 * The options of {@link Rapport.Builder}, every one with its default: the storage and ports, the engine's policies
 * and settings, and the background workers' settings, with the checks {@link Rapport.Builder#build()} runs over
 * them. Kept apart from {@link Rapport} so the facade's file stays readable; hosts see these methods on
 * {@link Rapport.Builder}. Not thread-safe.
 */
abstract sealed class RapportOptions permits Rapport.Builder {

    RapportStorage storage;
    CustomerMessenger messenger = Rapport.REFUSING_MESSENGER;
    EventPublisher eventPublisher = Rapport.DEFAULT_EVENT_PUBLISHER;
    Clock clock = Rapport.DEFAULT_CLOCK;
    Validator validator;
    boolean validatorSet;
    RapportObserver observer = RapportObserver.NONE;
    final List<FollowUpRule> followUpRules = new ArrayList<>();
    SendWindow sendWindow = SendWindow.defaults();
    Consumer<FollowUpDispatcher.Builder> dispatcherSettings = b -> { };
    KpiSettings kpiSettings = KpiSettings.defaults();
    SlaPolicy slaPolicy = SlaPolicy.builder().build();
    BusinessCalendars calendars = new BusinessCalendars();
    RoutingPolicy routing = RoutingPolicy.defaults();
    boolean useOutbox = true;
    ComplaintPolicy complaintPolicy = ComplaintPolicy.defaults();
    LegalHold legalHold = LegalHold.NONE;
    HealthPolicy healthPolicy = HealthPolicy.defaults();
    HealthScorer healthScorer;
    boolean healthScorerSet;
    TemplateStore templateStore;
    boolean templateStoreSet;
    AcknowledgementPolicy acknowledgement = AcknowledgementPolicy.off();
    boolean routingConfigured;
    final List<AutomationRule> automationRules = new ArrayList<>();
    boolean badAutomationRule;
    final Set<Worker> disabled = EnumSet.noneOf(Worker.class);
    final Map<Worker, Duration> intervals = new EnumMap<>(Worker.class);
    String badWorkerSetting;
    Duration restartBackoff = Rapport.DEFAULT_RESTART_BACKOFF;
    Duration maxRestartBackoff = Rapport.DEFAULT_MAX_RESTART_BACKOFF;
    Duration shutdownTimeout = Rapport.DEFAULT_SHUTDOWN_TIMEOUT;
    dev.rapport.field.FieldSchema customFields = dev.rapport.field.FieldSchema.NONE;
    dev.rapport.feedback.SurveySettings surveys = dev.rapport.feedback.SurveySettings.none();

    RapportOptions() {
    }

    private Rapport.Builder self() {
        return (Rapport.Builder) this;
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
    public Rapport.Builder surveys(dev.rapport.feedback.SurveySettings value) {
        surveys = value;
        return self();
    }

    /**
     * Sets the survey secret, with the other survey settings at their defaults (token lifetime 14 days, second
     * answers refused); short for {@code surveys(SurveySettings.withSecret(secret))}. Default: no secret.
     *
     * @param secret at least 32 bytes of UTF-8; keep it out of source
     * @return this builder
     * @throws dev.rapport.spi.ValidationException naming {@code secret} if it is null or too short
     */
    public Rapport.Builder surveySecret(String secret) {
        return surveys(dev.rapport.feedback.SurveySettings.withSecret(secret));
    }

    /**
     * Sets the storage adapter that holds every aggregate, for example the JDBC adapter or
     * {@code dev.rapport.tck.memory.InMemoryStorage}. Required: there is no default.
     *
     * @param value the storage adapter; not null
     * @return this builder
     */
    public Rapport.Builder storage(RapportStorage value) {
        storage = value;
        return self();
    }

    /**
     * Sets the port that sends messages to customers. Default: {@link Rapport#REFUSING_MESSENGER}, which refuses
     * every message, so nothing goes out until the host wires its own gateways.
     *
     * @param value the messenger that delivers customer messages; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder messenger(CustomerMessenger value) {
        messenger = value;
        return self();
    }

    /**
     * Sets the port that receives domain events after each commit. Default:
     * {@link Rapport#DEFAULT_EVENT_PUBLISHER} ({@link EventPublisher#NONE}), which drops them.
     *
     * @param value the publisher domain events go to after each commit; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder eventPublisher(EventPublisher value) {
        eventPublisher = value;
        return self();
    }

    /**
     * Sets the clock every timestamp comes from; tests pass a fixed or controllable clock. Default:
     * {@link Rapport#DEFAULT_CLOCK}, the system clock in UTC.
     *
     * @param value the clock timestamps are read from; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder clock(Clock value) {
        clock = value;
        return self();
    }

    /**
     * Sets the Jakarta validator commands are checked with, for hosts that configure their own. Default: a
     * Hibernate Validator with Expressly for messages, in English, whose factory is built once per class
     * loader and whose {@code @Past} and {@code @Future} constraints read the {@link #clock(Clock) clock}.
     *
     * @param value the validator commands are checked with; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder validator(Validator value) {
        validator = value;
        validatorSet = true;
        return self();
    }

    /**
     * Sets who is told what the engine does, for metrics and monitoring: every routing decision, every round of
     * the follow-up dispatcher and of the outbox relay, every KPI report and its duration, every finished
     * import. {@code rapport-micrometer}'s {@code RapportMetrics} is one; an exception it throws is logged and
     * ignored. Default: {@link RapportObserver#NONE}, which ignores everything.
     *
     * @param value the observer told of the engine's work; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder observer(RapportObserver value) {
        observer = value;
        return self();
    }

    /**
     * Adds follow-up rules (thank-you after a purchase, survey after resolution, call-back after a missed call,
     * birthday greetings, your own); they fire from the domain events the services raise. Default: none.
     *
     * @param rules the rules to add to those already given; not null, may be empty
     * @return this builder
     */
    public Rapport.Builder followUpRules(Collection<FollowUpRule> rules) {
        followUpRules.addAll(rules);
        return self();
    }

    /**
     * Sets when follow-ups may go out in the customer's own time zone. Default: {@link SendWindow#defaults()},
     * quiet from 21:00 to 08:00 every day.
     *
     * @param value the send window follow-ups keep to; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder sendWindow(SendWindow value) {
        sendWindow = value;
        return self();
    }

    /**
     * Adjusts the follow-up dispatcher (batch size, lease, attempts, backoff, threads...). Default: the
     * dispatcher's own defaults, documented on {@link FollowUpDispatcher.Builder}, except that its shutdown
     * timeout and restart backoff are this builder's ({@link #shutdownTimeout(Duration)},
     * {@link #restartBackoff(Duration)}), and its poll interval is {@link #interval(Worker, Duration)} for
     * {@link Worker#FOLLOW_UP_DISPATCHER} when that is set.
     *
     * @param settings changes applied to the dispatcher's builder when the Rapport is built; null is refused by
     *        {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder followUpDispatcher(Consumer<FollowUpDispatcher.Builder> settings) {
        dispatcherSettings = settings;
        return self();
    }

    /**
     * Sets the KPI definitions (thresholds, windows). Default: {@link KpiSettings#defaults()}.
     *
     * @param value the KPI definitions; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder kpiSettings(KpiSettings value) {
        kpiSettings = value;
        return self();
    }

    /**
     * Sets the SLA targets by priority, channel and segment. Default: a policy with no rules, so no targets.
     *
     * @param value the SLA targets; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder slaPolicy(SlaPolicy value) {
        slaPolicy = value;
        return self();
    }

    /**
     * Sets the business calendars SLA targets in business time refer to by id. Default: an empty registry (only
     * calendar-time targets can then be used).
     *
     * @param value the business calendars by id; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder calendars(BusinessCalendars value) {
        calendars = value;
        return self();
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
    public Rapport.Builder useOutbox(boolean value) {
        useOutbox = value;
        return self();
    }

    /**
     * Sets which customers' records erasure must keep, with personal data minimised, for {@link Rapport#privacy()}.
     * Default: {@link LegalHold#NONE}, which holds nothing.
     *
     * @param value the legal hold that decides which customers' records erasure keeps; null is refused by
     *        {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder legalHold(LegalHold value) {
        legalHold = value;
        return self();
    }

    /**
     * Declares the custom fields of cases and customers: typed fields (text with a maximum length, number, date,
     * choice among allowed values) whose values {@code cases().setFields}, {@code customers().setFields} and
     * {@code OpenCase} accept. Checked by {@link Rapport.Builder#build()}. Default: {@link dev.rapport.field.FieldSchema#NONE},
     * no fields, so every field value is refused as undeclared. See docs/customers.md, "Tags and custom fields".
     *
     * @param value the schema
     * @return this builder
     */
    public Rapport.Builder customFields(dev.rapport.field.FieldSchema value) {
        customFields = value;
        return self();
    }

    /**
     * Sets the complaint regime (deadlines), business calendar, priority policy and root-cause taxonomy. Default:
     * {@link ComplaintPolicy#defaults()}; see docs/complaints.md for what it holds.
     *
     * @param value the complaint policy; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder complaintPolicy(ComplaintPolicy value) {
        complaintPolicy = value;
        return self();
    }

    /**
     * Sets how customer health is scored and banded: weights per factor, look-back window, band thresholds and
     * caps, for {@link Rapport#health()}. Default: {@link HealthPolicy#defaults()} (documented on
     * {@link HealthPolicy} and in docs/customers.md).
     *
     * @param value the policy
     * @return this builder
     */
    public Rapport.Builder health(HealthPolicy value) {
        healthPolicy = value;
        return self();
    }

    /**
     * Plugs in the host's own health scorer instead of Rapport's weighted one; its band is the one stored and
     * acted on. Default: a {@link WeightedHealthScorer} over {@link #health(HealthPolicy)}.
     *
     * @param value the scorer
     * @return this builder
     */
    public Rapport.Builder healthScorer(HealthScorer value) {
        healthScorer = value;
        healthScorerSet = true;
        return self();
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
    public Rapport.Builder templates(TemplateStore value) {
        templateStore = value;
        templateStoreSet = true;
        return self();
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
    public Rapport.Builder acknowledge(AcknowledgementPolicy value) {
        acknowledgement = value;
        return self();
    }

    /**
     * Configures routing: the strategy, channel costs and waiting rules. Default: not configured, and
     * {@link Rapport#routing()} then uses {@link RoutingPolicy#defaults()}; only once this is called does
     * {@link Rapport#start()} run the {@link Worker#ROUTING} worker.
     *
     * @param value the routing configuration; null is refused by {@link Rapport.Builder#build()}
     * @return this builder
     */
    public Rapport.Builder routing(RoutingPolicy value) {
        routing = value;
        routingConfigured = true;
        return self();
    }

    /**
     * Adds case automation rules, run by the {@link Worker#AUTOMATIONS} worker; names must be unique, and business
     * calendars they name must be among {@link #calendars(BusinessCalendars)}. Default: none, and the worker does
     * not run. See docs/automation.md.
     *
     * @param rules the rules
     * @return this builder
     */
    public Rapport.Builder automations(AutomationRule... rules) {
        if (rules == null) {
            badAutomationRule = true;
        } else {
            for (AutomationRule rule : rules) {
                badAutomationRule |= rule == null;
                automationRules.add(rule);
            }
        }
        return self();
    }

    /**
     * Switches background workers off, so {@link Rapport#start()} does not run them (the host then runs that work
     * itself, or not at all). Default: every worker on.
     *
     * @param workers the workers not to start; none may be null ({@link Rapport.Builder#build()} then refuses {@code disable})
     * @return this builder
     */
    public Rapport.Builder disable(Worker... workers) {
        for (Worker worker : workers) {
            if (worker == null) {
                badWorkerSetting = "disable";
            } else {
                disabled.add(worker);
            }
        }
        return self();
    }

    /**
     * Sets how long a worker waits between rounds; positive. Default: {@link Worker#defaultInterval()}, that is
     * {@link Rapport#DEFAULT_OUTBOX_RELAY_INTERVAL}, {@link Rapport#DEFAULT_FOLLOW_UP_DISPATCHER_INTERVAL},
     * {@link Rapport#DEFAULT_DATE_RULES_INTERVAL}, {@link Rapport#DEFAULT_SLA_SWEEP_INTERVAL},
     * {@link Rapport#DEFAULT_COMPLAINT_SWEEP_INTERVAL}, {@link Rapport#DEFAULT_ROUTING_INTERVAL},
     * {@link Rapport#DEFAULT_AUTOMATIONS_INTERVAL}, {@link Rapport#DEFAULT_HEALTH_INTERVAL} and
     * {@link Rapport#DEFAULT_HEALTH_RESCORE_INTERVAL}.
     *
     * @param worker the worker the interval is for; null is refused by {@link Rapport.Builder#build()}
     * @param value the time between the end of one round and the start of the next; positive
     * @return this builder
     */
    public Rapport.Builder interval(Worker worker, Duration value) {
        if (worker == null) {
            badWorkerSetting = "interval";
        } else {
            intervals.put(worker, value);
        }
        return self();
    }

    /**
     * Sets how long a worker waits after a first failed round; doubled per further failure up to
     * {@link #maxRestartBackoff(Duration)}; positive. Default: {@link Rapport#DEFAULT_RESTART_BACKOFF}.
     *
     * @param value the wait after the first failed round; positive
     * @return this builder
     */
    public Rapport.Builder restartBackoff(Duration value) {
        restartBackoff = value;
        return self();
    }

    /**
     * Sets the longest wait of a worker after failed rounds; not below the restart backoff. Default:
     * {@link Rapport#DEFAULT_MAX_RESTART_BACKOFF}.
     *
     * @param value the longest wait between failed rounds; positive and not below the restart backoff
     * @return this builder
     */
    public Rapport.Builder maxRestartBackoff(Duration value) {
        maxRestartBackoff = value;
        return self();
    }

    /**
     * Sets how long {@link Rapport#close()} waits for the workers' rounds in flight; the outbox relay then gets as
     * long again for its last rounds, so close() returns within twice this; positive. Default:
     * {@link Rapport#DEFAULT_SHUTDOWN_TIMEOUT}.
     *
     * @param value how long close() waits for rounds in flight; positive
     * @return this builder
     */
    public Rapport.Builder shutdownTimeout(Duration value) {
        shutdownTimeout = value;
        return self();
    }

    /**
     * Checks every option and names the first property at fault; see {@link Rapport.Builder#build()}.
     *
     * @throws RapportConfigurationException naming the property at fault
     */
    final void check() {
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
