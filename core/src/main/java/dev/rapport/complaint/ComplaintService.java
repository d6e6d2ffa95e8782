package dev.rapport.complaint;

import dev.rapport.followup.MissingTemplateValueException;
import dev.rapport.followup.Templates;
import dev.rapport.internal.CaseHooks;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.ComplaintClosed;
import dev.rapport.spi.event.ComplaintDeadlineApproaching;
import dev.rapport.spi.event.ComplaintDeadlineBreached;
import dev.rapport.spi.event.ComplaintEscalated;
import dev.rapport.spi.event.ComplaintReceived;
import dev.rapport.spi.event.ComplaintStageChanged;
import dev.rapport.spi.event.ComplimentReceived;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complaint process on the ISO 10002 model: receipt with a unique reference on any channel, an automatic
 * acknowledgement, deadlines from the complaint's regime on its business calendar, assessment with priority and an
 * optional case for routing, investigation, holding responses, the response with its decision and remedies, the
 * customer's answer, escalation, closing, root causes with recurring-issue detection, and an append-only audit trail
 * of every stage change and message. Compliments come through the same door and are credited to agents.
 *
 * <p>Every change is validated first ({@link ValidationException} naming each bad field, nothing stored), applied to
 * the current version in one transaction together with its audit entries, and retried on a stale version up to
 * {@link #MAX_ATTEMPTS} times; its events are published after commit. A stage move the process does not allow throws
 * {@link IllegalTransitionException} naming from and to. Messages to the customer go out after the change committed,
 * with a stable idempotency key, and their sending or failure is recorded in the audit trail. Deadline reminders and
 * breaches are raised by {@link #sweep()}, which a started Rapport runs in the background (worker
 * {@code COMPLAINT_SWEEP}) or the host calls on its schedule; each is raised once, remembered on
 * the complaint, with an event id derived from what it is about. Times come from the clock, truncated to
 * microseconds.
 *
 * <p>Thread-safe: immutable apart from the sweep lock, and safe to share between threads.
 */
public final class ComplaintService {

    /** How often a change is tried in all when other writers keep changing the same complaint. */
    public static final int MAX_ATTEMPTS = 5;

    /** How many complaints one sweep reads per page. */
    public static final int SWEEP_PAGE_SIZE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintService.class);

    private static final Set<ComplaintStage> OPEN_STAGES = EnumSet.complementOf(EnumSet.of(ComplaintStage.CLOSED));
    private static final Set<ComplaintStage> PLAIN_TARGETS = EnumSet.of(ComplaintStage.ACKNOWLEDGED,
            ComplaintStage.INVESTIGATING, ComplaintStage.CLOSED, ComplaintStage.REOPENED);
    private static final Set<AuditAction> MESSAGE_ACTIONS = EnumSet.of(AuditAction.MESSAGE_SENT,
            AuditAction.MESSAGE_FAILED, AuditAction.MESSAGE_UNDELIVERABLE);

    private final RapportStorage storage;
    private final UnitOfWork unitOfWork;
    private final CommandValidator validator;
    private final Clock clock;
    private final CustomerMessenger messenger;
    private final ComplaintPolicy policy;
    private final RecurrenceDetector recurrence;
    private final Object sweepLock = new Object();
    private final CaseHooks hooks;
    private final Templates templates;

    /**
     * Creates the service over the shared runtime, writing its letters from templates: a letter whose kind (for
     * example {@code complaint_acknowledgement}) has a template in the customer's locale, its language or the
     * default carries the rendered text as value {@code text}; without one the letter carries only its values, as
     * before. {@code Rapport} does this.
     *
     * @param runtime the shared runtime
     * @param messenger sends acknowledgements and responses to customers
     * @param policy regimes, priority, routing seam, taxonomy, recurrence and references
     * @param templates the templates letters are written from
     */
    public ComplaintService(EngineRuntime runtime, CustomerMessenger messenger, ComplaintPolicy policy,
            Templates templates) {
        this(runtime.storage(), runtime.unitOfWork(), runtime.commands(), runtime.clock(), messenger, policy,
                runtime.caseHooks(), Objects.requireNonNull(templates, "templates"));
    }

    private ComplaintService(RapportStorage storage, UnitOfWork unitOfWork, CommandValidator validator, Clock clock,
            CustomerMessenger messenger, ComplaintPolicy policy, CaseHooks hooks, Templates templates) {
        this.templates = templates;
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.recurrence = new RecurrenceDetector(storage.complaints(), policy.recurrence());
    }

    /**
     * The policy the service runs with.
     *
     * @return the policy
     */
    public ComplaintPolicy policy() {
        return policy;
    }

    // ---------------------------------------------------------------------------------------------------- receipt

    /**
     * Takes in a complaint: allocates its reference, computes its deadlines from its regime, stores it as RECEIVED
     * with an audit entry, raises {@code ComplaintReceived} (and {@code RecurringIssueDetected} if its product
     * recurs), then sends the acknowledgement (kind {@code complaint_acknowledgement}) and, once sent, moves it to
     * ACKNOWLEDGED. If the acknowledgement cannot be sent the complaint stays RECEIVED, the failure is in the audit
     * trail, and {@link #sweep()} tries again when the failure may pass.
     *
     * @param command what came in, from whom and on which channel
     * @return the complaint as stored after the acknowledgement attempt
     * @throws ValidationException naming every bad field, {@code customerId} or {@code agentIds} if not registered,
     *         {@code receivedAt} if in the future, or {@code regime} if not configured
     */
    public Complaint receive(ReceiveComplaint command) {
        validator.check(command);
        Instant now = now();
        Instant receivedAt = receivedAt(command.receivedAt(), now, ReceiveComplaint.class);
        String regimeCode = command.regime().orElse(policy.defaultRegime());
        ComplaintRegime regime = policy.regime(regimeCode).orElseThrow(() -> ValidationException.of(
                ReceiveComplaint.class.getSimpleName(), "regime", "Exists",
                "must be the code of a configured regime, one of " + policy.regimes().keySet()));
        List<ComplaintDeadline> deadlines = regime.deadlines().stream()
                .map(rule -> ComplaintDeadline.due(rule.code(), micros(rule.dueAt(receivedAt, regime.calendar()))))
                .toList();
        Complaint.Builder draft = Complaint.builder()
                .kind(ComplaintKind.COMPLAINT)
                .customerId(command.customerId())
                .channel(command.channel())
                .description(command.description())
                .product(command.product().orElse(null))
                .orderRef(command.orderRef().orElse(null))
                .remedySought(command.remedySought().orElse(null))
                .severity(command.severity())
                .regime(regimeCode)
                .receivedAt(receivedAt)
                .deadlines(deadlines)
                .agentIds(command.agentIds());
        Complaint stored = insertNew(draft, ReceiveComplaint.class, command.actor(), now, (complaint, events) -> {
            events.add(new ComplaintReceived(EventIds.of("complaint.received", complaint.id()), receivedAt,
                    complaint.id(), complaint.reference(), complaint.customerId(), complaint.severity(),
                    complaint.channel()));
            complaint.product().ifPresent(product -> recurrence.detect(complaint, IssueKey.product(product), now,
                    events));
        });
        LOG.debug("Received complaint {} ({}) for customer {}", stored.id(), stored.reference(),
                stored.customerId());
        return sendAcknowledgement(stored);
    }

    /**
     * Takes in a compliment through the same door: stored with a reference, credited to the agents named,
     * {@code ComplimentReceived} raised; the customer is thanked (kind {@code compliment_acknowledgement}) and the
     * compliment is closed, sent or not. Compliments have no deadlines and raise no {@code ComplaintClosed}.
     *
     * @param command what came in, from whom, and the agents it credits
     * @return the compliment as stored
     * @throws ValidationException naming every bad field, {@code customerId} or {@code agentIds} if not registered,
     *         or {@code receivedAt} if in the future
     */
    public Complaint receiveCompliment(ReceiveCompliment command) {
        validator.check(command);
        Instant now = now();
        Instant receivedAt = receivedAt(command.receivedAt(), now, ReceiveCompliment.class);
        Complaint.Builder draft = Complaint.builder()
                .kind(ComplaintKind.COMPLIMENT)
                .customerId(command.customerId())
                .channel(command.channel())
                .description(command.description())
                .product(command.product().orElse(null))
                .severity(Severity.LOW)
                .regime(policy.defaultRegime())
                .receivedAt(receivedAt)
                .agentIds(command.agentIds());
        Complaint stored = insertNew(draft, ReceiveCompliment.class, command.actor(), now,
                (complaint, events) -> events.add(new ComplimentReceived(
                        EventIds.of("compliment.received", complaint.id()), receivedAt, complaint.id(),
                        complaint.customerId(), complaint.agentIds())));
        return sendAcknowledgement(stored);
    }

    /**
     * Sends the acknowledgement of a complaint still RECEIVED again, for example after the customer gained an
     * address; the messenger drops it if it was sent before (same idempotency key). A complaint past RECEIVED is
     * returned as it is.
     *
     * @param complaintId the complaint
     * @return the complaint as stored, ACKNOWLEDGED if the acknowledgement went out now
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    public Complaint acknowledge(ComplaintId complaintId) {
        requireArgument("acknowledge", "complaintId", complaintId);
        Complaint complaint = storage.complaints().get(complaintId);
        return complaint.stage() == ComplaintStage.RECEIVED ? sendAcknowledgement(complaint) : complaint;
    }

    private Complaint insertNew(Complaint.Builder draft, Class<?> command, String actor, Instant now,
            java.util.function.BiConsumer<Complaint, List<DomainEvent>> after) {
        ComplaintId id = ComplaintId.random();
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.run(events -> {
                    Complaint probe = draft.build();
                    checkCustomerAndAgents(probe.customerId(), probe.agentIds(), command);
                    int year = probe.receivedAt().atZone(policy.referenceZone()).getYear();
                    long number = repo().nextReferenceNumber(year);
                    Complaint complaint = validator.check(draft.id(id)
                            .reference(ComplaintReference.of(policy.referencePrefix(), year, number))
                            .stage(ComplaintStage.RECEIVED)
                            .updatedAt(now)
                            .build());
                    Complaint inserted = repo().insert(complaint);
                    repo().appendAudit(id, AuditEntry.of(now, actor, AuditAction.RECEIVED,
                            inserted.kind() + " " + inserted.reference() + " on " + inserted.channel()
                                    + (inserted.isCompliment() ? "" : ", regime " + inserted.regime())));
                    after.accept(inserted, events);
                    return inserted;
                });
            } catch (StaleVersionException | DuplicateEntityException e) {
                // a racing writer changed an improvement item, or the reference sequence handed out a taken
                // number (a store restored from backup): try again with fresh reads and a new number
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Receiving complaint {} met a concurrent change; trying again (attempt {})", id,
                        attempt + 1);
            }
        }
    }

    private void checkCustomerAndAgents(CustomerId customerId, Set<AgentId> agentIds, Class<?> command) {
        List<Violation> violations = new ArrayList<>();
        if (storage.customers().findById(customerId).isEmpty()) {
            violations.add(new Violation("customerId", "Exists", "must name a registered customer"));
        }
        for (AgentId agentId : agentIds) {
            if (storage.agents().findById(agentId).isEmpty()) {
                violations.add(new Violation("agentIds", "Exists", "must name existing agents; " + agentId
                        + " does not exist"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(command.getSimpleName(), violations);
        }
    }

    private Instant receivedAt(Optional<Instant> given, Instant now, Class<?> command) {
        Instant receivedAt = given.map(ComplaintService::micros).orElse(now);
        if (receivedAt.isAfter(now)) {
            throw ValidationException.of(command.getSimpleName(), "receivedAt", "PastOrPresent",
                    "must not be in the future");
        }
        int year = receivedAt.atZone(policy.referenceZone()).getYear();
        if (year < 1000 || year > 9999) {
            // the reference carries the four-digit year of receipt in the reference zone (ComplaintReference)
            throw ValidationException.of(command.getSimpleName(), "receivedAt", "SupportedInstant",
                    "must fall in the years 1000 to 9999 in the reference zone " + policy.referenceZone()
                            + ", the four-digit year of the complaint's reference");
        }
        return receivedAt;
    }

    // --------------------------------------------------------------------------------------------- the process

    /**
     * Makes the initial assessment: moves the complaint to ASSESSED, records severity, complexity, impact and the
     * priority the {@link PriorityPolicy} gives for the severity and the customer, and calls the
     * {@link ComplaintCaseHook} to open or update the case it is worked in.
     *
     * @param command the complaint and the assessment
     * @return the complaint as stored, ASSESSED
     * @throws ValidationException naming every bad field of the command
     * @throws ComplaintNotFoundException if no complaint has the id
     * @throws IllegalTransitionException if the complaint's stage does not allow ASSESSED
     */
    public Complaint assess(AssessComplaint command) {
        validator.check(command);
        boolean[] opened = new boolean[1];
        Complaint assessed = change(command.complaintId(), (current, now) -> {
            opened[0] = false;
            Change change = new Change(current);
            move(change, ComplaintStage.ASSESSED, now, command.actor(), null);
            Customer customer = storage.customers().get(current.customerId());
            Priority priority = policy.priorityPolicy().priorityOf(command.severity(), customer);
            change.next.severity(command.severity()).assessment(new Assessment(command.severity(),
                    command.complexity(), priority, command.impact(), command.actor(), now));
            change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.ASSESSED, "severity "
                    + command.severity() + ", complexity " + command.complexity() + ", priority " + priority));
            int before = change.events.size();
            Optional<CaseId> caseId = policy.caseHook().onAssessed(change.next.build(), priority, now,
                    change.events);
            // a case the hook opened goes through the engine's case hooks in this transaction, as any other
            List<DomainEvent> raised = List.copyOf(change.events.subList(before, change.events.size()));
            for (DomainEvent event : raised) {
                if (event instanceof CaseOpened openedCase) {
                    storage.cases().findById(openedCase.caseId()).ifPresent(c -> hooks.opened(c, change.events));
                    opened[0] = true;
                }
            }
            if (!caseId.equals(current.caseId())) {
                change.next.caseId(caseId.orElse(null));
                caseId.ifPresent(id -> change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.CASE_LINKED,
                        "case " + id)));
            }
            return change;
        });
        if (opened[0]) {
            hooks.committed();
        }
        return assessed;
    }

    /**
     * Moves a complaint to a stage that needs no data of its own: ACKNOWLEDGED, INVESTIGATING, CLOSED or REOPENED.
     * Closing a complaint raises {@code ComplaintClosed}, the seam for the satisfaction follow-up.
     *
     * @param command the complaint, the stage to move to and why
     * @return the complaint as stored in the new stage
     * @throws ValidationException naming every bad field, or {@code to} for a stage that has its own command
     *         (ASSESSED, RESPONDED, ESCALATED) or that is never a target (RECEIVED)
     * @throws ComplaintNotFoundException if no complaint has the id
     * @throws IllegalTransitionException if the complaint's stage does not allow the move
     */
    public Complaint changeStage(ChangeStage command) {
        validator.check(command);
        if (!PLAIN_TARGETS.contains(command.to())) {
            boolean never = command.to() == ComplaintStage.RECEIVED;
            throw ValidationException.of(ChangeStage.class.getSimpleName(), "to", never ? "NotATarget" : "OwnCommand",
                    never ? "RECEIVED is where complaints start; no stage moves to it"
                            : command.to() + " needs its own command (assess, respond or escalate)");
        }
        return change(command.complaintId(), (current, now) -> {
            Change change = new Change(current);
            move(change, command.to(), now, command.actor(), command.note().orElse(null));
            return change;
        });
    }

    /**
     * Sends a holding response for a deadline: tells the customer why it cannot be met and by when the response
     * will come (kind {@code complaint_holding_response}, values {@code holdingReason}, {@code promisedBy}), and
     * moves the deadline to that time.
     *
     * @param command the complaint, the deadline, the reason and the promised time
     * @return the complaint as stored, the deadline extended to the promised time
     * @throws ValidationException naming every bad field, or {@code deadline} if the complaint has no such deadline,
     *         it was already met, its regime allows no holding response, or it has passed; {@code promisedBy} if not
     *         after the current due time or beyond the regime's limit
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    public Complaint sendHoldingResponse(SendHoldingResponse command) {
        validator.check(command);
        String subject = SendHoldingResponse.class.getSimpleName();
        Instant promised = micros(command.promisedBy());
        Complaint stored = change(command.complaintId(), (current, now) -> {
            ComplaintDeadline deadline = current.deadline(command.deadline()).orElseThrow(() -> ValidationException.of(
                    subject, "deadline", "Exists", "the complaint runs against no deadline " + command.deadline()));
            if (deadline.isMet()) {
                throw ValidationException.of(subject, "deadline", "NotMet",
                        "was already met: the complaint has been responded to or closed");
            }
            Optional<ComplaintRegime> regime = policy.regime(current.regime());
            DeadlineRule rule = regime.flatMap(r -> r.deadline(deadline.code()))
                    .filter(r -> r.holding() != DeadlineRule.Holding.NOT_ALLOWED)
                    .orElseThrow(() -> ValidationException.of(subject, "deadline", "HoldingAllowed",
                            "the regime allows no holding response for " + deadline.code()));
            if (now.isAfter(deadline.effectiveDueAt())) {
                throw ValidationException.of(subject, "deadline", "BeforeDue",
                        "a holding response must be sent by the deadline, which passed at "
                                + deadline.effectiveDueAt());
            }
            if (!promised.isAfter(deadline.effectiveDueAt())) {
                throw ValidationException.of(subject, "promisedBy", "AfterDue",
                        "must be after the current due time " + deadline.effectiveDueAt());
            }
            Optional<Instant> limit = rule.holdingLimitAt(current.receivedAt(), regime.get().calendar())
                    .map(ComplaintService::micros);
            if (limit.isPresent() && promised.isAfter(limit.get())) {
                throw ValidationException.of(subject, "promisedBy", "WithinLimit",
                        "must be no later than " + limit.get() + ", the regime's limit for a holding response");
            }
            Change change = new Change(current);
            change.next.deadlines(current.deadlines().stream()
                    .map(d -> d.code().equals(deadline.code()) ? d.extend(promised, command.reason()) : d).toList())
                    .updatedAt(now);
            change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.HOLDING_RESPONSE, deadline.code()
                    + " moved from " + deadline.effectiveDueAt() + " to " + promised + ": " + command.reason()));
            return change;
        });
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("holdingReason", command.reason());
        extra.put("promisedBy", promised.toString());
        notifyCustomer(stored, ComplaintMessages.HOLDING_RESPONSE, command.deadline() + ":" + promised, extra,
                command.actor());
        return storage.complaints().get(stored.id());
    }

    /**
     * Responds to a complaint: records the decision, its reasons and the remedies offered, moves the complaint to
     * RESPONDED (which meets its deadlines; a deadline met late raises its breach if not raised yet) and sends the
     * response (kind {@code complaint_response}, values {@code decision}, {@code reasons}, {@code remedies}).
     *
     * @param command the complaint, the decision, its reasons and the remedies
     * @return the complaint as stored, RESPONDED
     * @throws ValidationException naming every bad field: a negative amount ({@code remedies[0].amount}), an
     *         unknown currency ({@code remedies[0].currency}), a blank reason; {@code complaintId} for a compliment
     * @throws ComplaintNotFoundException if no complaint has the id
     * @throws IllegalTransitionException if the complaint's stage does not allow RESPONDED
     */
    public Complaint respond(RespondToComplaint command) {
        validator.check(command);
        List<Remedy> remedies = command.remedies().stream().map(RemedyOffer::toRemedy).toList();
        Complaint stored = change(command.complaintId(), (current, now) -> {
            requireComplaint(current, RespondToComplaint.class);
            Change change = new Change(current);
            move(change, ComplaintStage.RESPONDED, now, command.actor(), null);
            change.next.outcome(ComplaintOutcome.decided(command.decision(), command.reasons(), remedies, now));
            change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.OUTCOME_RECORDED, command.decision()
                    + (remedies.isEmpty() ? "" : "; remedies: " + describe(remedies)) + "\n" + command.reasons()));
            return change;
        });
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("decision", command.decision().name());
        extra.put("reasons", command.reasons());
        extra.put("remedies", describe(remedies));
        notifyCustomer(stored, ComplaintMessages.RESPONSE, "v" + stored.version(), extra, command.actor());
        return storage.complaints().get(stored.id());
    }

    /**
     * Records the customer's answer to the response: accepting closes the complaint (raising
     * {@code ComplaintClosed}); rejecting reopens it, from RESPONDED or after closing.
     *
     * @param command the complaint and whether the customer accepts the response
     * @return the complaint as stored, CLOSED or REOPENED
     * @throws ValidationException naming every bad field, or {@code complaintId} if the complaint has no response
     * @throws ComplaintNotFoundException if no complaint has the id
     * @throws IllegalTransitionException if the complaint's stage does not allow the move (accepting needs
     *         RESPONDED)
     */
    public Complaint recordCustomerReply(RecordCustomerReply command) {
        validator.check(command);
        return change(command.complaintId(), (current, now) -> {
            ComplaintOutcome outcome = current.outcome().orElseThrow(() -> ValidationException.of(
                    RecordCustomerReply.class.getSimpleName(), "complaintId", "Responded",
                    "the complaint has no response to answer yet"));
            ComplaintStage to = command.accepted() ? ComplaintStage.CLOSED : ComplaintStage.REOPENED;
            if (command.accepted() && current.stage() != ComplaintStage.RESPONDED) {
                throw new IllegalTransitionException("complaint", current.id(), current.stage(), to);
            }
            Change change = new Change(current);
            change.next.outcome(outcome.answered(command.accepted(), now));
            change.audit.add(AuditEntry.of(now, command.actor(), command.accepted() ? AuditAction.CUSTOMER_ACCEPTED
                    : AuditAction.CUSTOMER_REJECTED, command.note().orElse(null)));
            move(change, to, now, command.actor(), null);
            return change;
        });
    }

    /**
     * Escalates a complaint to a higher tier or an outside dispute body: moves it to ESCALATED, records which, and
     * raises {@code ComplaintEscalated}.
     *
     * @param command the complaint, the level and the body escalated to
     * @return the complaint as stored, ESCALATED
     * @throws ValidationException naming every bad field, or {@code escalations} when the complaint has its maximum
     * @throws ComplaintNotFoundException if no complaint has the id
     * @throws IllegalTransitionException if the complaint's stage does not allow ESCALATED
     */
    public Complaint escalate(EscalateComplaint command) {
        validator.check(command);
        return change(command.complaintId(), (current, now) -> {
            requireComplaint(current, EscalateComplaint.class);
            Change change = new Change(current);
            move(change, ComplaintStage.ESCALATED, now, command.actor(), null);
            List<Escalation> escalations = new ArrayList<>(current.escalations());
            escalations.add(new Escalation(command.level(), command.body(), command.reason(), now));
            change.next.escalations(escalations);
            change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.ESCALATED, command.level() + ": "
                    + command.body() + command.reason().map(r -> "\n" + r).orElse("")));
            change.events.add(new ComplaintEscalated(EventIds.of("complaint.escalated", current.id(),
                    current.version()), now, current.id(), command.level(), command.body()));
            return change;
        });
    }

    /**
     * Records root causes from the taxonomy, adding to those the complaint has; each new one is checked for a
     * recurring issue.
     *
     * @param command the complaint and the root-cause codes
     * @return the complaint as stored, with its root causes
     * @throws ValidationException naming every bad field, or {@code rootCauses} for a code not in the taxonomy
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    public Complaint assignRootCauses(AssignRootCauses command) {
        validator.check(command);
        List<Violation> unknown = command.rootCauses().stream().filter(code -> !policy.taxonomy().contains(code))
                .map(code -> new Violation("rootCauses", "InTaxonomy", code + " is not in the root-cause taxonomy"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(AssignRootCauses.class.getSimpleName(), unknown);
        }
        return change(command.complaintId(), (current, now) -> {
            Set<String> added = new LinkedHashSet<>(command.rootCauses());
            added.removeAll(current.rootCauses());
            Change change = new Change(current);
            if (added.isEmpty()) {
                return change;
            }
            Set<String> all = new LinkedHashSet<>(current.rootCauses());
            all.addAll(added);
            change.next.rootCauses(all).updatedAt(now);
            change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.ROOT_CAUSES_ASSIGNED,
                    String.join(", ", added)));
            change.afterUpdate = (updated, events) -> added.forEach(code ->
                    recurrence.detect(updated, IssueKey.rootCause(code), now, events));
            return change;
        });
    }

    /**
     * Links a complaint to an existing case of the same customer.
     *
     * @param command the complaint and the case
     * @return the complaint as stored, linked to the case
     * @throws ValidationException naming every bad field, or {@code caseId} if the case does not exist or belongs
     *         to another customer
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    public Complaint linkCase(LinkCase command) {
        validator.check(command);
        return change(command.complaintId(), (current, now) -> {
            Case supportCase = storage.cases().findById(command.caseId()).orElseThrow(() -> ValidationException.of(
                    LinkCase.class.getSimpleName(), "caseId", "Exists", "must name an existing case"));
            if (!supportCase.customerId().equals(current.customerId())) {
                throw ValidationException.of(LinkCase.class.getSimpleName(), "caseId", "SameCustomer",
                        "must name a case of the complaint's customer");
            }
            Change change = new Change(current);
            if (!current.caseId().equals(Optional.of(supportCase.id()))) {
                change.next.caseId(supportCase.id()).updatedAt(now);
                change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.CASE_LINKED,
                        "case " + supportCase.id()));
            }
            return change;
        });
    }

    /**
     * Adds a note to a complaint's audit trail.
     *
     * @param command the complaint, the note and who wrote it
     * @throws ValidationException naming every bad field
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    public void addNote(AddNote command) {
        validator.check(command);
        unitOfWork.run(events -> {
            repo().get(command.complaintId());
            repo().appendAudit(command.complaintId(), AuditEntry.of(now(), command.actor(), AuditAction.NOTE,
                    command.note()));
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------- queries

    /**
     * The complaint with the id, if it exists.
     *
     * @param complaintId the complaint
     * @return the complaint; empty if none has the id
     */
    public Optional<Complaint> find(ComplaintId complaintId) {
        requireArgument("find", "complaintId", complaintId);
        return repo().findById(complaintId);
    }

    /**
     * The complaint with the id.
     *
     * @param complaintId the complaint
     * @return the complaint as stored
     * @throws ComplaintNotFoundException if none exists
     */
    public Complaint get(ComplaintId complaintId) {
        requireArgument("get", "complaintId", complaintId);
        return repo().get(complaintId);
    }

    /**
     * The complaint with the reference the customer quotes, for example {@code "cmp-2026-000123"} (case ignored).
     *
     * @param reference the reference, in any case
     * @return the complaint as stored
     * @throws ValidationException naming {@code reference} if it is malformed
     * @throws ComplaintNotFoundException if none exists
     */
    public Complaint getByReference(String reference) {
        requireArgument("getByReference", "reference", reference);
        return repo().getByReference(ComplaintReference.of(reference));
    }

    /**
     * A customer's complaints and compliments, in receipt order.
     *
     * @param customerId the customer
     * @param page which page
     * @return one page of the customer's complaints and compliments; empty if there are none
     */
    public Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page) {
        requireArgument("findByCustomer", "customerId", customerId);
        requireArgument("findByCustomer", "page", page);
        return repo().findByCustomer(customerId, page);
    }

    /**
     * The complaints in any of the stages, in receipt order.
     *
     * @param stages the stages to look for
     * @param page which page
     * @return one page of complaints in those stages
     */
    public Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page) {
        requireArgument("findByStage", "stages", stages);
        requireArgument("findByStage", "page", page);
        if (stages.stream().anyMatch(Objects::isNull)) {
            throw ValidationException.of("findByStage", "stages", "NotNull", "must not contain null");
        }
        return repo().findByStage(Set.copyOf(stages), page);
    }

    /**
     * A complaint's audit trail, oldest first; empty for an unknown complaint.
     *
     * @param complaintId the complaint
     * @return every entry of the complaint's trail
     */
    public List<AuditEntry> auditTrail(ComplaintId complaintId) {
        requireArgument("auditTrail", "complaintId", complaintId);
        return repo().auditTrail(complaintId);
    }

    /**
     * The complaint register for the complaints received in the period, ready to export as CSV or JSON.
     *
     * @param received the receipt period, half-open
     * @return the register, deadlines judged now
     */
    public ComplaintRegister register(TimeRange received) {
        requireArgument("register", "received", received);
        Instant asOf = now();
        List<RegisterEntry> entries = new ArrayList<>();
        forEachReceived(received, c -> {
            if (!c.isCompliment()) {
                entries.add(new RegisterEntry(c, asOf));
            }
        });
        return new ComplaintRegister(received, asOf, entries);
    }

    /**
     * The compliments received in the period, counted in all and per agent credited.
     *
     * @param received the receipt period, half-open
     * @return the counts of the compliments received in the period
     */
    public ComplimentTally complimentTally(TimeRange received) {
        requireArgument("complimentTally", "received", received);
        long[] total = {0};
        Map<AgentId, Long> counts = new HashMap<>();
        forEachReceived(received, c -> {
            if (c.isCompliment()) {
                total[0]++;
                c.agentIds().forEach(agent -> counts.merge(agent, 1L, Long::sum));
            }
        });
        Map<AgentId, Long> ordered = counts.entrySet().stream()
                .sorted(Map.Entry.<AgentId, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().toString()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new ComplimentTally(received, total[0], ordered);
    }

    private void forEachReceived(TimeRange received, java.util.function.Consumer<Complaint> action) {
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (request != null) {
            Page<Complaint> page = repo().findReceivedBetween(received, request);
            page.items().forEach(action);
            request = page.nextRequest().orElse(null);
        }
    }

    // ----------------------------------------------------------------------------------------------- learning

    /**
     * The "add it to the plans" list: improvement items still open or planned, in detection order, each with its
     * complaints.
     *
     * @param page which page
     * @return one page of open and planned items, each with the complaints still stored
     */
    public Page<ImprovementView> outstandingImprovements(PageRequest page) {
        requireArgument("outstandingImprovements", "page", page);
        Page<ImprovementItem> items = repo().findImprovementsByStatus(
                EnumSet.of(ImprovementStatus.OPEN, ImprovementStatus.PLANNED), page);
        return items.map(item -> new ImprovementView(item, item.complaints().stream()
                .map(id -> repo().findById(id)).flatMap(Optional::stream).toList()));
    }

    /**
     * Puts an open improvement item on the plans, with what is planned.
     *
     * @param improvementId the improvement item
     * @param plan what is planned; not blank
     * @return the item as stored, PLANNED
     * @throws ValidationException naming {@code plan} if blank or too long
     * @throws ImprovementNotFoundException if no item has the id
     * @throws IllegalTransitionException if the item is not open
     */
    public ImprovementItem planImprovement(ImprovementId improvementId, String plan) {
        return changeImprovement(improvementId, ImprovementStatus.PLANNED, plan);
    }

    /**
     * Marks an improvement item done; a later recurrence of the issue opens it again in a new round.
     *
     * @param improvementId the improvement item
     * @param note what was done, stored in place of the plan; {@code null} keeps the plan
     * @return the item as stored, DONE
     * @throws ValidationException naming {@code plan} if the note is blank or too long
     * @throws ImprovementNotFoundException if no item has the id
     * @throws IllegalTransitionException if the item is done already
     */
    public ImprovementItem completeImprovement(ImprovementId improvementId, String note) {
        return changeImprovement(improvementId, ImprovementStatus.DONE, note);
    }

    private ImprovementItem changeImprovement(ImprovementId id, ImprovementStatus to, String plan) {
        requireArgument("changeImprovement", "improvementId", id);
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.run(events -> {
                    ImprovementItem current = repo().findImprovementById(id)
                            .orElseThrow(() -> new ImprovementNotFoundException(id));
                    Instant now = now();
                    ImprovementItem moved = current.moveTo(to, now);
                    ImprovementItem next = new ImprovementItem(moved.id(), moved.issue(), moved.status(),
                            moved.round(), moved.detectedAt(), moved.complaints(),
                            plan == null ? moved.plan() : Optional.of(plan), now, moved.version());
                    return repo().updateImprovement(validator.check(next));
                });
            } catch (StaleVersionException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- sweep

    /**
     * Checks every open complaint once: raises the deadline reminders and breaches that are due and were not
     * raised before (remembered on the complaint, so once across sweeps, restarts and nodes), and sends again the
     * acknowledgements that failed with a retryable error. Call it on a schedule, for example every few minutes.
     * Sweeps on one service never overlap; sweeps on several nodes are safe (a stale version makes one give way).
     *
     * @return what the sweep did
     */
    public ComplaintSweepReport sweep() {
        synchronized (sweepLock) {
            Instant now = now();
            int checked = 0;
            int[] raised = new int[2];
            List<ComplaintId> unacknowledged = new ArrayList<>();
            PageRequest request = PageRequest.first(SWEEP_PAGE_SIZE);
            while (request != null) {
                Page<Complaint> page = repo().findByStage(OPEN_STAGES, request);
                for (Complaint complaint : page.items()) {
                    checked++;
                    if (complaint.isCompliment()) {
                        continue;
                    }
                    if (complaint.stage() == ComplaintStage.RECEIVED) {
                        unacknowledged.add(complaint.id());
                    }
                    if (!crossings(new Change(complaint), complaint, now).audit.isEmpty()) {
                        raiseCrossings(complaint.id(), now, raised);
                    }
                }
                request = page.nextRequest().orElse(null);
            }
            int retried = 0;
            for (ComplaintId id : unacknowledged) {
                if (acknowledgementMayBeRetried(id)) {
                    retried++;
                    sendAcknowledgement(repo().get(id));
                }
            }
            return new ComplaintSweepReport(checked, raised[0], raised[1], retried);
        }
    }

    private void raiseCrossings(ComplaintId id, Instant now, int[] raised) {
        List<Change> applied = new ArrayList<>(1);
        try {
            change(id, (current, at) -> {
                Change change = crossings(new Change(current), current, now);
                applied.clear();
                applied.add(change);
                return change;
            });
        } catch (StaleVersionException e) {
            LOG.debug("Complaint {} kept changing during the sweep; the next sweep raises its crossings", id);
            return;
        }
        for (DomainEvent event : applied.get(0).events) {
            if (event instanceof ComplaintDeadlineApproaching) {
                raised[0]++;
            } else if (event instanceof ComplaintDeadlineBreached) {
                raised[1]++;
            }
        }
    }

    /** Adds to the change the reminders and breaches due at {@code now} that the complaint has not raised yet. */
    private Change crossings(Change change, Complaint current, Instant now) {
        if (!current.stage().isOpen()) {
            return change;
        }
        Optional<ComplaintRegime> regime = policy.regime(current.regime());
        List<ComplaintDeadline> deadlines = new ArrayList<>();
        boolean changed = false;
        for (ComplaintDeadline deadline : current.deadlines()) {
            ComplaintDeadline next = deadline;
            if (!deadline.isMet()) {
                Optional<DeadlineRule> rule = regime.flatMap(r -> r.deadline(deadline.code()));
                Instant due = deadline.effectiveDueAt();
                if (now.isAfter(due)) {
                    if (rule.map(DeadlineRule::mandatory).orElse(true) && deadline.breachRaisedAt().isEmpty()) {
                        next = deadline.breachRaised(now);
                        breach(change, current, deadline, now);
                    }
                } else if (rule.isPresent()) {
                    Optional<Instant> reminder = rule.get().reminderTimes(due, regime.get().calendar()).stream()
                            .map(ComplaintService::micros)
                            .filter(at -> !at.isAfter(now) && at.isBefore(due))
                            .filter(at -> deadline.lastReminderAt().map(at::isAfter).orElse(true))
                            .max(Comparator.naturalOrder());
                    if (reminder.isPresent()) {
                        next = deadline.reminded(reminder.get());
                        change.events.add(new ComplaintDeadlineApproaching(EventIds.of(
                                "complaint.deadline_approaching", current.id(), deadline.code(), due, reminder.get()),
                                reminder.get(), current.id(), deadline.code(), due));
                        change.audit.add(AuditEntry.of(now, AuditEntry.SYSTEM, AuditAction.DEADLINE_APPROACHING,
                                deadline.code() + " due " + due));
                    }
                }
            }
            changed |= next != deadline;
            deadlines.add(next);
        }
        if (changed) {
            change.next.deadlines(deadlines);
        }
        return change;
    }

    private static void breach(Change change, Complaint complaint, ComplaintDeadline deadline, Instant now) {
        Instant due = deadline.effectiveDueAt();
        change.events.add(new ComplaintDeadlineBreached(EventIds.of("complaint.deadline_breached", complaint.id(),
                deadline.code(), due), due, complaint.id(), deadline.code(), due));
        change.audit.add(AuditEntry.of(now, AuditEntry.SYSTEM, AuditAction.DEADLINE_BREACHED,
                deadline.code() + " due " + due));
    }

    private boolean acknowledgementMayBeRetried(ComplaintId id) {
        List<AuditEntry> trail = repo().auditTrail(id);
        for (int i = trail.size() - 1; i >= 0; i--) {
            AuditEntry entry = trail.get(i);
            if (MESSAGE_ACTIONS.contains(entry.action())
                    && entry.detail().filter(d -> d.startsWith(ComplaintMessages.ACKNOWLEDGEMENT)).isPresent()) {
                return entry.action() == AuditAction.MESSAGE_FAILED;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ changes

    /** A complaint being changed: the next value, the audit entries and the events the change adds. */
    private static final class Change {
        final Complaint current;
        final Complaint.Builder next;
        final List<AuditEntry> audit = new ArrayList<>();
        final List<DomainEvent> events = new ArrayList<>();
        java.util.function.BiConsumer<Complaint, List<DomainEvent>> afterUpdate = (c, e) -> { };

        Change(Complaint current) {
            this.current = current;
            this.next = current.toBuilder();
        }
    }

    /**
     * Adds a stage move to the change: the stage and what it sets, the audit entry, {@code ComplaintStageChanged},
     * {@code ComplaintClosed} when a complaint closes, and the breaches of deadlines met late.
     */
    private void move(Change change, ComplaintStage to, Instant now, String actor, String detail) {
        Complaint base = change.next.build();
        Complaint moved = base.moveTo(to, now);
        Complaint current = change.current;
        change.next.stage(moved.stage()).deadlines(moved.deadlines()).acknowledgedAt(
                moved.acknowledgedAt().orElse(null)).respondedAt(moved.respondedAt().orElse(null))
                .closedAt(moved.closedAt().orElse(null)).reopenCount(moved.reopenCount()).updatedAt(now);
        change.audit.add(AuditEntry.stageChange(now, actor, base.stage(), to, detail));
        change.events.add(new ComplaintStageChanged(EventIds.of("complaint.stage_changed", current.id(),
                current.version(), base.stage(), to), now, current.id(), base.stage(), to));
        if (to == ComplaintStage.CLOSED && !current.isCompliment()) {
            change.events.add(new ComplaintClosed(EventIds.of("complaint.closed", current.id(), current.version()),
                    now, current.id(), current.customerId(), moved.outcome().map(o -> o.decision()),
                    moved.outcome().flatMap(o -> o.customerAccepted())));
        }
        if (to == ComplaintStage.RESPONDED || to == ComplaintStage.CLOSED) {
            Optional<ComplaintRegime> regime = policy.regime(current.regime());
            List<ComplaintDeadline> deadlines = new ArrayList<>();
            for (ComplaintDeadline deadline : moved.deadlines()) {
                boolean mandatory = regime.flatMap(r -> r.deadline(deadline.code())).map(DeadlineRule::mandatory)
                        .orElse(true);
                if (mandatory && deadline.isMissed(now) && deadline.breachRaisedAt().isEmpty()) {
                    breach(change, current, deadline, now);
                    deadlines.add(deadline.breachRaised(now));
                } else {
                    deadlines.add(deadline);
                }
            }
            change.next.deadlines(deadlines);
        }
    }

    private static void requireComplaint(Complaint complaint, Class<?> command) {
        if (complaint.isCompliment()) {
            throw ValidationException.of(command.getSimpleName(), "complaintId", "Complaint",
                    "must name a complaint, not a compliment");
        }
    }

    /** Applies a change to the current version, retrying on stale versions; writes only a change. */
    private Complaint change(ComplaintId id, BiFunction<Complaint, Instant, Change> change) {
        requireArgument("change", "complaintId", id);
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.run(events -> {
                    Complaint current = repo().get(id);
                    Change result = change.apply(current, now());
                    Complaint next = result.next.build();
                    Complaint updated = next.equals(current) ? current : repo().update(validator.check(next));
                    result.audit.forEach(entry -> repo().appendAudit(id, entry));
                    events.addAll(result.events);
                    result.afterUpdate.accept(updated, events);
                    return updated;
                });
            } catch (StaleVersionException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Complaint {} changed concurrently; applying the change again (attempt {})", id,
                        attempt + 1);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- messages

    /** The outcome of one send. */
    private record Delivery(AuditAction action, String detail) {
    }

    private Delivery deliver(Complaint complaint, String kind, String occasion, Map<String, String> extra) {
        String key = ComplaintMessages.key(kind, complaint, occasion);
        Customer customer = storage.customers().get(complaint.customerId());
        Optional<ContactIdentity> address = ComplaintMessages.addressFor(customer, complaint.channel());
        if (address.isEmpty()) {
            return new Delivery(AuditAction.MESSAGE_UNDELIVERABLE,
                    kind + " not sent: the customer has no address we may contact");
        }
        Map<String, String> values = ComplaintMessages.values(customer, complaint);
        values.putAll(extra);
        try {
            if (templates != null) {
                templates.renderIfPresent(kind, customer.locale(), values)
                        .ifPresent(text -> values.put(ComplaintMessages.TEXT, text));
            }
            DeliveryReceipt receipt = messenger.send(ComplaintMessages.message(key, kind, customer, address.get(),
                    values));
            return new Delivery(AuditAction.MESSAGE_SENT, kind + " sent on " + address.get().channel() + ", key "
                    + key + receipt.providerMessageId().map(id -> ", provider id " + id).orElse("")
                    + (receipt.duplicate() ? " (sent before)" : ""));
        } catch (MissingTemplateValueException e) {
            LOG.warn("Could not write {} for complaint {}: {}", kind, complaint.id(), e.getMessage());
            return new Delivery(AuditAction.MESSAGE_UNDELIVERABLE, kind + " not sent: " + e.getMessage());
        } catch (MessageDeliveryException e) {
            LOG.warn("Could not send {} for complaint {} (retryable: {})", kind, complaint.id(), e.retryable());
            return new Delivery(e.retryable() ? AuditAction.MESSAGE_FAILED : AuditAction.MESSAGE_UNDELIVERABLE,
                    kind + " not sent: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Could not send {} for complaint {}: {}", kind, complaint.id(), e.getClass().getName());
            return new Delivery(AuditAction.MESSAGE_FAILED, kind + " not sent: " + e.getClass().getSimpleName());
        }
    }

    /** Sends the acknowledgement (or a compliment's thanks) and records it, moving the complaint on when sent. */
    private Complaint sendAcknowledgement(Complaint complaint) {
        String kind = complaint.isCompliment() ? ComplaintMessages.COMPLIMENT_THANKS
                : ComplaintMessages.ACKNOWLEDGEMENT;
        Delivery delivery = deliver(complaint, kind, "", Map.of());
        return change(complaint.id(), (current, now) -> {
            Change change = new Change(current);
            change.audit.add(AuditEntry.of(now, AuditEntry.SYSTEM, delivery.action(), delivery.detail()));
            boolean sent = delivery.action() == AuditAction.MESSAGE_SENT;
            if (current.stage() == ComplaintStage.RECEIVED && (sent || current.isCompliment())) {
                if (sent) {
                    move(change, ComplaintStage.ACKNOWLEDGED, now, AuditEntry.SYSTEM, kind);
                }
                if (current.isCompliment()) {
                    move(change, ComplaintStage.CLOSED, now, AuditEntry.SYSTEM, "compliments need no handling");
                }
            }
            return change;
        });
    }

    /** Sends a message after a committed change and records the outcome in the audit trail. */
    private void notifyCustomer(Complaint complaint, String kind, String occasion, Map<String, String> extra,
            String actor) {
        Delivery delivery = deliver(complaint, kind, occasion, extra);
        unitOfWork.run(events -> {
            repo().appendAudit(complaint.id(), AuditEntry.of(now(), actor, delivery.action(), delivery.detail()));
            return null;
        });
    }

    private static String describe(List<Remedy> remedies) {
        return remedies.stream().map(r -> r.type().name() + r.amount().map(m -> " " + m.amount().toPlainString()
                + " " + m.currency().getCurrencyCode()).orElse("")).collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ComplaintRepository repo() {
        return storage.complaints();
    }

    private static void requireArgument(String operation, String field, Object value) {
        if (value == null) {
            throw ValidationException.of(operation, field, "NotNull", "must not be null");
        }
    }

    private Instant now() {
        return micros(clock.instant());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
