package dev.rapport.spi.followup;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.CustomerId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds follow-ups and hands due ones to dispatchers under leases. Implemented by storage adapters; proven by
 * the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe.
 * Due times and leases are compared with the store's own clock (the database's, for a database), never a
 * caller's, so that nodes with skewed clocks agree.
 */
public interface FollowUpRepository {

    /**
     * Stores a new follow-up and returns it as stored, with version 1.
     *
     * @param followUp the follow-up to store, with version 0
     * @return the stored follow-up, equal to the argument but with version 1
     * @throws DuplicateEntityException if a follow-up with the same id exists (key {@code "id"})
     * @throws DuplicateIdempotencyKeyException if a follow-up with the same idempotency key exists
     */
    FollowUp insert(FollowUp followUp);

    /**
     * Replaces a stored follow-up if its version is still the stored one; returns it with the version increased
     * by one. A dispatcher whose lease lapsed and was claimed by another gets {@link StaleVersionException} here,
     * which is how a late completion is refused.
     *
     * @param followUp the changed follow-up, carrying the version it was read with
     * @return the stored follow-up, with its version one more than the argument's
     * @throws FollowUpNotFoundException if no follow-up has its id
     * @throws StaleVersionException if the stored version differs from {@code followUp.version()}
     */
    FollowUp update(FollowUp followUp);

    /**
     * Replaces several stored follow-ups, each only if its version is still the stored one, in one call: for a
     * dispatcher marking the outcome of a whole batch. Each element is handled as {@link #update} would handle it,
     * except that a stale version or a follow-up no longer stored is not an exception: that element is left
     * unwritten and its result is empty, and the others are still written. Adapters should answer in a fixed
     * number of round trips, whatever the number of follow-ups. If the call fails (a {@link StorageException}, a
     * constraint violated), none of the follow-ups is written, inside a transaction or not.
     *
     * @param followUps the follow-ups to store, each with the version it was read with; not null, no null element,
     *        no id twice
     * @return one result per given follow-up, in the same order: the follow-up as stored (version increased by one),
     *         or empty when its stored version differed or it was gone
     * @throws ValidationException if an id appears twice (field {@code followUps}, rule {@code Unique})
     */
    List<Optional<FollowUp>> updateEach(List<FollowUp> followUps);

    /**
     * The follow-up with the id, if stored.
     *
     * @param id the follow-up's id
     * @return the stored follow-up, or empty if none has the id
     */
    Optional<FollowUp> findById(FollowUpId id);

    /**
     * The follow-up with the id.
     *
     * @param id the follow-up's id
     * @return the stored follow-up; never null
     * @throws FollowUpNotFoundException if none is stored
     */
    default FollowUp get(FollowUpId id) {
        return findById(id).orElseThrow(() -> new FollowUpNotFoundException(id));
    }

    /**
     * The follow-up stored under an idempotency key, if any.
     *
     * @param idempotencyKey the key the follow-up was scheduled under, unique per rule and subject
     * @return the follow-up stored under the key, whatever its status, or empty if none is
     */
    Optional<FollowUp> findByIdempotencyKey(String idempotencyKey);

    /**
     * A customer's follow-ups, ordered by due time, then id.
     *
     * @param customerId the customer the follow-ups are for
     * @param page which slice of the ordered result to return
     * @return the requested page; empty for a customer without follow-ups
     */
    Page<FollowUp> findByCustomer(CustomerId customerId, PageRequest page);

    /**
     * The follow-ups in any of the given states, ordered by due time, then id.
     *
     * @param statuses the statuses to match
     * @param page which slice of the ordered result to return
     * @return the requested page of follow-ups whose status is in {@code statuses}
     */
    Page<FollowUp> findByStatus(Set<FollowUpStatus> statuses, PageRequest page);

