package dev.rapport.complaint;

import dev.rapport.internal.CaseHooks;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.ComplaintEscalated;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The process after receipt: assessment (with the case it is worked in), plain stage moves, holding responses, the
 * response, the customer's answer, escalation, root causes, case links and notes. Thread-safe: immutable.
 */
final class ComplaintProcess {

    private static final Set<ComplaintStage> PLAIN_TARGETS = EnumSet.of(ComplaintStage.ACKNOWLEDGED,
            ComplaintStage.INVESTIGATING, ComplaintStage.CLOSED, ComplaintStage.REOPENED);

    private final ComplaintWrites writes;
    private final ComplaintLetters letters;
    private final RecurrenceDetector recurrence;
    private final CaseHooks hooks;
    private final ComplaintPolicy policy;

    /**
     * The process.
     *
     * @param writes the shared runtime and the way changes are applied
     * @param letters sends holding responses and responses
     * @param recurrence detects recurring root causes
     * @param hooks the engine's case hooks, run for a case an assessment opens
     */
    ComplaintProcess(ComplaintWrites writes, ComplaintLetters letters, RecurrenceDetector recurrence,
            CaseHooks hooks) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.letters = Objects.requireNonNull(letters, "letters");
        this.recurrence = Objects.requireNonNull(recurrence, "recurrence");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.policy = writes.policy();
    }

    /** Makes the initial assessment; see {@link ComplaintService#assess}. */
    Complaint assess(AssessComplaint command) {
        writes.validator().check(command);
        boolean[] opened = new boolean[1];
        Complaint assessed = writes.change(command.complaintId(), (current, now) -> {
            opened[0] = false;
            ComplaintChange change = new ComplaintChange(current);
            writes.move(change, ComplaintStage.ASSESSED, now, command.actor(), null);
            Customer customer = writes.storage().customers().get(current.customerId());
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
                    writes.storage().cases().findById(openedCase.caseId())
                            .ifPresent(c -> hooks.opened(c, change.events));
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

    /** Moves a complaint to a stage that needs no data of its own; see {@link ComplaintService#changeStage}. */
    Complaint changeStage(ChangeStage command) {
        writes.validator().check(command);
        if (!PLAIN_TARGETS.contains(command.to())) {
            boolean never = command.to() == ComplaintStage.RECEIVED;
            throw ValidationException.of(ChangeStage.class.getSimpleName(), "to", never ? "NotATarget" : "OwnCommand",
                    never ? "RECEIVED is where complaints start; no stage moves to it"
                            : command.to() + " needs its own command (assess, respond or escalate)");
        }
        return writes.change(command.complaintId(), (current, now) -> {
            ComplaintChange change = new ComplaintChange(current);
            writes.move(change, command.to(), now, command.actor(), command.note().orElse(null));
            return change;
        });
    }

    /** Sends a holding response for a deadline; see {@link ComplaintService#sendHoldingResponse}. */
    Complaint sendHoldingResponse(SendHoldingResponse command) {
        writes.validator().check(command);
        String subject = SendHoldingResponse.class.getSimpleName();
        Instant promised = ComplaintWrites.micros(command.promisedBy());
        Complaint stored = writes.change(command.complaintId(), (current, now) -> {
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
                    .map(ComplaintWrites::micros);
            if (limit.isPresent() && promised.isAfter(limit.get())) {
                throw ValidationException.of(subject, "promisedBy", "WithinLimit",
                        "must be no later than " + limit.get() + ", the regime's limit for a holding response");
            }
            ComplaintChange change = new ComplaintChange(current);
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
        letters.notifyCustomer(stored, ComplaintMessages.HOLDING_RESPONSE, command.deadline() + ":" + promised, extra,
                command.actor());
        return writes.repo().get(stored.id());
    }

    /** Responds to a complaint; see {@link ComplaintService#respond}. */
    Complaint respond(RespondToComplaint command) {
        writes.validator().check(command);
        List<Remedy> remedies = command.remedies().stream().map(RemedyOffer::toRemedy).toList();
        Complaint stored = writes.change(command.complaintId(), (current, now) -> {
            ComplaintWrites.requireComplaint(current, RespondToComplaint.class);
            ComplaintChange change = new ComplaintChange(current);
            writes.move(change, ComplaintStage.RESPONDED, now, command.actor(), null);
            change.next.outcome(ComplaintOutcome.decided(command.decision(), command.reasons(), remedies, now));
            change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.OUTCOME_RECORDED, command.decision()
                    + (remedies.isEmpty() ? "" : "; remedies: " + ComplaintLetters.describe(remedies)) + "\n"
                    + command.reasons()));
            return change;
        });
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("decision", command.decision().name());
        extra.put("reasons", command.reasons());
        extra.put("remedies", ComplaintLetters.describe(remedies));
        letters.notifyCustomer(stored, ComplaintMessages.RESPONSE, "v" + stored.version(), extra, command.actor());
        return writes.repo().get(stored.id());
    }

    /** Records the customer's answer to the response; see {@link ComplaintService#recordCustomerReply}. */
    Complaint recordCustomerReply(RecordCustomerReply command) {
        writes.validator().check(command);
        return writes.change(command.complaintId(), (current, now) -> {
            ComplaintOutcome outcome = current.outcome().orElseThrow(() -> ValidationException.of(
                    RecordCustomerReply.class.getSimpleName(), "complaintId", "Responded",
                    "the complaint has no response to answer yet"));
            ComplaintStage to = command.accepted() ? ComplaintStage.CLOSED : ComplaintStage.REOPENED;
            if (command.accepted() && current.stage() != ComplaintStage.RESPONDED) {
                throw new IllegalTransitionException("complaint", current.id(), current.stage(), to);
            }
            ComplaintChange change = new ComplaintChange(current);
            change.next.outcome(outcome.answered(command.accepted(), now));
            change.audit.add(AuditEntry.of(now, command.actor(), command.accepted() ? AuditAction.CUSTOMER_ACCEPTED
                    : AuditAction.CUSTOMER_REJECTED, command.note().orElse(null)));
            writes.move(change, to, now, command.actor(), null);
            return change;
        });
    }

    /** Escalates a complaint to a higher tier or an outside dispute body; see {@link ComplaintService#escalate}. */
    Complaint escalate(EscalateComplaint command) {
        writes.validator().check(command);
        return writes.change(command.complaintId(), (current, now) -> {
            ComplaintWrites.requireComplaint(current, EscalateComplaint.class);
            ComplaintChange change = new ComplaintChange(current);
            writes.move(change, ComplaintStage.ESCALATED, now, command.actor(), null);
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

    /** Records root causes, each new one checked for recurrence; see {@link ComplaintService#assignRootCauses}. */
    Complaint assignRootCauses(AssignRootCauses command) {
        writes.validator().check(command);
        List<Violation> unknown = command.rootCauses().stream().filter(code -> !policy.taxonomy().contains(code))
                .map(code -> new Violation("rootCauses", "InTaxonomy", code + " is not in the root-cause taxonomy"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(AssignRootCauses.class.getSimpleName(), unknown);
        }
        return writes.change(command.complaintId(), (current, now) -> {
            Set<String> added = new LinkedHashSet<>(command.rootCauses());
            added.removeAll(current.rootCauses());
            ComplaintChange change = new ComplaintChange(current);
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

    /** Links a complaint to an existing case of the same customer; see {@link ComplaintService#linkCase}. */
    Complaint linkCase(LinkCase command) {
        writes.validator().check(command);
        return writes.change(command.complaintId(), (current, now) -> {
            Case supportCase = writes.storage().cases().findById(command.caseId()).orElseThrow(
                    () -> ValidationException.of(LinkCase.class.getSimpleName(), "caseId", "Exists",
                            "must name an existing case"));
            if (!supportCase.customerId().equals(current.customerId())) {
                throw ValidationException.of(LinkCase.class.getSimpleName(), "caseId", "SameCustomer",
                        "must name a case of the complaint's customer");
            }
            ComplaintChange change = new ComplaintChange(current);
            if (!current.caseId().equals(Optional.of(supportCase.id()))) {
                change.next.caseId(supportCase.id()).updatedAt(now);
                change.audit.add(AuditEntry.of(now, command.actor(), AuditAction.CASE_LINKED,
                        "case " + supportCase.id()));
            }
            return change;
        });
    }

    /** Adds a note to a complaint's audit trail; see {@link ComplaintService#addNote}. */
    void addNote(AddNote command) {
        writes.validator().check(command);
        writes.unitOfWork().run(events -> {
            writes.repo().get(command.complaintId());
            writes.repo().appendAudit(command.complaintId(), AuditEntry.of(writes.now(), command.actor(),
                    AuditAction.NOTE, command.note()));
            return null;
        });
    }}
