package dev.rapport.complaint;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.internal.Retry;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.ComplaintReceived;
import dev.rapport.spi.event.ComplimentReceived;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipt, the door complaints and compliments come in through: checks what came in, allocates the reference,
 * computes the deadlines from the regime, stores the complaint as RECEIVED with its audit entry and events, and
 * sends the acknowledgement. Thread-safe: immutable.
 */
final class ComplaintIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintIntake.class);

    private final ComplaintWrites writes;
    private final ComplaintLetters letters;
    private final RecurrenceDetector recurrence;
    private final ComplaintPolicy policy;

    /**
     * The intake.
     *
     * @param writes the shared runtime and the way changes are applied
     * @param letters sends the acknowledgements
     * @param recurrence detects a recurring product on receipt
     */
    ComplaintIntake(ComplaintWrites writes, ComplaintLetters letters, RecurrenceDetector recurrence) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.letters = Objects.requireNonNull(letters, "letters");
        this.recurrence = Objects.requireNonNull(recurrence, "recurrence");
        this.policy = writes.policy();
    }

    /** Takes in a complaint; see {@link ComplaintService#receive}. */
    Complaint receive(ReceiveComplaint command) {
        writes.validator().check(command);
        Instant now = writes.now();
        Instant receivedAt = receivedAt(command.receivedAt(), now, ReceiveComplaint.class);
        String regimeCode = command.regime().orElse(policy.defaultRegime());
        ComplaintRegime regime = policy.regime(regimeCode).orElseThrow(() -> ValidationException.of(
                ReceiveComplaint.class.getSimpleName(), "regime", "Exists",
                "must be the code of a configured regime, one of " + policy.regimes().keySet()));
        List<ComplaintDeadline> deadlines = regime.deadlines().stream()
                .map(rule -> ComplaintDeadline.due(rule.code(),
                        ComplaintWrites.micros(rule.dueAt(receivedAt, regime.calendar()))))
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
        return letters.sendAcknowledgement(stored);
    }

    /** Takes in a compliment; see {@link ComplaintService#receiveCompliment}. */
    Complaint receiveCompliment(ReceiveCompliment command) {
        writes.validator().check(command);
        Instant now = writes.now();
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
        return letters.sendAcknowledgement(stored);
    }

    /** Sends the acknowledgement of a complaint still RECEIVED again; see {@link ComplaintService#acknowledge}. */
    Complaint acknowledge(ComplaintId complaintId) {
        requireArgument("acknowledge", "complaintId", complaintId);
        Complaint complaint = writes.repo().get(complaintId);
        return complaint.stage() == ComplaintStage.RECEIVED ? letters.sendAcknowledgement(complaint) : complaint;
    }

    private Complaint insertNew(Complaint.Builder draft, Class<?> command, String actor, Instant now,
            BiConsumer<Complaint, List<DomainEvent>> after) {
        ComplaintId id = ComplaintId.random();
        // a racing writer changed an improvement item, or the reference sequence handed out a taken number (a store
        // restored from backup): try again with fresh reads and a new number
        return Retry.onConflict(ComplaintService.MAX_ATTEMPTS, "Received complaint " + id,
                e -> e instanceof StaleVersionException || e instanceof DuplicateEntityException,
                () -> writes.unitOfWork().run(events -> {
                    Complaint probe = draft.build();
                    checkCustomerAndAgents(probe.customerId(), probe.agentIds(), command);
                    int year = probe.receivedAt().atZone(policy.referenceZone()).getYear();
                    long number = writes.repo().nextReferenceNumber(year);
                    Complaint complaint = writes.validator().check(draft.id(id)
                            .reference(ComplaintReference.of(policy.referencePrefix(), year, number))
                            .stage(ComplaintStage.RECEIVED)
                            .updatedAt(now)
                            .build());
                    Complaint inserted = writes.repo().insert(complaint);
                    writes.repo().appendAudit(id, AuditEntry.of(now, actor, AuditAction.RECEIVED,
                            inserted.kind() + " " + inserted.reference() + " on " + inserted.channel()
                                    + (inserted.isCompliment() ? "" : ", regime " + inserted.regime())));
                    after.accept(inserted, events);
                    return inserted;
                }));
    }

    private void checkCustomerAndAgents(CustomerId customerId, Set<AgentId> agentIds, Class<?> command) {
        List<Violation> violations = new ArrayList<>();
        if (writes.storage().customers().findById(customerId).isEmpty()) {
            violations.add(new Violation("customerId", "Exists", "must name a registered customer"));
        }
        for (AgentId agentId : agentIds) {
            if (writes.storage().agents().findById(agentId).isEmpty()) {
                violations.add(new Violation("agentIds", "Exists", "must name existing agents; " + agentId
                        + " does not exist"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(command.getSimpleName(), violations);
        }
    }

    private Instant receivedAt(Optional<Instant> given, Instant now, Class<?> command) {
        Instant receivedAt = given.map(ComplaintWrites::micros).orElse(now);
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
}
