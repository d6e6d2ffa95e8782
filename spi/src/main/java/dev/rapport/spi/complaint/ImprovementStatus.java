package dev.rapport.spi.complaint;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an improvement item stands. The allowed moves are:
 *
 * <pre>
 * OPEN    -&gt; PLANNED, DONE
 * PLANNED -&gt; DONE
 * DONE    -&gt; OPEN (the issue recurred after the fix: a new round)
 * </pre>
 */
public enum ImprovementStatus {
    /** Detected; nobody has decided what to do yet. */
    OPEN,
    /** Added to the plans: the fix is scheduled. */
    PLANNED,
    /** Fixed. */
    DONE;

    /** The statuses this status may move to. */
    public Set<ImprovementStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(PLANNED, DONE);
            case PLANNED -> EnumSet.of(DONE);
            case DONE -> EnumSet.of(OPEN);
        };
    }

    /** Whether the move to {@code to} is allowed. */
    public boolean canMoveTo(ImprovementStatus to) {
        return next().contains(to);
    }

    /** Whether the item is still on the list of things to improve: open or planned. */
    public boolean isOutstanding() {
        return this != DONE;
    }
}
