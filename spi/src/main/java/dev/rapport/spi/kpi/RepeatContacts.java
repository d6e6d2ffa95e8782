package dev.rapport.spi.kpi;

/**
 * Contacts and repeats.
 *
 * @param contacts contacts made
 * @param repeats of those, contacts within the window after a first contact on the same category
 */
public record RepeatContacts(long contacts, long repeats) {
    /** No contact. */
    public static final RepeatContacts EMPTY = new RepeatContacts(0, 0);
}
