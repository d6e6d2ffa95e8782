package dev.rapport.sla;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.SlaTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every SLA clock of a case at one instant: one per target the policy sets, and one per cycle of
 * {@link SlaTarget#NEXT_REPLY}, in target order, then cycle order.
 *
 * @param caseId the case
 * @param computedAt the instant the state was computed for
 * @param clocks the clocks
 */
public record SlaStatus(CaseId caseId, Instant computedAt, List<SlaClock> clocks) {

    /**
     * Copies the clocks.
     *
     * @param caseId the case
     * @param computedAt the instant the state was computed for
     * @param clocks the clocks, in target order, then cycle order; copied
     */
    public SlaStatus {
        clocks = List.copyOf(clocks);
    }

    /**
     * The clock of a target, its latest cycle for {@link SlaTarget#NEXT_REPLY}; empty if the policy sets none.
     *
     * @param target the promise
     * @return the target's clock, the latest cycle for next reply; empty if the policy sets no such target for the case
     *         or no next-reply cycle has started
     */
    public Optional<SlaClock> clock(SlaTarget target) {
        Optional<SlaClock> found = Optional.empty();
        for (SlaClock clock : clocks) {
            if (clock.target() == target) {
                found = Optional.of(clock);
            }
        }
        return found;
    }

    /**
     * Whether any clock is breached.
     *
     * @return {@code true} if at least one clock's outcome is breached
     */
    public boolean anyBreached() {
        return clocks.stream().anyMatch(c -> c.outcome() == SlaOutcome.BREACHED);
    }

    /**
     * The earliest due time among clocks still in progress and running, for ordering work by urgency.
     *
     * @return the earliest due time of the clocks in progress and not paused; empty if none runs
     */
    public Optional<Instant> nextDue() {
        return clocks.stream().filter(c -> c.outcome() == SlaOutcome.IN_PROGRESS && !c.paused())
                .flatMap(c -> c.dueAt().stream()).min(Instant::compareTo);
    }
}
