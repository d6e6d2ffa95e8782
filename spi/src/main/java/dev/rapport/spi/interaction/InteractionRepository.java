package dev.rapport.spi.interaction;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import java.util.List;
import java.util.Optional;

/**
 * Holds interactions, append-only: an interaction is never changed once stored, with one exception, erasure of the
 * customer's personal data ({@link #redactForCustomer}, {@link #redact}), which replaces the free text and nothing
 * else. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe.
 */
public interface InteractionRepository {

    /**
     * Stores a new interaction and returns it as stored.
     *
     * @param interaction the interaction to store
     * @return the stored interaction, equal to the argument
     * @throws DuplicateEntityException if an interaction with the same id exists (key {@code "id"})
     * @throws DuplicateExternalIdException if an interaction with the same external id exists
     */
    Interaction insert(Interaction interaction);

    /**
     * Stores new interactions, in order, as {@link #insert} would one after another, and returns them as stored; for
     * bulk writers such as imports. Call it inside a transaction to make the whole list all or nothing; adapters may
     * write the list with fewer round trips (JDBC batches). Default: {@link #insert} for each.
     *
     * @param interactions the new interactions, none null
     * @return the interactions as stored, in the given order
     * @throws DuplicateEntityException if one of them, or two of them, have an id already stored
     * @throws DuplicateExternalIdException if one of their external ids is stored already, or given twice
     */
    default List<Interaction> insertAll(List<Interaction> interactions) {
        java.util.Objects.requireNonNull(interactions, "interactions");
        List<Interaction> stored = new java.util.ArrayList<>(interactions.size());
        for (Interaction interaction : interactions) {
            stored.add(insert(java.util.Objects.requireNonNull(interaction, "interaction")));
        }
        return stored;
    }

    /**
     * The interaction with the id, if stored.
     *
     * @param id the interaction's id
     * @return the stored interaction, or empty if none has the id
     */
    Optional<Interaction> findById(InteractionId id);

    /**
     * The interaction with the id.
     *
     * @param id the interaction's id
     * @return the stored interaction; never null
     * @throws InteractionNotFoundException if none is stored
     */
    default Interaction get(InteractionId id) {
        return findById(id).orElseThrow(() -> new InteractionNotFoundException(id));
    }

    /**
     * The interaction stored under an external id, if any. The comparison is exact.
     *
     * @param externalId the id in the source system, such as a webhook's message id or a call id
     * @return the interaction stored under exactly that id, or empty if none is
     */
    Optional<Interaction> findByExternalId(String externalId);

    /**
     * The interactions stored under any of the external ids, by external id; ids stored under none are absent from
     * the map, and null or repeated ids are ignored. The comparison is exact. For importers that check thousands of
     * ids at once; the default asks {@link #findByExternalId} for each, adapters answer in a few queries.
     *
     * @param externalIds the external ids
     * @return the interactions found, by external id
     */
    default java.util.Map<String, Interaction> findAllByExternalId(java.util.Collection<String> externalIds) {
        java.util.Map<String, Interaction> found = new java.util.HashMap<>();
        for (String externalId : new java.util.LinkedHashSet<>(externalIds)) {
            if (externalId != null) {
                findByExternalId(externalId).ifPresent(i -> found.put(externalId, i));
            }
        }
        return found;
    }

    /**
     * Every interaction of a case, ordered by occurrence time, then id.
     *
     * @param caseId the case the interactions belong to
     * @return every interaction of the case in that order; empty for a case without interactions or an unknown case
     */
    List<Interaction> findByCase(CaseId caseId);

    /**
     * A customer's interactions that occurred in the range, ordered by occurrence time, then id.
     *
     * @param customerId the customer the interactions belong to
     * @param occurred the range of occurrence times to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of the customer's interactions in the range
     */
    Page<Interaction> findByCustomer(CustomerId customerId, TimeRange occurred, PageRequest page);

    /**
     * All interactions that occurred in the range, ordered by occurrence time, then id.
     *
     * @param occurred the range of occurrence times to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of interactions in the range, of every customer
     */
    Page<Interaction> findOccurredBetween(TimeRange occurred, PageRequest page);

    /**
     * Erases the free text of every interaction of a customer: each one that has a {@link Interaction#summary()
     * summary} gets the placeholder as its summary instead. This is the only field that changes. Everything else stays
     * exactly as stored: the id, customer, channel, direction, occurrence and recording times, agent, case, kind,
     * handler, visibility, handle time, amount, order reference, reason code and the external id (so recording the
     * same external id again still finds the interaction); interactions carry no version. Interactions without a
     * summary keep none, and those whose summary already is the placeholder are left alone, so a second call changes
     * nothing. Interactions of other customers are untouched.
     *
     * @param customerId the customer whose interactions are redacted; a customer without interactions is no error
     * @param placeholder the text that replaces each summary, for example {@code "[erased]"}; plain text within
     *        {@link dev.rapport.spi.validation.Limits#TEXT}
     * @return how many interactions changed
     * @throws NullPointerException if an argument is null
     */
    int redactForCustomer(CustomerId customerId, String placeholder);

    /**
     * Replaces the summary of one interaction, for erasure of a record that must be kept with its text minimised
     * (under legal hold). As with {@link #redactForCustomer}, the summary is the only field that changes.
     *
     * @param id the interaction
     * @param summary the new summary; empty removes it
     * @return whether the stored summary changed (false if it already was the given one)
     * @throws InteractionNotFoundException if no interaction has the id
     * @throws NullPointerException if an argument is null
     */
    boolean redact(InteractionId id, Optional<String> summary);
}
