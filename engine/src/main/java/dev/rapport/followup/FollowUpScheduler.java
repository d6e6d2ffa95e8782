package dev.rapport.followup;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.validation.PlainTextValidator;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Schedules follow-ups from rules, dates and direct requests, and cancels them when they no longer make sense.
 *
 * <p>Scheduling is idempotent: each follow-up carries an idempotency key made of its rule's id and the occasion's
 * subject ({@code "survey-after-resolution/case:<id>"}), so an event delivered twice, or a rule firing twice for
 * one case, stores one follow-up; the second time the outcome is {@link ScheduleOutcome.Result#ALREADY_SCHEDULED}.
 * Each follow-up a rule schedules also records the rule's id and, for a date rule, the date it was planned for
 * ({@link FollowUp#ruleId()}, {@link FollowUp#occasionDate()}); rolling forward and cancelling moved dates read
 * those, never the key.
 *
 * <p>Events reach the scheduler through {@link #onEvent(Object)}, called by the host or the facade after the change
 * that caused the event was committed, or through the publisher {@link #publishingTo(EventPublisher)} returns.
 * Besides firing rules, events cancel follow-ups: an inbound contact cancels kinds set to
 * {@link CancelCondition#CUSTOMER_REPLIED}, a reopened case those set to {@link CancelCondition#CASE_REOPENED},
 * a {@link CustomerUpdated} for an erased customer or a withdrawn consent cancels what can no longer be sent.
 *
 * <p>Events {@link FollowUpScheduled} and {@link FollowUpCancelled} are published after the change committed.
 * Thread-safe: holds only immutable configuration; share one instance.
 */
public final class FollowUpScheduler {

    /**
     * Which kinds are cancelled on which conditions unless the builder says otherwise: surveys and check-ins when
     * their case is reopened, call-backs and check-in calls when the customer got in touch.
     */
    public static final Map<FollowUpKind, Set<CancelCondition>> DEFAULT_CANCEL_CONDITIONS = Map.of(
            FollowUpKind.SURVEY, Set.of(CancelCondition.CASE_REOPENED),
            FollowUpKind.CHECK_IN, Set.of(CancelCondition.CASE_REOPENED),
            FollowUpKind.CALL_BACK, Set.of(CancelCondition.CUSTOMER_REPLIED),
            FollowUpKind.CHECK_IN_CALL, Set.of(CancelCondition.CUSTOMER_REPLIED));

    /** How far ahead date rules schedule when a customer is registered or updated, unless set: 31 days. */
    public static final Duration DEFAULT_DATE_LOOKAHEAD = Duration.ofDays(31);

    /** The longest reason text a host may give when cancelling. */
    public static final int MAX_REASON = 1_000;

    private final SendWindow sendWindow;
    private final Map<String, FollowUpRule> rules;
    private final List<FollowUpRule> rulesInOrder;
    private final Duration dateLookahead;
    private final RulePlanning planning;
    private final FollowUpCancellations cancellations;

    private FollowUpScheduler(Builder b) {
        RapportStorage storage = b.storage;
        UnitOfWork unitOfWork = b.runtime != null ? b.runtime.unitOfWork()
                : UnitOfWork.over(storage, b.eventPublisher, () -> { });
        sendWindow = b.sendWindow;
        rules = Map.copyOf(b.rules);
        rulesInOrder = List.copyOf(b.rules.values());
        dateLookahead = b.dateLookahead;
        planning = new RulePlanning(storage, b.clock, new CommandValidator(b.validator), unitOfWork, sendWindow, rules,
                rulesInOrder);
        cancellations = new FollowUpCancellations(storage, b.clock, unitOfWork, Map.copyOf(b.cancelConditions),
                planning);
    }

    /**
     * A builder over a storage adapter.
     *
     * @param storage where follow-ups, customers and cases are kept
     * @return a new builder with every other option at its default
     */
    public static Builder builder(RapportStorage storage) {
        return new Builder(storage);
    }

    /**
     * A builder over the runtime a Rapport shares between its services: the scheduler takes its storage, clock,
     * validator and unit of work (and so the way events leave) from it. {@code Rapport} does this.
     *
     * @param runtime the shared runtime
     * @return a new builder using the runtime's clock and validator, with every other option at its default
     */
    public static Builder builder(EngineRuntime runtime) {
        Builder builder = new Builder(runtime.storage());
        builder.runtime = runtime;
        return builder.clock(runtime.clock()).validator(runtime.validator());
    }

    /**
     * The rules, in the order they were added.
     *
     * @return the rules; empty if none was added
     */
    public List<FollowUpRule> rules() {
        return rulesInOrder;
    }

    /**
     * The window follow-ups are shifted into.
     *
     * @return the send window due times are moved into
     */
    public SendWindow sendWindow() {
        return sendWindow;
    }

    // ------------------------------------------------------------------------------------------------ events

    /**
     * Handles one event after the change that caused it was committed: cancels what it makes pointless, then fires
     * every rule whose trigger matches it. Safe to call more than once with the same event.
     *
     * @param event a {@link DomainEvent} or any event type a rule's trigger names
     * @return what was scheduled and cancelled
     * @throws ValidationException naming {@code event} if it is null
     */
    public EventOutcome onEvent(Object event) {
        requireArgument("onEvent", "event", event);
        List<FollowUpId> cancelled = new ArrayList<>();
        List<ScheduleOutcome> schedules = new ArrayList<>();
        if (event instanceof InteractionRecorded e) {
            cancelled.addAll(cancellations.cancelOnContact(e));
        } else if (event instanceof CaseStatusChanged e && e.from() == CaseStatus.RESOLVED
                && e.to() != CaseStatus.CLOSED) {
            cancelled.addAll(cancellations.cancelOnReopen(e));
        } else if (event instanceof CustomerUpdated e) {
            cancelled.addAll(cancellations.reconcile(e.customerId()));
            schedules.addAll(planning.scheduleUpcoming(e.customerId(), dateLookahead));
        } else if (event instanceof CustomerRegistered e) {
            schedules.addAll(planning.scheduleUpcoming(e.customerId(), dateLookahead));
        } else if (event instanceof FollowUpSent e && rulesInOrder.stream().anyMatch(FollowUpRule::rollForward)) {
            schedules.addAll(planning.rollForward(e));
        }
        for (FollowUpRule rule : rulesInOrder) {
            if (rule.trigger() instanceof Trigger.OnEvent<?> trigger) {
                trigger.match(event)
                        .ifPresent(occasion -> schedules.add(planning.scheduleByRule(rule, occasion, null, null)));
            }
        }
        return new EventOutcome(schedules, cancelled);
    }

    /**
     * An event publisher that passes each event to {@code downstream} and then to {@link #onEvent(Object)}, for
     * wiring the scheduler in front of the host's own publisher. If {@link #onEvent(Object)} fails, the publish
     * fails, so the event is retried (the downstream publisher deduplicates by event id, as its contract says).
     *
     * @param downstream the host's own publisher, called first
     * @return a publisher to give to whoever publishes the events
     */
    public EventPublisher publishingTo(EventPublisher downstream) {
        Objects.requireNonNull(downstream, "downstream");
        return event -> {
            downstream.publish(event);
            onEvent(event);
        };
    }

    // ------------------------------------------------------------------------------------------------ scheduling

    /**
     * Fires a rule for an occasion the host names, for rules with a {@link Trigger#manual()} trigger or any other.
     *
     * @param ruleId the id of a rule of this scheduler
     * @param occasion what happened, and to whom
     * @return whether a follow-up was scheduled, was scheduled before for the same occasion, or was skipped and why
     * @throws ValidationException if no rule has the id
     */
    public ScheduleOutcome trigger(String ruleId, Occasion occasion) {
        FollowUpRule rule = ruleId == null ? null : rules.get(ruleId);
        if (rule == null) {
            throw ValidationException.of("trigger", "ruleId", "Exists", "must name a rule of this scheduler");
        }
        requireArgument("trigger", "occasion", occasion);
        return planning.scheduleByRule(rule, occasion, null, null);
    }

    /**
     * Schedules one follow-up the host asks for, without a rule.
     *
     * @param request what to schedule, and when
     * @return whether the follow-up was scheduled now, was scheduled before under the same idempotency key, or was
     *         skipped and why (for example the customer was erased or has no channel with consent)
     * @throws ValidationException naming every bad field; nothing is stored
     */
    public ScheduleOutcome schedule(ScheduleFollowUp request) {
        return planning.schedule(request);
    }

    /**
     * Schedules the date-driven follow-ups of every customer that fall due within the lookahead: the next birthday
     * greeting, a renewal reminder. Idempotent: a date already scheduled is not scheduled again. A started Rapport
     * runs it at start and then every hour (worker {@code DATE_RULES}); hosts without it call this once a day or
     * so. It reads every customer, page by page.
     *
     * @param lookahead how far ahead of now to schedule; positive
     * @return how many follow-ups were newly scheduled
     */
    public int scheduleUpcoming(Duration lookahead) {
        requireLookahead(lookahead);
        return planning.scheduleUpcoming(lookahead);
    }

    /**
     * Schedules one customer's date-driven follow-ups that fall due within the lookahead.
     *
     * @param customerId the customer
     * @param lookahead how far ahead of now a due time may lie; positive
     * @return one outcome per date rule that had a date in range
     * @throws ValidationException naming {@code customerId} if it is null
     */
    public List<ScheduleOutcome> scheduleUpcoming(CustomerId customerId, Duration lookahead) {
        requireArgument("scheduleUpcoming", "customerId", customerId);
        requireLookahead(lookahead);
        return planning.scheduleUpcoming(customerId, lookahead);
    }

    private static void requireLookahead(Duration lookahead) {
        if (lookahead == null || lookahead.isNegative() || lookahead.isZero()) {
            throw ValidationException.of("scheduleUpcoming", "lookahead", "Positive", "must be positive");
        }
    }

    // ------------------------------------------------------------------------------------------------ cancelling

    /**
     * Cancels one follow-up for a reason the host gives. Cancelling a cancelled follow-up again changes nothing.
     *
     * @param id the follow-up
     * @param reason why, plain text of at most {@value #MAX_REASON} characters, without personal data
     * @return the follow-up as stored afterwards
     * @throws dev.rapport.spi.followup.FollowUpNotFoundException if no follow-up has the id
     * @throws IllegalTransitionException if it was already sent, failed or expired
     * @throws ValidationException if the reason is blank, too long or not plain text
     */
    public FollowUp cancel(FollowUpId id, String reason) {
        requireArgument("cancel", "id", id);
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON
                || !PlainTextValidator.isPlainText(reason, true)) {
            throw ValidationException.of("cancel", "reason", "PlainText",
                    "must be plain text of 1 to " + MAX_REASON + " characters");
        }
        return cancellations.cancel(id, reason);
    }

    /**
     * Cancels every pending follow-up of a customer, for example when the customer is erased or opts out of all
     * contact.
     *
     * @param customerId the customer
     * @param reason why, stored on each follow-up and published
     * @return the follow-ups cancelled
     * @throws ValidationException naming the argument that is null
     */
    public List<FollowUpId> cancelAll(CustomerId customerId, CancellationReason reason) {
        requireArgument("cancelAll", "customerId", customerId);
        requireArgument("cancelAll", "reason", reason);
        return cancellations.cancelAll(customerId, reason);
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** Builds {@link FollowUpScheduler}s; not thread-safe. */
    public static final class Builder {
        private final RapportStorage storage;
        private EventPublisher eventPublisher = EventPublisher.NONE;
        private Clock clock = Clock.systemUTC();
        private Validator validator;
        private SendWindow sendWindow;
        private final Map<String, FollowUpRule> rules = new LinkedHashMap<>();
        private final List<String> duplicateRuleIds = new ArrayList<>();
        private final Map<FollowUpKind, Set<CancelCondition>> cancelConditions =
                new HashMap<>(DEFAULT_CANCEL_CONDITIONS);
        private Duration dateLookahead = DEFAULT_DATE_LOOKAHEAD;
        private EngineRuntime runtime;

        private Builder(RapportStorage storage) {
            this.storage = storage;
        }

        /**
         * Sets where events go after commit; default {@link EventPublisher#NONE}. Ignored by a builder over a
         * runtime, whose unit of work decides.
         *
         * @param value the publisher of the scheduler's events
         * @return this builder
         */
        public Builder eventPublisher(EventPublisher value) { eventPublisher = value; return this; }
        /**
         * Sets the clock; default {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) { clock = value; return this; }
        /**
         * Sets the Jakarta validator for requests; default Hibernate Validator's default validator.
         *
         * @param value the validator; {@code null} for the default
         * @return this builder
         */
        public Builder validator(Validator value) { validator = value; return this; }
        /**
         * Sets the allowed send times; default {@link SendWindow#defaults()}.
         *
         * @param value the send window; {@code null} for the default
         * @return this builder
         */
        public Builder sendWindow(SendWindow value) { sendWindow = value; return this; }
        /**
         * Sets how far ahead date rules schedule on customer events; default {@link #DEFAULT_DATE_LOOKAHEAD}.
         *
         * @param value how far ahead; positive
         * @return this builder
         */
        public Builder dateLookahead(Duration value) { dateLookahead = value; return this; }

        /**
         * Adds a rule; default none. Rule ids must be unique.
         *
         * @param rule the rule; a second rule with the same id fails {@link #build()}
         * @return this builder
         */
        public Builder rule(FollowUpRule rule) {
            Objects.requireNonNull(rule, "rule");
            if (rules.putIfAbsent(rule.id(), rule) != null) {
                duplicateRuleIds.add(rule.id());
            }
            return this;
        }

        /**
         * Adds rules; see {@link #rule(FollowUpRule)}.
         *
         * @param values the rules, in order
         * @return this builder
         */
        public Builder rules(Collection<FollowUpRule> values) {
            values.forEach(this::rule);
            return this;
        }

        /**
         * Sets on which conditions pending follow-ups of a kind are cancelled; an empty set turns cancellation off
         * for the kind. Default {@link #DEFAULT_CANCEL_CONDITIONS}; kinds not named there have no conditions.
         *
         * @param kind the kind of follow-up
         * @param conditions the conditions; replaces those the kind had
         * @return this builder
         */
        public Builder cancelOn(FollowUpKind kind, Set<CancelCondition> conditions) {
            Objects.requireNonNull(kind, "kind");
            cancelConditions.put(kind, Set.copyOf(conditions));
            return this;
        }

        /**
         * The scheduler.
         *
         * @return the scheduler
         * @throws ValidationException naming each property at fault
         */
        public FollowUpScheduler build() {
            List<Violation> violations = new ArrayList<>();
            if (storage == null) {
                violations.add(new Violation("storage", "NotNull", "must not be null"));
            }
            if (eventPublisher == null) {
                violations.add(new Violation("eventPublisher", "NotNull", "must not be null"));
            }
            if (clock == null) {
                violations.add(new Violation("clock", "NotNull", "must not be null"));
            }
            if (dateLookahead == null || dateLookahead.isNegative() || dateLookahead.isZero()) {
                violations.add(new Violation("dateLookahead", "Positive", "must be positive"));
            }
            if (!duplicateRuleIds.isEmpty()) {
                violations.add(new Violation("rules", "Unique", "rule ids must be unique; repeated: "
                        + String.join(", ", duplicateRuleIds)));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("FollowUpScheduler", violations);
            }
            if (validator == null) {
                validator = DefaultValidator.get();
            }
            if (sendWindow == null) {
                sendWindow = SendWindow.defaults();
            }
            return new FollowUpScheduler(this);
        }
    }
}
