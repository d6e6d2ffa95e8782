package dev.rapport.spi.kpi;

/**
 * Self-service and bot contacts.
 *
 * @param automatedContacts contacts handled by self-service or a bot
 * @param contained of those, contacts not followed by a human contact within the window
 */
public record Containment(long automatedContacts, long contained) {
    /** No contact. */
    public static final Containment EMPTY = new Containment(0, 0);
}
