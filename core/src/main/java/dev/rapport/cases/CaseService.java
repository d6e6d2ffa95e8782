package dev.rapport.cases;

import dev.rapport.field.FieldChecks;
import dev.rapport.field.FieldSchema;
import dev.rapport.field.FieldScope;
import dev.rapport.internal.AuditLog;
import dev.rapport.internal.CaseHooks;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import static dev.rapport.internal.Arguments.requireArgument;
import static dev.rapport.internal.Arguments.requireElements;
import static dev.rapport.internal.Arguments.requireLimit;
import dev.rapport.cases.CaseChanges.Change;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.CaseOpened;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import dev.rapport.spi.customer.Customer;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens cases, moves them through their lifecycle and assigns them to agents by hand. Obtained from
 * {@code Rapport#cases()}.
 *
 * <p>The lifecycle is {@link CaseStatus}'s: a move it does not allow throws an {@link IllegalTransitionException}
 * naming the from and to states, and changes nothing. Resolving stamps the resolution times; reopening a resolved
 * case counts in its reopen count; closing is final.
 *
 * <p>Changes read the current version and apply to it; when another writer got there first
 * ({@link StaleVersionException}), the change is applied again to the new version, up to {@link #MAX_ATTEMPTS} times
 * in all. Events ({@code CaseOpened}, {@code CaseStatusChanged}, {@code CaseAssigned}) are published after the
 * change committed. Times come from the Rapport's clock, truncated to microseconds.
 *
 * <p>Who did what: a status move keeps its actor in the case's history; every other change (assignment, tags,
 * custom fields, snoozes) is recorded with its command's actor in the case's audit trail
 * ({@link #auditTrail(CaseId)}), in the transaction of the change.
 *
 * <p>Thread-safe: immutable, and safe to share between threads.
 */
public final class CaseService {

    /** How often a change is tried in all when other writers keep changing the same case. */
    public static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(CaseService.class);

    private final RapportStorage storage;
    private final EngineRuntime runtime;
    private final CommandValidator validator;
    private final CaseHooks hooks;
    private final FieldSchema customFields;
    private final CaseChanges changes;
    private final CaseLabels labels;

    /**
     * Creates the service over the runtime a Rapport shares between its services: its storage, unit of work,
     * validator and clock, and its case hooks, which run in every transaction that opens a case or changes its
     * status. The facade's constructor: {@code Rapport} does this, hosts use {@code Rapport#cases()}.
     *
     * @param runtime the shared runtime
     */
    public CaseService(EngineRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.storage = runtime.storage();
        this.validator = runtime.commands();
        this.hooks = runtime.caseHooks();
        this.customFields = runtime.customFields();
        this.changes = new CaseChanges(runtime);
        this.labels = new CaseLabels(changes, validator, customFields);
    }

    /**
     * Opens a case in state {@link CaseStatus#NEW}; publishes {@code CaseOpened}.
     *
     * @param command the customer, subject, priority, channel and optional details of the new case
     * @return the case as stored, with version 1
     * @throws ValidationException naming every bad field of the command, or {@code customerId} if no such customer
     *         is registered
     */
    public Case open(OpenCase command) {
        validator.check(command);
        FieldChecks.check(OpenCase.class.getSimpleName(), customFields, FieldScope.CASE, command.fields());
        CaseId id = CaseId.random();
        Case stored = runtime.unitOfWork().run(events -> {
            Optional<Customer> customer = storage.customers().findById(command.customerId());
            if (customer.isEmpty()) {
                throw ValidationException.of(OpenCase.class.getSimpleName(), "customerId", "Exists",
                        "must name a registered customer");
            }
            Instant now = runtime.now();
            Case supportCase = validator.check(Case.builder()
                    .id(id)
                    .customerId(command.customerId())
                    .subject(command.subject())
                    .category(command.category().orElse(null))
                    .type(command.type().orElse(null))
                    .priority(command.priority())
                    .originChannel(command.originChannel())
                    .language(command.language().or(() -> CaseLanguage.defaultFor(customer.get())).orElse(null))
                    .requiredSkills(command.requiredSkills())
                    .tags(command.tags())
                    .fields(command.fields())
                    .status(CaseStatus.NEW)
                    .createdAt(now)
                    .updatedAt(now)
                    .build());
            Case inserted = storage.cases().insert(supportCase);
            events.add(new CaseOpened(UUID.randomUUID(), now, inserted.id(), inserted.customerId(),
                    inserted.priority(), inserted.originChannel()));
            hooks.opened(inserted, events);
            return inserted;
        });
        hooks.committed();
        LOG.debug("Opened case {} for customer {}", stored.id(), stored.customerId());
        return stored;
    }

    /**
     * Moves a case to another state; publishes {@code CaseStatusChanged}.
     *
     * @param command the case, the state to move it to, who moves it and why
     * @return the case as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws CaseNotFoundException if no case has the id
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case move(MoveCase command) {
        validator.check(command);
        return moveTo(command.caseId(), command.to(), EnumSet.allOf(CaseStatus.class), command.actor(),
                command.reason());
    }

    /**
     * Starts work on a case: moves it to {@link CaseStatus#OPEN} from {@code NEW}, {@code PENDING_CUSTOMER} or
     * {@code ON_HOLD}. A resolved case is not started but {@linkplain #reopen reopened}.
     *
     * @param caseId the case to start
     * @return the case as stored now, in state {@code OPEN}
     * @throws IllegalTransitionException from any other state
     */
    public Case startWork(CaseId caseId) {
        return moveTo(caseId, CaseStatus.OPEN,
                EnumSet.of(CaseStatus.NEW, CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD));
    }

    /**
     * Marks a case as waiting for the customer's answer: moves it to {@link CaseStatus#PENDING_CUSTOMER}. The
     * customer's next message moves it back to {@code OPEN}.
     *
     * @param caseId the case that waits for the customer
     * @return the case as stored now, in state {@code PENDING_CUSTOMER}
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case waitOnCustomer(CaseId caseId) {
        return moveTo(caseId, CaseStatus.PENDING_CUSTOMER, EnumSet.allOf(CaseStatus.class));
    }

    /**
     * Puts a case on hold while a third party or another team acts: moves it to {@link CaseStatus#ON_HOLD}.
     *
     * @param caseId the case to put on hold
     * @return the case as stored now, in state {@code ON_HOLD}
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case hold(CaseId caseId) {
        return moveTo(caseId, CaseStatus.ON_HOLD, EnumSet.allOf(CaseStatus.class));
    }

    /**
     * Resolves a case: moves it to {@link CaseStatus#RESOLVED} and stamps its resolution times (the first
     * resolution time only the first time).
     *
     * @param caseId the case to resolve
     * @return the case as stored now, in state {@code RESOLVED}
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case resolve(CaseId caseId) {
        return moveTo(caseId, CaseStatus.RESOLVED, EnumSet.allOf(CaseStatus.class));
    }

    /**
     * Reopens a resolved case: moves it from {@link CaseStatus#RESOLVED} to {@code OPEN} and counts the reopen.
     *
     * @param caseId the resolved case to reopen
     * @return the case as stored now, in state {@code OPEN}, with its reopen count raised by one
     * @throws IllegalTransitionException if the case is not resolved
     */
    public Case reopen(CaseId caseId) {
        return moveTo(caseId, CaseStatus.OPEN, EnumSet.of(CaseStatus.RESOLVED));
    }

    /**
     * Closes a resolved case for good: moves it to {@link CaseStatus#CLOSED}.
     *
     * @param caseId the resolved case to close
     * @return the case as stored now, in state {@code CLOSED}
     * @throws IllegalTransitionException if the case is not resolved
     */
    public Case close(CaseId caseId) {
        return moveTo(caseId, CaseStatus.CLOSED, EnumSet.allOf(CaseStatus.class));
    }

    // --- who did what, and snoozing: moves made by a named actor, and the snooze automation rules respect ---

    /**
     * Starts work on a case as {@link #startWork(CaseId)} does, recording who did.
     *
     * @param caseId the case
     * @param actor who starts work, for example {@code Actor.agent(agentId)}
     * @return the case as stored now
     * @throws IllegalTransitionException from a state other than NEW, PENDING_CUSTOMER or ON_HOLD
     */
    public Case startWork(CaseId caseId, Actor actor) {
        return moveTo(caseId, CaseStatus.OPEN,
                EnumSet.of(CaseStatus.NEW, CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD), actor, Optional.empty());
    }

    /**
     * Marks a case as waiting for the customer as {@link #waitOnCustomer(CaseId)} does, recording who did.
     *
     * @param caseId the case
     * @param actor who made the move
     * @return the case as stored now
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case waitOnCustomer(CaseId caseId, Actor actor) {
        return moveTo(caseId, CaseStatus.PENDING_CUSTOMER, EnumSet.allOf(CaseStatus.class), actor, Optional.empty());
    }

    /**
     * Puts a case on hold as {@link #hold(CaseId)} does, recording who did.
     *
     * @param caseId the case
     * @param actor who made the move
     * @return the case as stored now
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case hold(CaseId caseId, Actor actor) {
        return moveTo(caseId, CaseStatus.ON_HOLD, EnumSet.allOf(CaseStatus.class), actor, Optional.empty());
    }

    /**
     * Resolves a case as {@link #resolve(CaseId)} does, recording who did.
     *
     * @param caseId the case
     * @param actor who resolved it
     * @return the case as stored now
     * @throws IllegalTransitionException if the case's state does not allow the move
     */
    public Case resolve(CaseId caseId, Actor actor) {
        return moveTo(caseId, CaseStatus.RESOLVED, EnumSet.allOf(CaseStatus.class), actor, Optional.empty());
    }

    /**
     * Reopens a resolved case as {@link #reopen(CaseId)} does, recording who did.
     *
     * @param caseId the case
     * @param actor who reopened it, for example {@code Actor.customer(customerId)}
     * @return the case as stored now
     * @throws IllegalTransitionException if the case is not resolved
     */
    public Case reopen(CaseId caseId, Actor actor) {
        return moveTo(caseId, CaseStatus.OPEN, EnumSet.of(CaseStatus.RESOLVED), actor, Optional.empty());
    }

    /**
     * Closes a resolved case as {@link #close(CaseId)} does, recording who did.
     *
     * @param caseId the case
     * @param actor who closed it
     * @return the case as stored now
     * @throws IllegalTransitionException if the case is not resolved
     */
    public Case close(CaseId caseId, Actor actor) {
        return moveTo(caseId, CaseStatus.CLOSED, EnumSet.allOf(CaseStatus.class), actor, Optional.empty());
    }

    /**
     * Snoozes a case: automation rules leave it alone until the given time. Its status, SLA clocks and routing are
     * not touched; snoozing again replaces the end of the snooze. Not a lifecycle move, so not in the history, but in
     * the case's audit trail ({@code SNOOZED}, by the command's actor).
     *
     * @param command the case, the end of the snooze and who snoozes it
     * @return the case as stored now
     * @throws ValidationException naming every bad field of the command, or {@code until} (rule {@code Future}) if
     *         it is not after now
     * @throws CaseNotFoundException if no case has the id
     */
    public Case snooze(SnoozeCase command) {
        validator.check(command);
        return change(command.caseId(), command.actor(), (current, now) -> {
            if (!command.until().isAfter(now)) {
                throw ValidationException.of(SnoozeCase.class.getSimpleName(), "until", "Future",
                        "must be after now");
            }
            return new Change(current.toBuilder().snoozedUntil(command.until()).updatedAt(now).build(), List.of());
        });
    }

    /**
     * Ends a case's snooze now, so automation rules consider it again; a case that is not snoozed is left as it is.
     *
     * @param caseId the case
     * @return the case as stored now
     * @throws ValidationException naming {@code caseId} if it is null
     * @throws CaseNotFoundException if no case has the id
     */
    public Case unsnooze(CaseId caseId) {
        return unsnooze(caseId, Actor.system());
    }

    /**
     * Ends a case's snooze now as {@link #unsnooze(CaseId)} does, recording who did in the case's audit trail.
     *
     * @param caseId the case
     * @param actor who ends the snooze
     * @return the case as stored now
     * @throws ValidationException naming {@code caseId} or {@code actor} if it is null
     * @throws CaseNotFoundException if no case has the id
     */
    public Case unsnooze(CaseId caseId, Actor actor) {
        requireArgument("unsnooze", "caseId", caseId);
        requireArgument("unsnooze", "actor", actor);
        return change(caseId, actor, (current, now) -> current.snoozedUntil().isEmpty() ? new Change(current, List.of())
                : new Change(current.toBuilder().snoozedUntil(null).updatedAt(now).build(), List.of()));
    }

    /**
     * Gives a case to an agent, and to the agent's team if the agent has one (otherwise the case keeps its team);
     * publishes {@code CaseAssigned}. Assigning a case to the agent who has it changes nothing. The agent's load
     * is not touched: load-aware routing keeps it.
     *
     * @param command the case and the agent to give it to
     * @return the case as stored now
     * @throws ValidationException naming every bad field of the command, or {@code agentId} if no such agent exists
     * @throws CaseNotFoundException if no case has the id
     */
    public Case assign(AssignCase command) {
        validator.check(command);
        return change(command.caseId(), command.actor(), (current, now) -> {
            Agent agent = storage.agents().findById(command.agentId()).orElseThrow(() -> ValidationException.of(
                    AssignCase.class.getSimpleName(), "agentId", "Exists", "must name an existing agent"));
            if (current.assignee().filter(agent.id()::equals).isPresent()) {
                return new Change(current, List.of());
            }
            Case next = current.toBuilder()
                    .assignee(agent.id())
                    .team(agent.team().or(current::team).orElse(null))
                    .updatedAt(now)
                    .build();
            return new Change(next, List.of(new CaseAssigned(UUID.randomUUID(), now, current.id(),
                    current.assignee(), agent.id(), next.team())));
        });
    }

    /**
     * The case with the id, if it exists.
     *
     * @param caseId the case to look up
     * @return the case, or empty if none has the id
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public Optional<Case> find(CaseId caseId) {
        requireArgument("find", "caseId", caseId);
        return storage.cases().findById(caseId);
    }

    /**
     * The case with the id.
     *
     * @param caseId the case to look up
     * @return the case as stored
     * @throws ValidationException naming {@code caseId} if it is null
     * @throws CaseNotFoundException if none exists
     */
    public Case get(CaseId caseId) {
        requireArgument("get", "caseId", caseId);
        return storage.cases().get(caseId);
    }

    /**
     * A customer's cases, ordered by creation time, then id.
     *
     * @param customerId the customer whose cases to list
     * @param page which page to read, and its size
     * @return one page of the customer's cases; empty if they have none
     * @throws ValidationException naming the argument that is null
     */
    public Page<Case> findByCustomer(CustomerId customerId, PageRequest page) {
        requireArgument("findByCustomer", "customerId", customerId);
        requireArgument("findByCustomer", "page", page);
        return storage.cases().findByCustomer(customerId, page);
    }

    /**
     * The cases in any of the given states, ordered by creation time, then id.
     *
     * @param statuses the states to include
     * @param page which page to read, and its size
     * @return one page of the cases in those states
     * @throws ValidationException naming the argument that is null, or {@code statuses} if it holds null
     */
    public Page<Case> findByStatus(Set<CaseStatus> statuses, PageRequest page) {
        requireElements("findByStatus", "statuses", statuses);
        requireArgument("findByStatus", "page", page);
        return storage.cases().findByStatus(Set.copyOf(statuses), page);
    }

    /**
     * The cases in any of the given states, in id order after a given one: the way to walk every such case (an
     * export, a sync), page after page by key with {@link dev.rapport.spi.PageWalk#byKey}, each page found through an
     * index on (status, id) however far the walk has come. {@link #findByStatus(Set, PageRequest)} pages by offset,
     * for showing a page to a person. A case is seen if it is in one of the states when its id's page is read.
     *
     * @param statuses the states to include; none finds none
     * @param after the id of the last case of the previous page; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the cases in those states whose id comes after {@code after}, in id order
     * @throws ValidationException naming the argument that is null, {@code statuses} if it holds null, or
     *         {@code limit} if it is out of range
     */
    public List<Case> listByStatusAfter(Set<CaseStatus> statuses, Optional<CaseId> after, int limit) {
        requireElements("listByStatusAfter", "statuses", statuses);
        requireArgument("listByStatusAfter", "after", after);
        requireLimit("listByStatusAfter", limit);
        return storage.cases().listByStatusAfter(Set.copyOf(statuses), after, limit);
    }

    /**
     * The cases in one state, ordered by creation time, then id.
     *
     * @param status the state to look for
     * @param page which page to read, and its size
     * @return one page of the cases in that state
     * @throws ValidationException naming the argument that is null
     */
    public Page<Case> findByStatus(CaseStatus status, PageRequest page) {
        requireArgument("findByStatus", "status", status);
        return findByStatus(Set.of(status), page);
    }

    // --- who did what ---

    /**
     * A case's audit trail: who changed what beyond its status moves (assignments, releases, priority, team, tags,
     * fields, snoozes, merges), and when, oldest first. The status moves, with their actors, are the case's
     * {@link Case#history() history}. See {@code docs/customers.md}.
     *
     * @param caseId the case
     * @param page which slice
     * @return the page of entries; empty for an id without any
     * @throws ValidationException naming the argument that is null
     */
    public Page<TrailEntry> auditTrail(CaseId caseId, PageRequest page) {
        requireArgument("auditTrail", "caseId", caseId);
        requireArgument("auditTrail", "page", page);
        return storage.auditTrails().find(AuditSubject.of(caseId), page);
    }

    /**
     * A case's whole audit trail, oldest first; see {@link #auditTrail(CaseId, PageRequest)}.
     *
     * @param caseId the case
     * @return every entry
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public List<TrailEntry> auditTrail(CaseId caseId) {
        requireArgument("auditTrail", "caseId", caseId);
        return AuditLog.all(storage, AuditSubject.of(caseId));
    }

    // --- tags and custom fields ---

    /**
     * Adds tags to a case; tags it already carries stay. No event is published.
     *
     * @param command the case and the tags, normalised
     * @return the case as stored now
     * @throws ValidationException naming every bad field of the command, or {@code tags} (rule {@code Size}) if the
     *         case would carry more than {@value dev.rapport.spi.validation.Limits#TAGS} tags
     * @throws CaseNotFoundException if no case has the id
     */
    public Case addTags(CaseTags command) {
        return labels.retag(command, true);
    }

    /**
     * Removes tags from a case; tags it does not carry are ignored. No event is published.
     *
     * @param command the case and the tags, normalised
     * @return the case as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws CaseNotFoundException if no case has the id
     */
    public Case removeTags(CaseTags command) {
        return labels.retag(command, false);
    }

    /**
     * Sets and clears custom field values of a case, checked against the host's schema. No event is published.
     *
     * @param command the case, the values to set and the fields to clear
     * @return the case as stored now
     * @throws ValidationException naming every bad field of the command and every value that does not fit its
     *         declared field ({@code fields[name]}, rules {@code Declared}, {@code Kind}, {@code Choice},
     *         {@code MaxLength})
     * @throws CaseNotFoundException if no case has the id
     */
    public Case setFields(SetCaseFields command) {
        return labels.setFields(command);
    }

    /**
     * The cases carrying a tag (normalised first), ordered by creation time, then id.
     *
     * @param tag the tag
     * @param page which slice of the result
     * @return the page
     * @throws ValidationException naming the argument that is null
     */
    public Page<Case> findByTag(String tag, PageRequest page) {
        requireArgument("findByTag", "tag", tag);
        requireArgument("findByTag", "page", page);
        return storage.cases().findByTag(dev.rapport.field.Tags.normalise(tag), page);
    }

    /**
     * The cases whose custom field holds a value, ordered by creation time, then id.
     *
     * @param field the field's name
     * @param value the value
     * @param page which slice of the result
     * @return the page
     * @throws ValidationException naming the argument that is null
     */
    public Page<Case> findByField(String field, dev.rapport.spi.field.FieldValue value, PageRequest page) {
        requireArgument("findByField", "field", field);
        requireArgument("findByField", "value", value);
        requireArgument("findByField", "page", page);
        return storage.cases().findByField(field, value, page);
    }


    private Case moveTo(CaseId caseId, CaseStatus to, Set<CaseStatus> allowedFrom) {
        return moveTo(caseId, to, allowedFrom, Actor.system(), Optional.empty());
    }

    private Case moveTo(CaseId caseId, CaseStatus to, Set<CaseStatus> allowedFrom, Actor actor,
            Optional<String> reason) {
        requireArgument("move", "caseId", caseId);
        requireArgument("move", "actor", actor);
        return changes.moveTo(caseId, to, allowedFrom, actor, reason);
    }

    private Case change(CaseId caseId, Actor actor, BiFunction<Case, Instant, Change> change) {
        return changes.change(caseId, actor, change);
    }
}