    /**
     * Up to {@code limit} follow-ups in one of the statuses whose id comes after the given one, in id order (the
     * UUID's two halves, unsigned, the order of their text form): for walking every follow-up in some statuses by key
     * ({@link dev.rapport.spi.PageWalk#byKey}), so that each page is found through an index on the status and the
     * primary key however far the walk has come (an offset page reads every earlier row again). A follow-up whose
     * status changes while a walk runs is seen if it is in one of the statuses when its id's page is read, and one
     * stored meanwhile if its id comes after the walk's position. The default filters {@link #findByStatus} and reads
     * every such follow-up per call; adapters override it with an indexed query.
     *
     * @param statuses the statuses; none gives none
     * @param after only follow-ups whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the follow-ups, in id order, at most {@code limit}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    default List<FollowUp> listByStatusAfter(Set<FollowUpStatus> statuses, Optional<FollowUpId> after, int limit) {
        java.util.Objects.requireNonNull(statuses, "statuses");
        java.util.Objects.requireNonNull(after, "after");
        return dev.rapport.spi.PageWalk.afterId(page -> findByStatus(statuses, page), f -> f.id().value(),
                after.map(FollowUpId::value), limit);
    }

    /**
     * Up to {@code limit} follow-ups of one kind in one status whose due time lies in a range, ordered by due time,
     * then id (the UUID's two halves, unsigned), each page after the given follow-up in that order: for walking the
     * follow-ups of a period by key ({@link dev.rapport.spi.PageWalk#byKey}), as the streaming KPIs' survey count
     * walks the surveys sent in its period. Adapters answer each page through an index on (status, due time, id), so
     * a page costs what the follow-ups of the range cost, not what every follow-up in the status costs; one that
     * reads the whole status per page makes a week's report cost what all history costs. Only the given
     * follow-up's due time and id place the walk: it need not be stored, nor in the status, kind or range. A
     * follow-up whose status changes while a walk runs is seen if it is in the status when its page is read, and one
     * stored meanwhile if it comes after the walk's position. The default filters {@link #findByStatus} and reads
     * every follow-up in the status up to the end of the range on each call; adapters override it with an indexed
     * query.
     *
     * @param status the status the follow-ups are in
     * @param kind the kind of follow-up
     * @param due the range their due time lies in, {@code [from, to)}
     * @param after only follow-ups after this one in (due time, id) order; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the follow-ups, in (due time, id) order, at most {@code limit}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    default List<FollowUp> listDueBetween(FollowUpStatus status, FollowUpKind kind, dev.rapport.spi.TimeRange due,
            Optional<FollowUp> after, int limit) {
        java.util.Objects.requireNonNull(status, "status");
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(due, "due");
        java.util.Objects.requireNonNull(after, "after");
        dev.rapport.spi.PageWalk.requireKeyLimit(limit);
        java.util.Comparator<FollowUp> order = java.util.Comparator.comparing(FollowUp::dueAt)
                .thenComparing(f -> f.id().value().getMostSignificantBits(), Long::compareUnsigned)
                .thenComparing(f -> f.id().value().getLeastSignificantBits(), Long::compareUnsigned);
        List<FollowUp> page = new java.util.ArrayList<>();
        for (FollowUp f : dev.rapport.spi.PageWalk.byOffset(PageRequest.MAX_LIMIT,
                p -> findByStatus(Set.of(status), p))) {
            if (!f.dueAt().isBefore(due.to()) || page.size() == limit) {
                break;
            }
            if (due.contains(f.dueAt()) && kind.equals(f.kind()) && f.status() == status
                    && (after.isEmpty() || order.compare(f, after.get()) > 0)) {
                page.add(f);
            }
        }
        return List.copyOf(page);
    }

    /**
     * Claims up to {@code limit} due follow-ups for one dispatcher, atomically. Due means: {@code SCHEDULED} with
     * {@code dueAt} at or before the store's now, or {@code CLAIMED} with a lease that ended before the store's now
     * (its dispatcher died). Oldest due first, then by id. Each claimed follow-up is returned as stored: status
     * {@code CLAIMED}, {@code leaseOwner} the given owner, {@code leaseUntil} the store's now plus {@code lease},
     * version increased by one. While a lease runs, no other call returns the same follow-up.
     *
     * @param owner who claims, unique per dispatcher; not blank
     * @param lease how long the claim holds; positive
     * @param limit how many at most; positive
     * @return the claimed follow-ups, possibly none
     */
    List<FollowUp> claimDue(String owner, Duration lease, int limit);
}
