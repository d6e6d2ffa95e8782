package dev.rapport.complaint;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.internal.Retry;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.complaint.ImprovementStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Learning from complaints: the improvement items recurring issues open, listed with their complaints, put on the
 * plans and marked done. Thread-safe: immutable.
 */
final class ComplaintImprovements {

    private final ComplaintWrites writes;

    /**
     * The improvements part.
     *
     * @param writes the shared runtime
     */
    ComplaintImprovements(ComplaintWrites writes) {
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /** The "add it to the plans" list; see {@link ComplaintService#outstandingImprovements}. */
    Page<ImprovementView> outstandingImprovements(PageRequest page) {
        requireArgument("outstandingImprovements", "page", page);
        Page<ImprovementItem> items = writes.repo().findImprovementsByStatus(
                EnumSet.of(ImprovementStatus.OPEN, ImprovementStatus.PLANNED), page);
        return items.map(item -> new ImprovementView(item, item.complaints().stream()
                .map(id -> writes.repo().findById(id)).flatMap(Optional::stream).toList()));
    }

    /** Puts an open improvement item on the plans; see {@link ComplaintService#planImprovement}. */
    ImprovementItem planImprovement(ImprovementId improvementId, String plan) {
        return changeImprovement(improvementId, ImprovementStatus.PLANNED, plan);
    }

    /** Marks an improvement item done; see {@link ComplaintService#completeImprovement}. */
    ImprovementItem completeImprovement(ImprovementId improvementId, String note) {
        return changeImprovement(improvementId, ImprovementStatus.DONE, note);
    }

    private ImprovementItem changeImprovement(ImprovementId id, ImprovementStatus to, String plan) {
        requireArgument("changeImprovement", "improvementId", id);
        return Retry.onStaleVersion(ComplaintService.MAX_ATTEMPTS, "Improvement item " + id,
                () -> writes.unitOfWork().run(events -> {
                    ImprovementItem current = writes.repo().findImprovementById(id)
                            .orElseThrow(() -> new ImprovementNotFoundException(id));
                    Instant now = writes.now();
                    ImprovementItem moved = current.moveTo(to, now);
                    ImprovementItem next = new ImprovementItem(moved.id(), moved.issue(), moved.status(),
                            moved.round(), moved.detectedAt(), moved.complaints(),
                            plan == null ? moved.plan() : Optional.of(plan), now, moved.version());
                    return writes.repo().updateImprovement(writes.validator().check(next));
                }));
    }
}
