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
 * Holds interactions, append-only. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe.
 */
public interface InteractionRepository {

    /**
     * Stores a new interaction and returns it as stored.
     *
     * @throws DuplicateEntityException if an interaction with the same id exists (key {@code "id"})
     * @throws DuplicateExternalIdException if an interaction with the same external id exists
     */
    Interaction insert(Interaction interaction);

    /** The interaction with the id, if stored. */
    Optional<Interaction> findById(InteractionId id);

    /**
     * The interaction with the id.
     *
     * @throws InteractionNotFoundException if none is stored
     */
    default Interaction get(InteractionId id) {
        return findById(id).orElseThrow(() -> new InteractionNotFoundException(id));
    }

    /** The interaction stored under an external id, if any. The comparison is exact. */
    Optional<Interaction> findByExternalId(String externalId);

    /** Every interaction of a case, ordered by occurrence time, then id. */
    List<Interaction> findByCase(CaseId caseId);

    /** A customer's interactions that occurred in the range, ordered by occurrence time, then id. */
    Page<Interaction> findByCustomer(CustomerId customerId, TimeRange occurred, PageRequest page);

    /** All interactions that occurred in the range, ordered by occurrence time, then id. */
    Page<Interaction> findOccurredBetween(TimeRange occurred, PageRequest page);
}
