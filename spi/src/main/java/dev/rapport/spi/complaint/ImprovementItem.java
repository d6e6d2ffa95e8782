package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something to improve because complaints keep coming about it: opened when enough complaints share a root cause
 * or a product within a window, and kept with those complaints until it is fixed. The list of outstanding items is
 * the "add it to the plans" list. Immutable.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the item's id
 * @param issue what the complaints share; unique among items
 * @param status where it stands
 * @param round how often the issue was detected: 1 at first, one more each time it recurs after being done
 * @param detectedAt when it was last detected (the start of the current round)
 * @param complaints the complaints about it, oldest first
 * @param plan what is planned or was done, if noted
 * @param updatedAt when it last changed
 * @param version the optimistic-locking version; 0 before the first insert, 1 after it
 */
public record ImprovementItem(
        @NotNull ImprovementId id,
        @NotNull @Valid IssueKey issue,
        @NotNull ImprovementStatus status,
        @Positive int round,
        @NotNull @SupportedInstant Instant detectedAt,
        @NotNull @Size(max = ImprovementItem.MAX_COMPLAINTS) List<@NotNull ComplaintId> complaints,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> plan,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version) {

    /** How many complaints one item keeps; later ones are still counted by their own queries. */
    public static final int MAX_COMPLAINTS = 10_000;

    /**
     * Copies the list and turns a null optional into an empty one.
     *
     * @param id the item's id
     * @param issue what the complaints share; unique among items
     * @param status where it stands
     * @param round how often the issue was detected: 1 at first, one more each time it recurs after being done
     * @param detectedAt when it was last detected (the start of the current round)
     * @param complaints the complaints about it, oldest first
     * @param plan what is planned or was done, if noted
     * @param updatedAt when it last changed
     * @param version the optimistic-locking version; 0 before the first insert, 1 after it
     */
    public ImprovementItem {
        complaints = Copies.list(complaints);
        plan = Copies.optional(plan);
    }

    /**
     * The item after a status move at a given time; the version is unchanged.
     *
     * @param to the status to move to
     * @param at when the move happens; becomes {@link #updatedAt()}
     * @return a new item in status {@code to}, everything else but the change time as before
     * @throws IllegalTransitionException if the move is not allowed
     */
    public ImprovementItem moveTo(ImprovementStatus to, Instant at) {
        if (!status.canMoveTo(to)) {
            throw new IllegalTransitionException("improvement", id, status, to);
        }
        return new ImprovementItem(id, issue, to, round, detectedAt, complaints, plan, at, version);
    }

    /**
     * The same item with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this item that differs only in its version
     */
    public ImprovementItem withVersion(long newVersion) {
        return new ImprovementItem(id, issue, status, round, detectedAt, complaints, plan, updatedAt, newVersion);
    }
}
