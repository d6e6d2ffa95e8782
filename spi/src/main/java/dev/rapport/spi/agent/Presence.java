package dev.rapport.spi.agent;

/** Whether an agent can take work now. */
public enum Presence {
    /** Ready for new work. */
    AVAILABLE,
    /** Working, not taking new work. */
    BUSY,
    /** Away for a short while. */
    AWAY,
    /** Not working. */
    OFFLINE
}
