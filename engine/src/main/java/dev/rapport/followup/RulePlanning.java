package dev.rapport.followup;

import dev.rapport.internal.Arguments;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling half of {@link FollowUpScheduler}: fires rules for occasions and dates, schedules the host's direct
 * requests, and stores each follow-up once under its idempotency key. Every follow-up a rule plans records the rule
 * ({@link FollowUp#ruleId()}) and, for a date rule, the date it was planned for ({@link FollowUp#occasionDate()});
 * both are read back from those fields, never from the key. Thread-safe: holds only immutable configuration.
 */
final class RulePlanning {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpScheduler.class);

    private final RapportStorage storage;
    private final FollowUpRepository followUps;
    private final Clock clock;
    private final CommandValidator validator;
    private final UnitOfWork unitOfWork;
    private final SendWindow sendWindow;
    private final Map<String, FollowUpRule> rules;
    private final List<FollowUpRule> rulesInOrder;

    RulePlanning(RapportStorage storage, Clock clock, CommandValidator validator, UnitOfWork unitOfWork,
            SendWindow sendWindow, Map<String, FollowUpRule> rules, List<FollowUpRule> rulesInOrder) {
        this.storage = storage;
        this.followUps = storage.followUps();
        this.clock = clock;
        this.validator = validator;
        this.unitOfWork = unitOfWork;
        this.sendWindow = sendWindow;
        this.rules = rules;
        this.rulesInOrder = rulesInOrder;
    }

    /** A date a date rule planned a follow-up for, with the rule's source of dates. */
    record PlannedDate(DateSource source, LocalDate date) {
    }

    boolean hasDateRules() {
        return rulesInOrder.stream().anyMatch(r -> r.trigger() instanceof Trigger.OnDate);
    }

    /** Schedules one follow-up the host asks for, without a rule; see {@link FollowUpScheduler#schedule}. */
    ScheduleOutcome schedule(ScheduleFollowUp request) {
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
        Instant now = Arguments.now(clock);
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

    /** How many date-rule follow-ups of every customer, page by page, were newly scheduled within the lookahead. */
    int scheduleUpcoming(Duration lookahead) {
        if (!hasDateRules()) {
            return 0;
        }
        int scheduled = 0;
        for (Customer customer : PageWalk.<Customer>byKey(500,
                (last, size) -> storage.customers().listAfter(last.map(Customer::id), size))) {
            scheduled += (int) scheduleUpcoming(customer, lookahead).stream()
                    .filter(o -> o.result() == ScheduleOutcome.Result.SCHEDULED).count();
        }
        return scheduled;
    }

    /** One customer's date-rule follow-ups that fall due within the lookahead; empty for an unknown customer. */
    List<ScheduleOutcome> scheduleUpcoming(CustomerId customerId, Duration lookahead) {
        if (!hasDateRules()) {
            return List.of();
        }
        return storage.customers().findById(customerId).map(c -> scheduleUpcoming(c, lookahead)).orElse(List.of());
    }

    private List<ScheduleOutcome> scheduleUpcoming(Customer customer, Duration lookahead) {
        if (customer.status() == CustomerStatus.ERASED) {
            return List.of();
        }
        Instant now = Arguments.now(clock);
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
        return scheduleByRule(rule, occasion, customer, date);
    }

    /**
     * After a follow-up of a rolling date rule was sent, schedules the rule's next date for the customer, whatever
     * the look-ahead: a renewal every period gets its next reminder once the current one went out. The idempotency
     * key of the next date makes a repeated event schedule nothing more.
     */
    List<ScheduleOutcome> rollForward(FollowUpSent sent) {
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

    /** The rule of this scheduler that planned a follow-up, from {@link FollowUp#ruleId()}. */
    Optional<FollowUpRule> ruleOf(FollowUp f) {
        return f.ruleId().map(rules::get);
    }

    /** The date a date rule of this scheduler planned a follow-up for, from {@link FollowUp#occasionDate()}. */
    Optional<PlannedDate> dateOf(FollowUp f) {
        if (f.occasionDate().isEmpty()) {
            return Optional.empty();
        }
        return ruleOf(f).filter(rule -> rule.trigger() instanceof Trigger.OnDate)
                .map(rule -> new PlannedDate(((Trigger.OnDate) rule.trigger()).dates(), f.occasionDate().get()));
    }

    /**
     * Fires a rule for an occasion.
     *
     * @param known the customer, if the caller read it already; null to read it
     * @param occasionDate the date a date rule fires for; null for other rules
     */
    ScheduleOutcome scheduleByRule(FollowUpRule rule, Occasion occasion, Customer known, LocalDate occasionDate) {
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
        Instant now = Arguments.now(clock);
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
                .expiresAt(expiresAt.orElse(null)).idempotencyKey(key).values(values)
                .ruleId(rule.id()).occasionDate(occasionDate).createdAt(now).updatedAt(now)
                .build();
        return insert(ruleId, followUp);
    }

    private ScheduleOutcome insert(Optional<String> ruleId, FollowUp followUp) {
        validator.check(followUp);
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
}
