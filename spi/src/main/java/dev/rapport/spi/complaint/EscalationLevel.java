package dev.rapport.spi.complaint;

/** Where a complaint was escalated to. */
public enum EscalationLevel {
    /** A higher tier inside the business: a senior team, a complaints manager, the board. */
    HIGHER_TIER,
    /** An outside dispute body: an ombudsman, an arbitration or alternative dispute resolution body, a regulator. */
    OUTSIDE_BODY
}
