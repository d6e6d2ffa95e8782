package dev.rapport.complaint;

import dev.rapport.followup.Templates;
import dev.rapport.internal.CaseHooks;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.messaging.CustomerMessenger;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    private final ComplaintPolicy policy;
    private final ComplaintIntake intake;
    private final ComplaintProcess process;
    private final ComplaintQueries queries;
    private final ComplaintImprovements improvements;
    private final ComplaintSweep sweep;

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
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(unitOfWork, "unitOfWork");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(messenger, "messenger");
        this.policy = Objects.requireNonNull(policy, "policy");
        ComplaintWrites writes = new ComplaintWrites(storage, unitOfWork, validator, clock, policy);
        ComplaintLetters letters = new ComplaintLetters(writes, messenger, templates);
        RecurrenceDetector recurrence = new RecurrenceDetector(storage.complaints(), policy.recurrence());
        this.intake = new ComplaintIntake(writes, letters, recurrence);
        this.process = new ComplaintProcess(writes, letters, recurrence, hooks);
        this.queries = new ComplaintQueries(writes);
        this.improvements = new ComplaintImprovements(writes);
        this.sweep = new ComplaintSweep(writes, letters);
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
        return intake.receive(command);
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
        return intake.receiveCompliment(command);
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
        return intake.acknowledge(complaintId);
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
        return process.assess(command);
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
        return process.changeStage(command);
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
        return process.sendHoldingResponse(command);
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
        return process.respond(command);
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
        return process.recordCustomerReply(command);
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
        return process.escalate(command);
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
        return process.assignRootCauses(command);
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
        return process.linkCase(command);
    }

    /**
     * Adds a note to a complaint's audit trail.
     *
     * @param command the complaint, the note and who wrote it
     * @throws ValidationException naming every bad field
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    public void addNote(AddNote command) {
        process.addNote(command);
    }

    // ------------------------------------------------------------------------------------------------- queries

    /**
     * The complaint with the id, if it exists.
     *
     * @param complaintId the complaint
     * @return the complaint; empty if none has the id
     */
    public Optional<Complaint> find(ComplaintId complaintId) {
        return queries.find(complaintId);
    }

    /**
     * The complaint with the id.
     *
     * @param complaintId the complaint
     * @return the complaint as stored
     * @throws ComplaintNotFoundException if none exists
     */
    public Complaint get(ComplaintId complaintId) {
        return queries.get(complaintId);
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
        return queries.getByReference(reference);
    }

    /**
     * A customer's complaints and compliments, in receipt order.
     *
     * @param customerId the customer
     * @param page which page
     * @return one page of the customer's complaints and compliments; empty if there are none
     */
    public Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page) {
        return queries.findByCustomer(customerId, page);
    }

    /**
     * The complaints in any of the stages, in receipt order.
     *
     * @param stages the stages to look for
     * @param page which page
     * @return one page of complaints in those stages
     */
    public Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page) {
        return queries.findByStage(stages, page);
    }

    /**
     * The complaints in any of the stages, in id order after a given one: the way to walk every such complaint (an
     * export, a sync with a regulator's register), page after page by key with {@link dev.rapport.spi.PageWalk#byKey},
     * each page found through an index on (stage, id) however far the walk has come.
     * {@link #findByStage(Set, PageRequest)} pages by offset, for showing a page to a person. A complaint is seen if it
     * is in one of the stages when its id's page is read.
     *
     * @param stages the stages to look for; none finds none
     * @param after the id of the last complaint of the previous page; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the complaints in those stages whose id comes after {@code after}, in id order
     * @throws dev.rapport.spi.ValidationException naming the argument that is null, {@code stages} if it holds null,
     *         or {@code limit} if it is out of range
     */
    public List<Complaint> listByStageAfter(Set<ComplaintStage> stages, Optional<ComplaintId> after, int limit) {
        return queries.listByStageAfter(stages, after, limit);
    }

    /**
     * A complaint's audit trail, oldest first; empty for an unknown complaint.
     *
     * @param complaintId the complaint
     * @return every entry of the complaint's trail
     */
    public List<AuditEntry> auditTrail(ComplaintId complaintId) {
        return queries.auditTrail(complaintId);
    }

    /**
     * The complaint register for the complaints received in the period, ready to export as CSV or JSON.
     *
     * @param received the receipt period, half-open
     * @return the register, deadlines judged now
     */
    public ComplaintRegister register(TimeRange received) {
        return queries.register(received);
    }

    /**
     * The compliments received in the period, counted in all and per agent credited.
     *
     * @param received the receipt period, half-open
     * @return the counts of the compliments received in the period
     */
    public ComplimentTally complimentTally(TimeRange received) {
        return queries.complimentTally(received);
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
        return improvements.outstandingImprovements(page);
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
        return improvements.planImprovement(improvementId, plan);
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
        return improvements.completeImprovement(improvementId, note);
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
        return sweep.sweep();
    }
}
