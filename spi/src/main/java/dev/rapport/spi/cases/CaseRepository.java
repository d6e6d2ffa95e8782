package dev.rapport.spi.cases;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.FieldValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Holds cases. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored, history included; a failing call changes nothing; a failure
 * of the store itself is a {@link StorageException}; calls inside a transaction take part in it; implementations
 * are thread-safe.
 */
public interface CaseRepository {

    /**
     * Stores a new case and returns it as stored, with version 1.
     *
     * @param supportCase the case to store, with version 0
     * @return the stored case, equal to the argument but with version 1
     * @throws DuplicateEntityException if a case with the same id exists (key {@code "id"})
     */
    Case insert(Case supportCase);

    /**
     * Stores new cases, in order, as {@link #insert} would one after another, and returns them as stored; for bulk
     * writers such as imports. Call it inside a transaction to make the whole list all or nothing; adapters may
     * write the list with fewer round trips (JDBC batches). Default: {@link #insert} for each.
     *
     * @param cases the new cases, none null
     * @return the cases as stored (version 1), in the given order
     * @throws DuplicateEntityException if one of them, or two of them, have an id already stored (key {@code "id"})
     */
    default java.util.List<Case> insertAll(java.util.List<Case> cases) {
        Objects.requireNonNull(cases, "cases");
        java.util.List<Case> stored = new java.util.ArrayList<>(cases.size());
        for (Case supportCase : cases) {
            stored.add(insert(Objects.requireNonNull(supportCase, "supportCase")));
        }
        return stored;
    }

    /**
     * Replaces a stored case if its version is still the stored one; returns it with the version increased by one.
     *
     * @param supportCase the changed case, carrying the version it was read with
     * @return the stored case, with its version one more than the argument's
     * @throws CaseNotFoundException if no case has its id
     * @throws StaleVersionException if the stored version differs from {@code supportCase.version()}
     */
    Case update(Case supportCase);

    /**
     * The case with the id, if stored.
     *
     * @param id the case's id
     * @return the stored case, or empty if none has the id
     */
    Optional<Case> findById(CaseId id);

    /**
     * The stored cases among the ids, keyed by id; ids with no case are left out, repeated ids count once. For
     * callers that need many cases at once, such as a dispatcher working through a batch: adapters should answer
     * in a fixed number of round trips, whatever the number of ids. The default asks {@link #findById} once per
     * id.
     *
     * @param ids the ids; not null, no null element; may be empty
     * @return the cases found, as stored, in no particular order
     */
    default Map<CaseId, Case> findAllById(Collection<CaseId> ids) {
        Objects.requireNonNull(ids, "ids");
        Map<CaseId, Case> found = new LinkedHashMap<>();
        for (CaseId id : ids) {
            Objects.requireNonNull(id, "id");
            if (!found.containsKey(id)) {
                findById(id).ifPresent(supportCase -> found.put(id, supportCase));
            }
        }
        return found;
    }

    /**
     * The case with the id.
     *
     * @param id the case's id
     * @return the stored case; never null
     * @throws CaseNotFoundException if none is stored
     */
    default Case get(CaseId id) {
        return findById(id).orElseThrow(() -> new CaseNotFoundException(id));
    }

    /**
     * A customer's cases, ordered by creation time, then id.
     *
     * @param customerId the customer the cases belong to
     * @param page which slice of the ordered result to return
     * @return the requested page; empty for a customer without cases
     */
    Page<Case> findByCustomer(CustomerId customerId, PageRequest page);

    /**
     * The cases in any of the given states, ordered by creation time, then id.
     *
     * @param statuses the statuses to match
     * @param page which slice of the ordered result to return
     * @return the requested page of cases whose status is in {@code statuses}
     */
    Page<Case> findByStatus(Set<CaseStatus> statuses, PageRequest page);

    /**
     * The cases created in the range, ordered by creation time, then id.
     *
     * @param created the range of creation times to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of cases created in the range
     */
    Page<Case> findCreatedBetween(TimeRange created, PageRequest page);

    /**
     * The cases carrying a tag, compared exactly, ordered by creation time, then id.
     *
     * @param tag the tag; not null
     * @param page which slice of the result
     * @return the page
     */
    Page<Case> findByTag(String tag, PageRequest page);

    /**
     * The cases whose custom field holds a value, ordered by creation time, then id. Values compare as
     * {@code FieldValue.equals}: same kind and same canonical text form ({@code 1.50} finds {@code 1.5}).
     *
     * @param field the field's name; not null
     * @param value the value; not null
     * @param page which slice of the result
     * @return the page
     */
    Page<Case> findByField(String field, FieldValue value, PageRequest page);

    /**
     * Up to {@code limit} cases in one of the statuses whose id comes after the given one, in id order: for walking
     * every case in some statuses by key ({@link dev.rapport.spi.PageWalk#byKey}), so that each page is found
     * through the primary key however far the walk has come (an offset page reads every earlier row again). A case
     * whose status changes while a walk runs is seen if it is in one of the statuses when its id's page is read. The
     * default filters {@link #findByStatus} and reads every such case per call; adapters override it with an indexed
     * query.
     *
     * @param statuses the statuses; none gives none
     * @param after only cases whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the cases, in id order, at most {@code limit}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    default java.util.List<Case> listByStatusAfter(Set<CaseStatus> statuses, java.util.Optional<CaseId> after,
            int limit) {
        java.util.Objects.requireNonNull(statuses, "statuses");
        java.util.Objects.requireNonNull(after, "after");
        return dev.rapport.spi.PageWalk.afterId(page -> findByStatus(statuses, page), c -> c.id().value(),
                after.map(CaseId::value), limit);
    }
}
