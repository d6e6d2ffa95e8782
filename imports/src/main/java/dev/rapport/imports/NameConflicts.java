package dev.rapport.imports;

/**
 * Which name a customer keeps when their email address (or phone number) appears on tickets under different names;
 * set with {@link TicketImporter.Builder#nameConflicts(NameConflicts)}, default {@link #FIRST}. Names are compared
 * without surrounding spaces and regardless of case, so {@code "ann lee"} and {@code "Ann Lee"} do not conflict.
 * Whatever is kept, each row whose name differs from the one its customer holds carries a warning, and the report
 * lists every customer concerned in {@link ImportReport#nameConflicts()}.
 */
public enum NameConflicts {
    /** The name the customer already has (from an earlier row, an earlier import or the host) stays; the default. */
    FIRST,
    /** Each row renames the customer to the name it gives: the last row of the file wins. */
    LAST,
    /**
     * The name given most often wins: the import counts each customer's names as it goes (the name a customer had
     * before the run counts once) and renames the customer when another name becomes strictly more frequent than
     * the one held, so a tie keeps the name that reached the count first. At the end of the file every customer
     * holds their most frequent name; no second pass over the file is needed, so it works on a reader too.
     */
    MOST_FREQUENT
}
