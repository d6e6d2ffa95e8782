package dev.rapport.spi.agent;

/**
 * Whether an agent can take work now. Only {@link #AVAILABLE} agents are given new work.
 *
 * <p>{@link #RETIRED} is final: an agent who left for good keeps their history (cases, interactions, ratings and
 * KPIs still name them) but is never given work again and cannot become available, busy, away or offline again;
 * Rapport's agent service refuses such a move with an {@code IllegalTransitionException} naming both states. Every
 * other presence may follow any other.
 */
public enum Presence {
    /** Ready for new work. */
    AVAILABLE,
    /** Working, not taking new work. */
    BUSY,
    /** Away for a short while. */
    AWAY,
    /** Not working. */
    OFFLINE,
    /** Left for good: never given work again, and never back to any other presence. */
    RETIRED;

    /**
     * Whether an agent in this presence may move to the other; only a move out of {@link #RETIRED} is refused.
     *
     * @param next the presence the agent would move to
     * @return false if this is {@link #RETIRED} and {@code next} is not, true otherwise
     */
    public boolean canMoveTo(Presence next) {
        return this != RETIRED || next == RETIRED;
    }
}
