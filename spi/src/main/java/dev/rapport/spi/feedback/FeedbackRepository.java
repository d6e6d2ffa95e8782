package dev.rapport.spi.feedback;

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
 * Holds feedback responses, append-only. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe.
 */
public interface FeedbackRepository {

    /**
     * Stores a new response and returns it as stored.
     *
     * @throws DuplicateEntityException if a response with the same id exists (key {@code "id"})
     */
    Feedback insert(Feedback feedback);

    /** The response with the id, if stored. */
    Optional<Feedback> findById(FeedbackId id);

    /**
     * The response with the id.
     *
     * @throws FeedbackNotFoundException if none is stored
     */
    default Feedback get(FeedbackId id) {
        return findById(id).orElseThrow(() -> new FeedbackNotFoundException(id));
    }

    /** The responses about a case, ordered by receipt time, then id. */
    List<Feedback> findByCase(CaseId caseId);

    /** A customer's responses, ordered by receipt time, then id. */
    Page<Feedback> findByCustomer(CustomerId customerId, PageRequest page);

    /** The responses received in the range, ordered by receipt time, then id. */
    Page<Feedback> findReceivedBetween(TimeRange received, PageRequest page);
}
