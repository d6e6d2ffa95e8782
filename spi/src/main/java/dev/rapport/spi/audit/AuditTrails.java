package dev.rapport.spi.audit;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import java.util.List;

/**
 * Holds the append-only audit trails of customers and cases: who changed what, and when, beyond a case's status
 * moves (which its {@link dev.rapport.spi.cases.Case#history() history} keeps). Rapport appends an entry in the
 * transaction of the change it records, so a change and its entry commit or roll back together.
 *
 * <p>Contract, for every method: a failing call changes nothing; a failure of the store itself is a
 * {@link StorageException}; calls made inside a transaction of {@link dev.rapport.spi.Transactions} take part in it.
 * Entries are kept exactly as {@link TrailEntry} allows them (its constructor refuses anything else). A trail is kept
 * whatever happens to its subject: it does not go when a merged customer is removed. Implementations are
 * thread-safe. Proven by the spi-tck's {@code AuditTrailContract}.
 */
public interface AuditTrails {

    /**
     * Appends an entry to its subject's trail. There is no way to remove an entry; only
     * {@link #redact(AuditSubject, List) erasure} changes its values.
     *
     * @param entry the entry
     * @return the entry as stored, equal to the one given
     * @throws DuplicateEntityException if an entry with the same id is stored, in any trail (key {@code "id"})
     * @throws NullPointerException if the entry is null
     */
    TrailEntry append(TrailEntry entry);

    /**
     * Appends entries, in order, as {@link #append} would one after another, and returns them as stored; for bulk
     * writers such as imports. Call it inside a transaction to make the whole list all or nothing; adapters may write
     * the list with fewer round trips (JDBC batches). Entries of one subject keep the list's order in its trail.
     * Default: {@link #append} for each.
     *
     * @param entries the entries, none null
     * @return the entries as stored, equal to the ones given, in the given order
     * @throws DuplicateEntityException if one of them, or two of them, have an id already stored (key {@code "id"})
     * @throws NullPointerException if the list or an entry is null
     */
    default List<TrailEntry> appendAll(List<TrailEntry> entries) {
        java.util.Objects.requireNonNull(entries, "entries");
        List<TrailEntry> stored = new java.util.ArrayList<>(entries.size());
        for (TrailEntry entry : entries) {
            stored.add(append(java.util.Objects.requireNonNull(entry, "entry")));
        }
        return stored;
    }

    /**
     * A subject's trail, ordered by time, then by the order the entries were appended (so entries of one
     * transaction, which share a time, keep their order); an empty page for a subject without entries.
     *
     * @param subject whose trail
     * @param page which slice
     * @return the page
     * @throws NullPointerException if an argument is null
     */
    Page<TrailEntry> find(AuditSubject subject, PageRequest page);

    /**
     * Replaces the {@link TrailEntry#from() from}, {@link TrailEntry#to() to} and {@link TrailEntry#detail() detail}
     * of entries of a subject's trail, for erasure of a customer's personal data: the one change a trail allows. Each
     * given entry names a stored entry of the subject by its id and carries its new values; its subject, time, actor
     * and action are ignored, and stay as stored, as do the trail's order and length. An entry whose values already
     * are the given ones is left alone, so a second call changes nothing.
     *
     * @param subject whose trail
     * @param entries the entries with their new values
     * @return how many entries changed
     * @throws IllegalArgumentException if an entry's id is not in the subject's trail; nothing is changed
     * @throws NullPointerException if an argument or an entry is null
     */
    int redact(AuditSubject subject, List<TrailEntry> entries);
}
