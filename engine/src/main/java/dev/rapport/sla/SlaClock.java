package dev.rapport.sla;

import dev.rapport.spi.cases.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of one SLA target of a case, computed from the case's history at one instant.
 *
 * @param target the promise
 * @param cycle which round of the target: 0, except for {@link SlaTarget#NEXT_REPLY}, which starts a new cycle at
 *        each customer message that waits for an answer
 * @param startedAt when the clock started
 * @param goal the time the target allows
 * @param calendarId the business calendar the time is counted in; empty for calendar time
 * @param elapsed the counted time so far, up to the stop or the computation instant
 * @param remaining {@code goal - elapsed}; negative once more than the goal was counted
 * @param paused whether the clock is paused now (the case waits, or is resolved); false once stopped
 * @param outcome in progress, achieved or breached
 * @param dueAt when the target is or was due; for an achieved clock, when it would have been due had it run on from
 *        its stop; empty while paused before the due time is reached
 * @param warningAt when the warning share of the goal is or was used up; empty while paused before that
 * @param stoppedAt when the clock stopped: the reply or resolution; empty while it runs or is paused
 */
public record SlaClock(
        SlaTarget target,
        int cycle,
        Instant startedAt,
        Duration goal,
        Optional<String> calendarId,
        Duration elapsed,
        Duration remaining,
        boolean paused,
        SlaOutcome outcome,
        Optional<Instant> dueAt,
        Optional<Instant> warningAt,
        Optional<Instant> stoppedAt) {

    /**
     * Whether the warning share was used up at or before {@code now}, and before any stop.
     *
     * @param now the instant to judge at
     * @return {@code true} if the clock has a warning time that is not after {@code now} and, for a stopped clock,
     *         before its stop
     */
    public boolean warningReached(Instant now) {
        return warningAt.filter(w -> stoppedAt.map(w::isBefore).orElse(!w.isAfter(now))).isPresent();
    }
}
