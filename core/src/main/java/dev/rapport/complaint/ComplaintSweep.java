package dev.rapport.complaint;

import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.event.ComplaintDeadlineApproaching;
import dev.rapport.spi.event.ComplaintDeadlineBreached;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep over open complaints: raises the deadline reminders and breaches that are due and were not raised
 * before (remembered on the complaint), and sends again the acknowledgements that failed with a retryable error.
 * Thread-safe: sweeps on one instance never overlap.
 */
final class ComplaintSweep {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintSweep.class);

    private static final Set<ComplaintStage> OPEN_STAGES = EnumSet.complementOf(EnumSet.of(ComplaintStage.CLOSED));
    private static final Set<AuditAction> MESSAGE_ACTIONS = EnumSet.of(AuditAction.MESSAGE_SENT,
            AuditAction.MESSAGE_FAILED, AuditAction.MESSAGE_UNDELIVERABLE);

    private final ComplaintWrites writes;
    private final ComplaintLetters letters;
    private final ComplaintPolicy policy;
    private final Object sweepLock = new Object();

    /**
     * The sweep.
     *
     * @param writes the shared runtime and the way changes are applied
     * @param letters sends the acknowledgements again
     */
    ComplaintSweep(ComplaintWrites writes, ComplaintLetters letters) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.letters = Objects.requireNonNull(letters, "letters");
        this.policy = writes.policy();
    }

    /** Checks every open complaint once; see {@link ComplaintService#sweep}. */
    ComplaintSweepReport sweep() {
        synchronized (sweepLock) {
            Instant now = writes.now();
            int checked = 0;
            int[] raised = new int[2];
            List<ComplaintId> unacknowledged = new ArrayList<>();
            for (Complaint complaint : PageWalk.<Complaint>byKey(ComplaintService.SWEEP_PAGE_SIZE,
                    (last, size) -> writes.repo().listByStageAfter(OPEN_STAGES, last.map(Complaint::id), size))) {
                checked++;
                if (complaint.isCompliment()) {
                    continue;
                }
                if (complaint.stage() == ComplaintStage.RECEIVED) {
                    unacknowledged.add(complaint.id());
                }
                if (!crossings(new ComplaintChange(complaint), complaint, now).audit.isEmpty()) {
                    raiseCrossings(complaint.id(), now, raised);
                }
            }
            int retried = 0;
            for (ComplaintId id : unacknowledged) {
                if (acknowledgementMayBeRetried(id)) {
                    retried++;
                    letters.sendAcknowledgement(writes.repo().get(id));
                }
            }
            return new ComplaintSweepReport(checked, raised[0], raised[1], retried);
        }
    }

    private void raiseCrossings(ComplaintId id, Instant now, int[] raised) {
        List<ComplaintChange> applied = new ArrayList<>(1);
        try {
            writes.change(id, (current, at) -> {
                ComplaintChange change = crossings(new ComplaintChange(current), current, now);
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
    private ComplaintChange crossings(ComplaintChange change, Complaint current, Instant now) {
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
                        ComplaintWrites.breach(change, current, deadline, now);
                    }
                } else if (rule.isPresent()) {
                    Optional<Instant> reminder = rule.get().reminderTimes(due, regime.get().calendar()).stream()
                            .map(ComplaintWrites::micros)
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

    private boolean acknowledgementMayBeRetried(ComplaintId id) {
        List<AuditEntry> trail = writes.repo().auditTrail(id);
        for (int i = trail.size() - 1; i >= 0; i--) {
            AuditEntry entry = trail.get(i);
            if (MESSAGE_ACTIONS.contains(entry.action())
                    && entry.detail().filter(d -> d.startsWith(ComplaintMessages.ACKNOWLEDGEMENT)).isPresent()) {
                return entry.action() == AuditAction.MESSAGE_FAILED;
            }
        }
        return true;
    }
}
