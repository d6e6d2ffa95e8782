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

    /**
     * The statuses this status may move to.
     *
     * @return the statuses allowed after this one; never empty, as a done item reopens when its issue recurs
     */
    public Set<ImprovementStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(PLANNED, DONE);
            case PLANNED -> EnumSet.of(DONE);
            case DONE -> EnumSet.of(OPEN);
        };
    }

    /**
     * Whether the move to {@code to} is allowed.
     *
     * @param to the status an item would move to
     * @return true if {@code to} is among {@link #next()}, false otherwise
     */
    public boolean canMoveTo(ImprovementStatus to) {
        return next().contains(to);
    }

    /**
     * Whether the item is still on the list of things to improve: open or planned.
     *
     * @return true for the open and planned statuses, false for the others
     */
    public boolean isOutstanding() {
        return this != DONE;
    }
}
