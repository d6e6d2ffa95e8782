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
 * Holds feedback responses, append-only: a response is never changed once stored, with one exception, erasure of
 * the customer's personal data ({@link #redactForCustomer}, {@link #redact}), which replaces the comment and nothing
 * else. Implemented by storage adapters; proven by the spi-tck.
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

    /**
     * Erases the free text of every response of a customer: each one that has a {@link Feedback#comment() comment}
     * gets the placeholder as its comment instead. This is the only field that changes. Everything else stays exactly
     * as stored: the id, customer, metric, scale, score, receipt time, case, interaction, order reference, agent and
     * channel, so CSAT, NPS and CES stay the same. Responses without a comment keep none, and those whose comment
     * already is the placeholder are left alone, so a second call changes nothing. Responses of other customers are
     * untouched.
     *
     * @param customerId the customer whose responses are redacted; a customer without responses is no error
     * @param placeholder the text that replaces each comment, for example {@code "[erased]"}; plain text within
     *        {@link dev.rapport.spi.validation.Limits#TEXT}
     * @return how many responses changed
     * @throws NullPointerException if an argument is null
     */
    int redactForCustomer(CustomerId customerId, String placeholder);

    /**
     * Replaces the comment of one response, for erasure of a record that must be kept with its text minimised (under
     * legal hold). As with {@link #redactForCustomer}, the comment is the only field that changes.
     *
     * @param id the response
     * @param comment the new comment; empty removes it
     * @return whether the stored comment changed (false if it already was the given one)
     * @throws FeedbackNotFoundException if no response has the id
     * @throws NullPointerException if an argument is null
     */
    boolean redact(FeedbackId id, Optional<String> comment);
}
