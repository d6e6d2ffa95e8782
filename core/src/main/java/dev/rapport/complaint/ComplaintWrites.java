package dev.rapport.complaint;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.internal.Arguments;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.Retry;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.event.ComplaintClosed;
import dev.rapport.spi.event.ComplaintDeadlineBreached;
import dev.rapport.spi.event.ComplaintStageChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What every part of the complaint process writes through: the runtime the parts share, the one way a change is
 * applied to the current version of a complaint (retried on a stale version), and the stage move with the events
 * and breaches it raises. Thread-safe: immutable.
 */
final class ComplaintWrites {

    private final RapportStorage storage;
    private final UnitOfWork unitOfWork;
    private final CommandValidator validator;
    private final Clock clock;
    private final ComplaintPolicy policy;

    ComplaintWrites(RapportStorage storage, UnitOfWork unitOfWork, CommandValidator validator, Clock clock,
            ComplaintPolicy policy) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Where complaints, customers, agents and cases are kept. */
    RapportStorage storage() {
        return storage;
    }

    /** The complaints' repository. */
    ComplaintRepository repo() {
        return storage.complaints();
    }

    /** Runs each operation in a transaction and publishes its events after commit. */
    UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    /** Checks commands and complaints. */
    CommandValidator validator() {
        return validator;
    }

    /** The policy the process runs with. */
    ComplaintPolicy policy() {
        return policy;
    }

    /** Now, at the precision stores keep. */
    Instant now() {
        return Arguments.now(clock);
    }

    /** An instant at the precision stores keep: microseconds. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Applies a change to the current version, retrying on stale versions; writes only a change. */
    Complaint change(ComplaintId id, BiFunction<Complaint, Instant, ComplaintChange> change) {
        requireArgument("change", "complaintId", id);
        return Retry.onStaleVersion(ComplaintService.MAX_ATTEMPTS, "Complaint " + id, () -> unitOfWork.run(events -> {
            Complaint current = repo().get(id);
            ComplaintChange result = change.apply(current, now());
            Complaint next = result.next.build();
            Complaint updated = next.equals(current) ? current : repo().update(validator.check(next));
            result.audit.forEach(entry -> repo().appendAudit(id, entry));
            events.addAll(result.events);
            result.afterUpdate.accept(updated, events);
            return updated;
        }));
    }

    /**
     * Adds a stage move to the change: the stage and what it sets, the audit entry, {@code ComplaintStageChanged},
     * {@code ComplaintClosed} when a complaint closes, and the breaches of deadlines met late.
     */
    void move(ComplaintChange change, ComplaintStage to, Instant now, String actor, String detail) {
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

    /** Adds to the change the breach of a deadline: {@code ComplaintDeadlineBreached} and its audit entry. */
    static void breach(ComplaintChange change, Complaint complaint, ComplaintDeadline deadline, Instant now) {
        Instant due = deadline.effectiveDueAt();
        change.events.add(new ComplaintDeadlineBreached(EventIds.of("complaint.deadline_breached", complaint.id(),
                deadline.code(), due), due, complaint.id(), deadline.code(), due));
        change.audit.add(AuditEntry.of(now, AuditEntry.SYSTEM, AuditAction.DEADLINE_BREACHED,
                deadline.code() + " due " + due));
    }

    /** Refuses a compliment where a command needs a complaint, naming {@code complaintId}. */
    static void requireComplaint(Complaint complaint, Class<?> command) {
        if (complaint.isCompliment()) {
            throw ValidationException.of(command.getSimpleName(), "complaintId", "Complaint",
                    "must name a complaint, not a compliment");
        }
    }
}
