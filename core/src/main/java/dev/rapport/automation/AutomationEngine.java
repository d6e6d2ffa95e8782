package dev.rapport.automation;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.MessageTemplate;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.internal.Arguments;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.sla.SlaService;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.automation.AutomationFiring;
import dev.rapport.internal.CaseAudit;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.event.AutomationFired;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.validation.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs case automation rules: each round reads, rule by rule, the cases in the rule's states that are not snoozed
 * (paging by id), and fires the rule on each case whose conditions hold and on which it has not fired for the
 * case's occasion. A started Rapport runs a round every {@code Rapport.DEFAULT_AUTOMATIONS_INTERVAL} (worker
 * {@code AUTOMATIONS}); hosts may call {@link #runRound()} themselves. Obtained from {@code Rapport#automations()}.
 *
 * <p>Once per case and occasion, across nodes: a firing is recorded through
 * {@link dev.rapport.spi.automation.AutomationFirings#record} in the same transaction as its actions, under the
 * unique key (rule name, case, occasion). When two nodes fire the same rule on the same case at once, the second
 * record fails on the key, its transaction rolls back, and it did nothing. A firing that fails for any other reason
 * (the case changed meanwhile, an action is not allowed) rolls back whole and is tried again next round.
 *
 * <p>History: a status change made by a rule is in the case's history with {@link Actor#rule(String)} as actor and
 * the rule's conditions as reason; every firing, whatever its actions, is in {@link #firings(CaseId)} with what it
 * did, and raises an {@link AutomationFired} event.
 *
 * <p>Thread-safe; rounds may run on several threads and nodes at once.
 */
public final class AutomationEngine {

    /** How many cases a round reads at a time. */
    public static final int PAGE_SIZE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(AutomationEngine.class);

    private final EngineRuntime runtime;
    private final RapportStorage storage;
    private final List<AutomationRule> rules;
    private final BusinessCalendars calendars;
    private final SlaService sla;
    private final FollowUpScheduler followUps;
    private final Supplier<Optional<Router>> router;

    /**
     * Creates the engine; {@code Rapport} does this.
     *
     * @param runtime the Rapport's shared runtime
     * @param rules the rules; names unique
     * @param calendars where the rules' business calendars are looked up
     * @param sla computes SLA states for {@link Condition.Sla}
     * @param followUps schedules the messages of {@link Action.SendMessage}
     * @param router the router {@link Action.Route} submits to after commit, if routing is configured
     * @throws ValidationException naming {@code name} if two rules share a name, or {@code age} if a rule names a
     *         calendar the calendars do not hold
     */
    public AutomationEngine(EngineRuntime runtime, List<AutomationRule> rules, BusinessCalendars calendars,
            SlaService sla, FollowUpScheduler followUps, Supplier<Optional<Router>> router) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.storage = runtime.storage();
        this.rules = List.copyOf(rules);
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.followUps = Objects.requireNonNull(followUps, "followUps");
        this.router = Objects.requireNonNull(router, "router");
        check(this.rules, calendars);
    }

    /**
     * Checks a set of rules against the calendars they will run with.
     *
     * @param rules the rules
     * @param calendars the business calendars
     * @throws ValidationException naming {@code name} if two rules share a name, or {@code age} if a rule names a
     *         calendar the calendars do not hold
     */
    public static void check(List<AutomationRule> rules, BusinessCalendars calendars) {
        Set<String> names = new HashSet<>();
        for (AutomationRule rule : rules) {
            if (!names.add(rule.name())) {
                throw ValidationException.of("AutomationRule", "name", "Unique",
                        "must be unique among the rules; " + rule.name() + " is used twice");
            }
            for (Condition condition : rule.conditions()) {
                ageOf(condition).flatMap(Age::calendarId).filter(id -> calendars.find(id).isEmpty())
                        .ifPresent(id -> {
                            throw ValidationException.of("AutomationRule", "age", "Calendar",
                                    "names business calendar " + id + ", which is not configured");
                        });
            }
        }
    }

    private static Optional<Age> ageOf(Condition condition) {
        if (condition instanceof Condition.InStatusFor c) {
            return Optional.of(c.age());
        } else if (condition instanceof Condition.OpenFor c) {
            return Optional.of(c.age());
        } else if (condition instanceof Condition.NoCustomerMessageFor c) {
            return Optional.of(c.age());
        } else if (condition instanceof Condition.NoAgentMessageFor c) {
            return Optional.of(c.age());
        }
        return Optional.empty();
    }

    /**
     * The rules, in the order they run.
     *
     * @return the rules, in the order they run; unmodifiable, empty when none are configured
     */
    public List<AutomationRule> rules() {
        return rules;
    }

    /**
     * Runs every rule once over its candidate cases.
     *
     * @return how many firings this call recorded
     */
    public int runRound() {
        Instant now = runtime.now();
        int fired = 0;
        for (AutomationRule rule : rules) {
            for (Case supportCase : PageWalk.<Case>byKey(PAGE_SIZE, (last, limit) -> storage.automationFirings()
                    .candidates(rule.statuses(), now, last.map(Case::id), limit))) {
                if (fire(rule, supportCase, now)) {
                    fired++;
                }
            }
        }
        if (fired > 0) {
            LOG.debug("Automation round fired {} times", fired);
        }
        return fired;
    }

    /**
     * The firings of every rule on a case, ordered by firing time: the case's automation history.
     *
     * @param caseId the case
     * @return its firings
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public List<AutomationFiring> firings(CaseId caseId) {
        Arguments.requireArgument("firings", "caseId", caseId);
        return storage.automationFirings().findByCase(caseId);
    }

    /**
     * Whether a rule's conditions hold for a case now, whatever its firings; for hosts that preview a rule.
     *
     * @param rule the rule
     * @param supportCase the case
     * @param now the time to judge at
     * @return whether the case is in the rule's states, not snoozed, and every condition holds
     */
    public boolean matches(AutomationRule rule, Case supportCase, Instant now) {
        if (!rule.statuses().contains(supportCase.status()) || supportCase.isSnoozedAt(now)) {
            return false;
        }
        AutomationFacts facts = AutomationFacts.of(supportCase, now, calendars,
                () -> storage.interactions().findByCase(supportCase.id()), () -> sla.status(supportCase, now));
        return rule.conditions().stream().allMatch(c -> c.holds(facts));
    }

    private boolean fire(AutomationRule rule, Case candidate, Instant now) {
        Instant occasion = AutomationFacts.occasionOf(candidate);
        if (storage.automationFirings().hasFired(rule.name(), candidate.id(), occasion)
                || !matches(rule, candidate, now)) {
            return false;
        }
        List<Case> routeAfterCommit = new ArrayList<>();
        boolean[] statusChanged = new boolean[1];
        try {
            boolean fired = runtime.unitOfWork().run(events -> {
                routeAfterCommit.clear();
                statusChanged[0] = false;
                Case current = storage.cases().get(candidate.id());
                if (!current.equals(candidate)) {
                    return false; // changed since it was read: judged again next round
                }
                String outcome = HostText.clean(rule.actions().stream().map(Action::describe)
                        .collect(Collectors.joining("; ")), Limits.HOST_TEXT);
                storage.automationFirings().record(new AutomationFiring(rule.name(), current.id(), occasion, now,
                        outcome));
                Optional<String> signal = Optional.empty();
                Case working = current;
                for (Action action : rule.actions()) {
                    if (action instanceof Action.ChangeStatus change) {
                        Case before = working;
                        working = move(rule, working, change.to(), now, events);
                        statusChanged[0] |= before.status() != working.status();
                    } else if (action instanceof Action.ChangePriority change) {
                        Case before = working;
                        working = storage.cases().update(runtime.commands()
                                .check(working.toBuilder().priority(change.priority()).updatedAt(now).build()));
                        CaseAudit.record(storage, before, working, now, Actor.rule(rule.name()));
                    } else if (action instanceof Action.Route route) {
                        if (route.team().isPresent() && !route.team().equals(working.team())) {
                            Case before = working;
                            working = storage.cases().update(runtime.commands().check(working.toBuilder()
                                    .team(route.team().get()).updatedAt(now).build()));
                            CaseAudit.record(storage, before, working, now, Actor.rule(rule.name()));
                        }
                        routeAfterCommit.add(working);
                    } else if (action instanceof Action.SendMessage message) {
                        send(rule, working, occasion, message, now);
                    } else if (action instanceof Action.RaiseEvent raise) {
                        signal = Optional.of(raise.signal());
                    }
                }
                events.add(new AutomationFired(UUID.randomUUID(), now, current.id(), rule.name(), occasion, outcome,
                        signal));
                return true;
            });
            if (statusChanged[0]) {
                runtime.caseHooks().committed();
            }
            routeAfterCommit.forEach(this::route);
            if (fired) {
                LOG.debug("Automation rule {} fired on case {}", rule.name(), candidate.id());
                runtime.observer().automationFired(rule.name());
            }
            return fired;
        } catch (DuplicateEntityException e) {
            LOG.debug("Automation rule {} fired on case {} elsewhere first", rule.name(), candidate.id());
            return false;
        } catch (StaleVersionException e) {
            LOG.debug("Case {} changed while rule {} fired; judged again next round", candidate.id(), rule.name());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Automation rule {} failed on case {}; nothing of it was stored", rule.name(), candidate.id(),
                    e);
            return false;
        }
    }

    private Case move(AutomationRule rule, Case current, CaseStatus to, Instant now, List<DomainEvent> events) {
        Case working = current;
        if (to == CaseStatus.CLOSED && working.status().isUnresolved()) {
            working = moveOnce(rule, working, CaseStatus.RESOLVED, now, events);
        }
        if (working.status() == to) {
            return working;
        }
        return moveOnce(rule, working, to, now, events);
    }

    private Case moveOnce(AutomationRule rule, Case current, CaseStatus to, Instant now, List<DomainEvent> events) {
        Case next = current.moveTo(to, now, Actor.rule(rule.name()),
                Optional.of(HostText.clean(rule.reason(), Limits.HOST_TEXT).replace('\n', ' ').replace('\r', ' ')
                        .replace('\t', ' ')));
        Case updated = storage.cases().update(runtime.commands().check(next));
        events.add(new CaseStatusChanged(UUID.randomUUID(), now, current.id(), current.status(), to));
        runtime.caseHooks().statusChanged(current, updated, events);
        return updated;
    }

    private void send(AutomationRule rule, Case supportCase, Instant occasion, Action.SendMessage message,
            Instant now) {
        Map<String, String> values = new HashMap<>(message.values());
        values.put("caseId", supportCase.id().toString());
        values.put("caseSubject", supportCase.subject());
        values.put("status", supportCase.status().name());
        values.put("priority", supportCase.priority().name());
        values.put("ruleName", rule.name());
        values.put("text", HostText.clean(MessageTemplate.parse(message.template()).render(values),
                Limits.ATTRIBUTE_VALUE));
        followUps.schedule(ScheduleFollowUp.builder().customerId(supportCase.customerId()).kind(message.kind())
                .caseId(supportCase.id()).dueAt(now).values(values)
                .idempotencyKey(key(rule.name(), supportCase.id(), occasion)).build());
    }

    /** A short key for a firing, for the follow-up's idempotency key. */
    private static String key(String ruleName, CaseId caseId, Instant occasion) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((ruleName + "\n" + caseId + "\n"
                    + occasion.truncatedTo(ChronoUnit.MICROS)).getBytes(StandardCharsets.UTF_8));
            return "automation-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private void route(Case supportCase) {
        Optional<Router> configured = router.get();
        if (configured.isEmpty() || !supportCase.status().isUnresolved()) {
            return;
        }
        try {
            RoutingRequest request = RoutingRequest.forCase(supportCase).build();
            if (supportCase.assignee().isPresent()) {
                configured.get().reassign(request);
            } else {
                configured.get().submit(request);
            }
        } catch (RuntimeException e) {
            LOG.warn("Routing case {} again after an automation failed", supportCase.id(), e);
        }
    }
}
