package dev.rapport.followup;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.validation.PlainTextValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules follow-ups from rules, dates and direct requests, and cancels them when they no longer make sense.
 *
 * <p>Scheduling is idempotent: each follow-up carries an idempotency key made of its rule's id and the occasion's
 * subject ({@code "survey-after-resolution/case:<id>"}), so an event delivered twice, or a rule firing twice for
 * one case, stores one follow-up; the second time the outcome is {@link ScheduleOutcome.Result#ALREADY_SCHEDULED}.
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

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpScheduler.class);

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

    /** Inbound interaction kinds that do not count as the customer getting in touch. */
    private static final Set<InteractionKind> NOT_A_REPLY = EnumSet.of(InteractionKind.MISSED_CALL,
            InteractionKind.PURCHASE, InteractionKind.NOTE, InteractionKind.FEEDBACK);

    private static final int CANCEL_ATTEMPTS = 5;

    private final RapportStorage storage;
    private final FollowUpRepository followUps;
    private final Clock clock;
    private final CommandValidator validator;
    private final UnitOfWork unitOfWork;
    private final SendWindow sendWindow;
    private final Map<String, FollowUpRule> rules;
    private final List<FollowUpRule> rulesInOrder;
    private final Map<FollowUpKind, Set<CancelCondition>> cancelConditions;
    private final Duration dateLookahead;

    private FollowUpScheduler(Builder b) {
        storage = b.storage;
        followUps = storage.followUps();
        clock = b.clock;
        validator = new CommandValidator(b.validator);
        unitOfWork = b.runtime != null ? b.runtime.unitOfWork() : UnitOfWork.over(storage, b.eventPublisher, () -> { });
        sendWindow = b.sendWindow;
        rules = Map.copyOf(b.rules);
        rulesInOrder = List.copyOf(b.rules.values());
        cancelConditions = Map.copyOf(b.cancelConditions);
        dateLookahead = b.dateLookahead;
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
            cancelled.addAll(cancelOnContact(e));
        } else if (event instanceof CaseStatusChanged e && e.from() == CaseStatus.RESOLVED
                && e.to() != CaseStatus.CLOSED) {
            cancelled.addAll(cancelOnReopen(e));
        } else if (event instanceof CustomerUpdated e) {
            cancelled.addAll(reconcile(e.customerId()));
            schedules.addAll(scheduleUpcoming(e.customerId(), dateLookahead));
        } else if (event instanceof CustomerRegistered e) {
            schedules.addAll(scheduleUpcoming(e.customerId(), dateLookahead));
        } else if (event instanceof FollowUpSent e && rulesInOrder.stream().anyMatch(FollowUpRule::rollForward)) {
            schedules.addAll(rollForward(e));
        }
        for (FollowUpRule rule : rulesInOrder) {
            if (rule.trigger() instanceof Trigger.OnEvent<?> trigger) {
                trigger.match(event).ifPresent(occasion -> schedules.add(scheduleByRule(rule, occasion, null)));
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
        if (occasion == null) {
            throw ValidationException.of("trigger", "occasion", "NotNull", "must not be null");
        }
        return scheduleByRule(rule, occasion, null);
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
        validator.check(request);
        String key = FollowUps.DIRECT_PREFIX + request.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString());
        Optional<FollowUp> existing = followUps.findByIdempotencyKey(key);
        if (existing.isPresent()) {
            return ScheduleOutcome.alreadyScheduled(Optional.empty(), existing.get().id());
        }
        Optional<Customer> found = storage.customers().findById(request.customerId());
        if (found.isEmpty()) {
            return ScheduleOutcome.skipped(Optional.empty(), "customer not found");
        }
        Customer customer = found.get();
        if (customer.status() == CustomerStatus.ERASED) {
            return ScheduleOutcome.skipped(Optional.empty(), "customer erased");
        }
        if (request.caseId().isPresent() && !storage.cases().findById(request.caseId().get())
                .map(c -> c.customerId().equals(customer.id())).orElse(false)) {
            throw ValidationException.of("ScheduleFollowUp", "caseId", "CaseOfCustomer",
                    "must name an existing case of the same customer");
        }
        Optional<Channel> channel = FollowUps.chooseChannel(customer,
                request.channel().map(List::of).orElse(FollowUpRule.DEFAULT_CHANNELS), request.channel().isEmpty());
        if (channel.isEmpty()) {
            return ScheduleOutcome.skipped(Optional.empty(), "no channel with consent and an address");
        }
        Instant now = FollowUps.now(clock);
        Instant dueAt = shift(later(request.dueAt(), now), customer.timeZone());
        if (request.expiresAt().isPresent() && !dueAt.isBefore(request.expiresAt().get())) {
            return ScheduleOutcome.skipped(Optional.empty(), "expires before an allowed send time");
        }
        FollowUp followUp = FollowUp.builder().id(FollowUpId.random()).customerId(customer.id())
                .caseId(request.caseId().orElse(null)).kind(request.kind()).channel(channel.get()).dueAt(dueAt)
                .expiresAt(request.expiresAt().map(FollowUps::truncate).orElse(null)).idempotencyKey(key).values(request.values())
                .createdAt(now).updatedAt(now).build();
        return insert(Optional.empty(), followUp);
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
        if (rulesInOrder.stream().noneMatch(r -> r.trigger() instanceof Trigger.OnDate)) {
            return 0;
        }
        int scheduled = 0;
        Optional<PageRequest> request = Optional.of(PageRequest.first(500));
        while (request.isPresent()) {
            Page<Customer> page = storage.customers().list(request.get());
            for (Customer customer : page.items()) {
                scheduled += (int) scheduleUpcoming(customer, lookahead).stream()
                        .filter(o -> o.result() == ScheduleOutcome.Result.SCHEDULED).count();
            }
            request = page.nextRequest();
        }
        return scheduled;
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
        if (rulesInOrder.stream().noneMatch(r -> r.trigger() instanceof Trigger.OnDate)) {
            return List.of();
        }
        return storage.customers().findById(customerId).map(c -> scheduleUpcoming(c, lookahead)).orElse(List.of());
    }

    private List<ScheduleOutcome> scheduleUpcoming(Customer customer, Duration lookahead) {
        if (customer.status() == CustomerStatus.ERASED) {
            return List.of();
        }
        Instant now = FollowUps.now(clock);
        ZoneId zone = customer.timeZone();
        LocalDate today = now.atZone(zone).toLocalDate();
        List<ScheduleOutcome> outcomes = new ArrayList<>();
        for (FollowUpRule rule : rulesInOrder) {
            if (!(rule.trigger() instanceof Trigger.OnDate onDate)) {
                continue;
            }
            Optional<LocalDate> date = onDate.dates().nextOnOrAfter(customer, today);
            if (date.isEmpty()) {
                continue;
            }
            Instant start = date.get().atStartOfDay(zone).toInstant();
            if (planned(rule, start, zone).isAfter(now.plus(lookahead))) {
                continue;
            }
            outcomes.add(scheduleDate(rule, customer, date.get()));
        }
        return outcomes;
    }

    private ScheduleOutcome scheduleDate(FollowUpRule rule, Customer customer, LocalDate date) {
        Instant start = date.atStartOfDay(customer.timeZone()).toInstant();
        Occasion occasion = Occasion.forCustomer(customer.id(), dateSubject(customer.id(), date), start);
        return scheduleByRule(rule, occasion, customer);
    }

    /**
     * After a follow-up of a rolling date rule was sent, schedules the rule's next date for the customer, whatever
     * the look-ahead: a renewal every period gets its next reminder once the current one went out. The idempotency
     * key of the next date makes a repeated event schedule nothing more.
     */
    private List<ScheduleOutcome> rollForward(FollowUpSent sent) {
        Optional<FollowUp> followUp = followUps.findById(sent.followUpId());
        if (followUp.isEmpty()) {
            return List.of();
        }
        Optional<FollowUpRule> rule = ruleOf(followUp.get()).filter(FollowUpRule::rollForward);
        Optional<PlannedDate> planned = rule.isEmpty() ? Optional.empty() : dateOf(followUp.get());
        if (planned.isEmpty()) {
            return List.of();
        }
        Optional<Customer> customer = storage.customers().findById(followUp.get().customerId())
                .filter(c -> c.status() != CustomerStatus.ERASED);
        if (customer.isEmpty()) {
            return List.of();
        }
        return planned.get().source().nextOnOrAfter(customer.get(), planned.get().date().plusDays(1))
                .map(next -> List.of(scheduleDate(rule.get(), customer.get(), next))).orElse(List.of());
    }

    private Optional<FollowUpRule> ruleOf(FollowUp f) {
        String key = f.idempotencyKey();
        int separator = key.indexOf(FollowUps.KEY_SEPARATOR);
        return separator < 0 ? Optional.empty() : Optional.ofNullable(rules.get(key.substring(0, separator)));
    }

    private ScheduleOutcome scheduleByRule(FollowUpRule rule, Occasion occasion, Customer known) {
        Optional<String> ruleId = Optional.of(rule.id());
        String key = FollowUps.ruleKey(rule.id(), occasion.subject());
        Optional<FollowUp> existing = followUps.findByIdempotencyKey(key);
        if (existing.isPresent()) {
            return ScheduleOutcome.alreadyScheduled(ruleId, existing.get().id());
        }
        Optional<Case> supportCase = occasion.caseId().flatMap(storage.cases()::findById);
        if (occasion.caseId().isPresent() && supportCase.isEmpty()) {
            return ScheduleOutcome.skipped(ruleId, "case not found");
        }
        if (occasion.requiredCaseStatus().isPresent()
                && supportCase.get().status() != occasion.requiredCaseStatus().get()) {
            return ScheduleOutcome.skipped(ruleId, "case is no longer " + occasion.requiredCaseStatus().get());
        }
        CustomerId customerId = occasion.customerId().orElseGet(() -> supportCase.get().customerId());
        Optional<Customer> found = known != null ? Optional.of(known) : storage.customers().findById(customerId);
        if (found.isEmpty()) {
            return ScheduleOutcome.skipped(ruleId, "customer not found");
        }
        Customer customer = found.get();
        if (customer.status() == CustomerStatus.ERASED) {
            return ScheduleOutcome.skipped(ruleId, "customer erased");
        }
        Optional<Channel> channel = FollowUps.chooseChannel(customer, rule.channels(), rule.preferCustomerChannel());
        if (channel.isEmpty()) {
            return ScheduleOutcome.skipped(ruleId, "no channel with consent and an address");
        }
        ZoneId zone = customer.timeZone();
        Instant now = FollowUps.now(clock);
        Instant planned = planned(rule, occasion.occurredAt(), zone);
        Instant dueAt = shift(later(planned, now), zone);
        Optional<Instant> expiresAt = rule.expiresAfter().map(planned::plus);
        if (expiresAt.isPresent() && !dueAt.isBefore(expiresAt.get())) {
            return ScheduleOutcome.skipped(ruleId, "expires before an allowed send time");
        }
        Map<String, String> values = new LinkedHashMap<>(rule.values());
        values.putAll(occasion.values());
        rule.template().ifPresent(template -> values.put(MessageValues.TEMPLATE, template));
        FollowUp followUp = FollowUp.builder().id(FollowUpId.random()).customerId(customer.id())
                .caseId(occasion.caseId().orElse(null)).kind(rule.kind()).channel(channel.get()).dueAt(dueAt)
                .expiresAt(expiresAt.orElse(null)).idempotencyKey(key).values(values).createdAt(now).updatedAt(now)
                .build();
        return insert(ruleId, followUp);
    }

    private ScheduleOutcome insert(Optional<String> ruleId, FollowUp followUp) {
        checkFollowUp(followUp);
        try {
            FollowUp stored = unitOfWork.run(events -> {
                FollowUp inserted = followUps.insert(followUp);
                events.add(new FollowUpScheduled(UUID.randomUUID(), inserted.createdAt(), inserted.id(),
                        inserted.customerId(), inserted.kind(), inserted.dueAt()));
                return inserted;
            });
            LOG.debug("Scheduled follow-up {} of kind {} for {}", stored.id(), stored.kind(), stored.dueAt());
            return ScheduleOutcome.scheduled(ruleId, stored);
        } catch (DuplicateIdempotencyKeyException e) {
            return ScheduleOutcome.alreadyScheduled(ruleId, e.existing());
        }
    }

    /** Checks a follow-up before it is stored. */
    private void checkFollowUp(FollowUp followUp) {
        validator.check(followUp);
    }

    /** The due time before the send window: occasion plus delay, then the rule's local time of day, if any. */
    static Instant planned(FollowUpRule rule, Instant occurredAt, ZoneId zone) {
        ZonedDateTime due = rule.delayCalendar().isPresent()
                ? FollowUps.plusBusinessDays(occurredAt, rule.delay(), zone, rule.delayCalendar().get())
                : FollowUps.plusDelay(occurredAt, rule.delay(), zone);
        if (rule.sendAt().isPresent()) {
            due = ZonedDateTime.of(due.toLocalDate(), rule.sendAt().get(), zone);
        }
        return due.toInstant();
    }

    private Instant shift(Instant instant, ZoneId zone) {
        return FollowUps.truncate(sendWindow.nextAllowed(instant, zone));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String dateSubject(CustomerId customerId, LocalDate date) {
        return "customer:" + customerId + ":" + date;
    }

    /** Refuses a missing argument as bad input, naming it, as commands are refused. */
    private static void requireArgument(String operation, String field, Object value) {
        if (value == null) {
            throw ValidationException.of(operation, field, "NotNull", "must not be null");
        }
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
        if (id == null) {
            throw ValidationException.of("cancel", "id", "NotNull", "must not be null");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON
                || !PlainTextValidator.isPlainText(reason, true)) {
            throw ValidationException.of("cancel", "reason", "PlainText",
                    "must be plain text of 1 to " + MAX_REASON + " characters");
        }
        return retryingStale(() -> unitOfWork.run(events -> {
            FollowUp current = followUps.get(id);
            if (current.status() == FollowUpStatus.CANCELLED) {
                return current;
            }
            if (!current.status().canMoveTo(FollowUpStatus.CANCELLED)) {
                throw new IllegalTransitionException("follow-up", id, current.status(), FollowUpStatus.CANCELLED);
            }
            return cancelIn(events, current, reason, false);
        }));
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
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : FollowUps.pending(followUps, customerId)) {
            cancelPending(f.id(), reason, false).ifPresent(cancelled::add);
        }
        return cancelled;
    }

    private List<FollowUpId> cancelOnContact(InteractionRecorded e) {
        if (e.direction() != Direction.INBOUND || NOT_A_REPLY.contains(e.kind())) {
            return List.of();
        }
        Set<FollowUpKind> kinds = kindsCancelledOn(CancelCondition.CUSTOMER_REPLIED);
        if (kinds.isEmpty()) {
            return List.of();
        }
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : FollowUps.pending(followUps, e.customerId())) {
            boolean otherCase = f.caseId().isPresent() && e.caseId().isPresent() && !f.caseId().equals(e.caseId());
            if (kinds.contains(f.kind()) && !f.createdAt().isAfter(e.occurredAt()) && !otherCase) {
                cancelPending(f.id(), CancellationReason.CUSTOMER_REPLIED, false).ifPresent(cancelled::add);
            }
        }
        return cancelled;
    }

    private List<FollowUpId> cancelOnReopen(CaseStatusChanged e) {
        Set<FollowUpKind> kinds = kindsCancelledOn(CancelCondition.CASE_REOPENED);
        Optional<Case> supportCase = storage.cases().findById(e.caseId());
        if (kinds.isEmpty() || supportCase.isEmpty()) {
            return List.of();
        }
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : FollowUps.pending(followUps, supportCase.get().customerId())) {
            if (kinds.contains(f.kind()) && f.caseId().equals(Optional.of(e.caseId()))) {
                cancelPending(f.id(), CancellationReason.CASE_REOPENED, true).ifPresent(cancelled::add);
            }
        }
        return cancelled;
    }

    /** Cancels what a changed customer can no longer get: everything if erased, a channel opted out of, a moved date. */
    private List<FollowUpId> reconcile(CustomerId customerId) {
        List<FollowUp> pending = FollowUps.pending(followUps, customerId);
        if (pending.isEmpty()) {
            return List.of();
        }
        Optional<Customer> found = storage.customers().findById(customerId);
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : pending) {
            Optional<CancellationReason> reason = found.isEmpty() ? Optional.of(CancellationReason.CUSTOMER_NOT_FOUND)
                    : reasonToCancel(found.get(), f);
            reason.flatMap(r -> cancelPending(f.id(), r, false)).ifPresent(cancelled::add);
        }
        return cancelled;
    }

    private Optional<CancellationReason> reasonToCancel(Customer customer, FollowUp f) {
        if (customer.status() == CustomerStatus.ERASED) {
            return Optional.of(CancellationReason.CUSTOMER_ERASED);
        }
        if (!customer.mayContactOn(f.channel())) {
            return Optional.of(CancellationReason.OPTED_OUT);
        }
        return dateOf(f).filter(planned -> !planned.date().equals(
                        planned.source().nextOnOrAfter(customer, planned.date()).orElse(null)))
                .map(moved -> CancellationReason.DATE_CHANGED);
    }

    private record PlannedDate(DateSource source, LocalDate date) {
    }

    /** The date a date rule's follow-up was planned for, read back from its idempotency key. */
    private Optional<PlannedDate> dateOf(FollowUp f) {
        String key = f.idempotencyKey();
        int separator = key.indexOf(FollowUps.KEY_SEPARATOR);
        if (separator < 0) {
            return Optional.empty();
        }
        FollowUpRule rule = rules.get(key.substring(0, separator));
        if (rule == null || !(rule.trigger() instanceof Trigger.OnDate onDate)) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(key.substring(key.lastIndexOf(':') + 1));
            return Optional.of(new PlannedDate(onDate.dates(), date));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Set<FollowUpKind> kindsCancelledOn(CancelCondition condition) {
        Set<FollowUpKind> kinds = new HashSet<>();
        cancelConditions.forEach((kind, conditions) -> {
            if (conditions.contains(condition)) {
                kinds.add(kind);
            }
        });
        return kinds;
    }

    /** Cancels a follow-up if it is still pending; empty if it had already moved on. */
    private Optional<FollowUpId> cancelPending(FollowUpId id, CancellationReason reason, boolean releaseKey) {
        return retryingStale(() -> unitOfWork.run(events -> {
            Optional<FollowUp> current = followUps.findById(id);
            if (current.isEmpty() || !FollowUps.PENDING.contains(current.get().status())) {
                return Optional.<FollowUpId>empty();
            }
            cancelIn(events, current.get(), reason.code(), releaseKey);
            LOG.debug("Cancelled follow-up {}: {}", id, reason.code());
            return Optional.of(id);
        }));
    }

    private FollowUp cancelIn(List<DomainEvent> events, FollowUp current, String reason, boolean releaseKey) {
        Instant now = FollowUps.now(clock);
        FollowUp.Builder next = current.toBuilder().status(FollowUpStatus.CANCELLED).cancelReason(reason)
                .leaseOwner(null).leaseUntil(null).updatedAt(now);
        if (releaseKey) {
            next.idempotencyKey(FollowUps.releasedKey(current));
        }
        FollowUp stored = followUps.update(next.build());
        events.add(new FollowUpCancelled(UUID.randomUUID(), now, stored.id(), reason));
        return stored;
    }

    private static <T> T retryingStale(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (StaleVersionException e) {
                if (attempt >= CANCEL_ATTEMPTS) {
                    throw e;
                }
            }
        }
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
