package dev.rapport.automation;

import dev.rapport.sla.SlaClock;
import dev.rapport.sla.SlaOutcome;
import dev.rapport.sla.SlaStatus;
import java.time.Instant;

/** A state of a case's SLA clocks that an automation rule can wait for; see {@link Condition.Sla}. */
public enum SlaState {
    /** At least one clock is past its due time without having stopped in time. */
    BREACHED,
    /** At least one clock still running used up its warning share and is not yet breached: about to breach. */
    WARNING,
    /** Clocks exist and none is breached or in its warning share. */
    ON_TRACK;

    /**
     * Whether a case's SLA status is in this state.
     *
     * @param status the case's SLA status
     * @param now the time to judge the warning share at
     * @return whether it is
     */
    public boolean holds(SlaStatus status, Instant now) {
        boolean breached = status.anyBreached();
        boolean warning = !breached && status.clocks().stream().anyMatch(c -> warns(c, now));
        return switch (this) {
            case BREACHED -> breached;
            case WARNING -> warning;
            case ON_TRACK -> !status.clocks().isEmpty() && !breached && !warning;
        };
    }

    private static boolean warns(SlaClock clock, Instant now) {
        return clock.outcome() == SlaOutcome.IN_PROGRESS && clock.warningReached(now);
    }
}
