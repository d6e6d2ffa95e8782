package dev.rapport.spi.complaint;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a complaint stands in its handling, on the ISO 10002 model. The allowed moves are:
 *
 * <pre>
 * RECEIVED      -&gt; ACKNOWLEDGED, CLOSED (withdrawn)
 * ACKNOWLEDGED  -&gt; ASSESSED, RESPONDED (summary resolution), ESCALATED, CLOSED
 * ASSESSED      -&gt; INVESTIGATING, RESPONDED, ESCALATED, CLOSED
 * INVESTIGATING -&gt; RESPONDED, ESCALATED, CLOSED
 * RESPONDED     -&gt; CLOSED, REOPENED (the customer rejects the response), ESCALATED
 * ESCALATED     -&gt; INVESTIGATING, RESPONDED, CLOSED
 * REOPENED      -&gt; ASSESSED, INVESTIGATING, RESPONDED, ESCALATED, CLOSED
 * CLOSED        -&gt; REOPENED, ESCALATED (the customer takes it to an outside body)
 * </pre>
 *
 * No stage moves to {@link #RECEIVED}, and no stage moves to itself.
 */
public enum ComplaintStage {
    /** Taken in on some channel, with a reference; not yet acknowledged. */
    RECEIVED,
    /** The customer was told it was received, with the reference and the deadlines. */
    ACKNOWLEDGED,
    /** Severity, complexity, impact and priority were judged. */
    ASSESSED,
    /** Being investigated in proportion to its assessment. */
    INVESTIGATING,
    /** The decision, with its reasons and remedies, was communicated. */
    RESPONDED,
    /** Taken to a higher tier inside the business or to an outside dispute body. */
    ESCALATED,
    /** The customer rejected the response; handling starts again. */
    REOPENED,
    /** Finished: accepted, withdrawn, or decided by the body it was escalated to. */
    CLOSED;

    /**
     * The stages this stage may move to.
     *
     * @return the stages allowed after this one, as in the table above; never empty, and never containing
     *        {@link #RECEIVED} or this stage
     */
    public Set<ComplaintStage> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(ACKNOWLEDGED, CLOSED);
            case ACKNOWLEDGED -> EnumSet.of(ASSESSED, RESPONDED, ESCALATED, CLOSED);
            case ASSESSED -> EnumSet.of(INVESTIGATING, RESPONDED, ESCALATED, CLOSED);
            case INVESTIGATING -> EnumSet.of(RESPONDED, ESCALATED, CLOSED);
            case RESPONDED -> EnumSet.of(CLOSED, REOPENED, ESCALATED);
            case ESCALATED -> EnumSet.of(INVESTIGATING, RESPONDED, CLOSED);
            case REOPENED -> EnumSet.of(ASSESSED, INVESTIGATING, RESPONDED, ESCALATED, CLOSED);
            case CLOSED -> EnumSet.of(REOPENED, ESCALATED);
        };
    }

    /**
     * Whether the move to {@code to} is allowed.
     *
     * @param to the stage a complaint would move to
     * @return true if {@code to} is among {@link #next()}, false otherwise (also for this stage itself)
     */
    public boolean canMoveTo(ComplaintStage to) {
        return next().contains(to);
    }

    /**
     * Whether the complaint still needs work: every stage but {@link #CLOSED}.
     *
     * @return false for {@link #CLOSED}, true for every other stage
     */
    public boolean isOpen() {
        return this != CLOSED;
    }
}
