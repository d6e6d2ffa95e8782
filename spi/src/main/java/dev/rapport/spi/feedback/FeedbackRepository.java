package dev.rapport.spi.feedback;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpId;
import java.util.List;
import java.util.Optional;

/**
 * Holds feedback responses, append-only: a response is never changed once stored, with one exception, erasure of
 * the customer's personal data ({@link #redactForCustomer}, {@link #redact}), which replaces the comment and nothing
 * else, and the replacement of a survey answer ({@link #replaceSurveyAnswer}), which removes the responses of the
 * answer it replaces. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe.
 */
public interface FeedbackRepository {

    /**
     * Stores a new response and returns it as stored.
     *
     * @param feedback the response to store
     * @return the stored response, equal to the argument
     * @throws DuplicateEntityException if a response with the same id exists (key {@code "id"})
     */
    Feedback insert(Feedback feedback);

    /**
     * Stores new feedback responses, in order, as {@link #insert} would one after another, and returns them as
     * stored; for bulk writers such as imports. Call it inside a transaction to make the whole list all or nothing;
     * adapters may write the list with fewer round trips (JDBC batches). Default: {@link #insert} for each.
     *
     * @param responses the new responses, none null
     * @return the responses as stored, in the given order
     * @throws DuplicateEntityException if one of them, or two of them, have an id already stored
     */
    default List<Feedback> insertAll(List<Feedback> responses) {
        java.util.Objects.requireNonNull(responses, "responses");
        List<Feedback> stored = new java.util.ArrayList<>(responses.size());
        for (Feedback response : responses) {
            stored.add(insert(java.util.Objects.requireNonNull(response, "feedback")));
        }
        return stored;
    }

    /**
     * The response with the id, if stored.
     *
     * @param id the response's id
     * @return the stored response, or empty if none has the id
     */
    Optional<Feedback> findById(FeedbackId id);

    /**
     * The response with the id.
     *
     * @param id the response's id
     * @return the stored response; never null
     * @throws FeedbackNotFoundException if none is stored
     */
    default Feedback get(FeedbackId id) {
        return findById(id).orElseThrow(() -> new FeedbackNotFoundException(id));
    }

    /**
     * The responses about a case, ordered by receipt time, then id.
     *
     * @param caseId the case the responses are about
     * @return every response about the case in that order; empty for a case without responses or an unknown case
     */
    List<Feedback> findByCase(CaseId caseId);

    /**
     * A customer's responses, ordered by receipt time, then id.
     *
     * @param customerId the customer who responded
     * @param page which slice of the ordered result to return
     * @return the requested page; empty for a customer without responses
     */
    Page<Feedback> findByCustomer(CustomerId customerId, PageRequest page);

    /**
     * The responses received in the range, ordered by receipt time, then id.
     *
     * @param received the range of receipt times to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of responses received in the range, of every customer
     */
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
    /**
     * Stores one answer to a survey follow-up: all its responses at once, as the only answer to that follow-up. The
     * store itself keeps the rule "one answer per follow-up", so that two nodes recording an answer to the same
     * survey at the same moment cannot both succeed: one of them gets {@link DuplicateEntityException}, whether or
     * not the other has committed yet (it may wait for it).
     *
     * @param followUpId the survey follow-up answered
     * @param responses the answer's responses: at least one, each with {@link Feedback#followUpId()} equal to
     *        {@code followUpId}, no id twice
     * @return the responses as stored, in the given order
     * @throws DuplicateEntityException if an answer to the follow-up is stored (key {@code "followUpId"}), or a
     *         response with one of the ids is (key {@code "id"}); nothing is stored
     * @throws IllegalArgumentException if {@code responses} is empty or a response names another follow-up
     * @throws NullPointerException if an argument is null
     */
    List<Feedback> insertSurveyAnswer(FollowUpId followUpId, List<Feedback> responses);

    /**
     * Stores an answer to a survey follow-up in place of the one stored: the responses of the previous answer (those
     * whose {@link Feedback#followUpId()} is {@code followUpId}) are removed and the given ones stored, in one step;
     * with no previous answer this is {@link #insertSurveyAnswer}. Two replacements of the same answer at the same
     * moment leave exactly one of them, never a mix.
     *
     * @param followUpId the survey follow-up answered
     * @param responses the new answer's responses, as for {@link #insertSurveyAnswer}
     * @return the responses as stored, in the given order
     * @throws DuplicateEntityException if a response of another answer has one of the ids (key {@code "id"}), or a
     *         first answer to the follow-up was stored meanwhile by another writer (key {@code "followUpId"});
     *         nothing is changed
     * @throws IllegalArgumentException if {@code responses} is empty or a response names another follow-up
     * @throws NullPointerException if an argument is null
     */
    List<Feedback> replaceSurveyAnswer(FollowUpId followUpId, List<Feedback> responses);

    /**
     * The responses of the stored answer to a survey follow-up, ordered by receipt time, then id; empty if it has not
     * been answered.
     *
     * @param followUpId the survey follow-up
     * @return its answer's responses
     * @throws NullPointerException if the argument is null
     */
    List<Feedback> findBySurvey(FollowUpId followUpId);
}
