package dev.rapport.spi.customer;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds customers. Implemented by storage adapters; proven by the spi-tck's {@code CustomerContract}.
 *
 * <p>Contract, for every method: values come back exactly as stored (every field, Unicode and emoji included);
 * a failing call changes nothing; a failure of the store itself is a {@link StorageException}. Calls made inside
 * {@link dev.rapport.spi.Transactions#inTransaction} take part in that transaction. Implementations are
 * thread-safe.
 */
public interface CustomerRepository {

    /**
     * Stores a new customer and returns it as stored, with version 1 whatever version it came with.
     *
     * @param customer the customer to store
     * @return the stored customer, equal to the argument but with version 1
     * @throws DuplicateEntityException if a customer with the same id exists (key {@code "id"})
     * @throws ContactIdentityConflictException if another customer holds one of its identities, compared by
     *         channel and {@link ContactIdentity#normalized()}
     */
    Customer insert(Customer customer);

    /**
     * Stores new customers, in order, as {@link #insert} would one after another, and returns them as stored; for
     * bulk writers such as imports. Call it inside a transaction to make the whole list all or nothing; adapters
     * may write the list with fewer round trips (JDBC batches). Default: {@link #insert} for each.
     *
     * @param customers the new customers, none null
     * @return the customers as stored (version 1), in the given order
     * @throws DuplicateEntityException if one of them, or two of them, have an id already stored (key {@code "id"})
     * @throws ContactIdentityConflictException if another customer, or another one of the list, holds one of their
     *         identities
     */
    default List<Customer> insertAll(List<Customer> customers) {
        Objects.requireNonNull(customers, "customers");
        List<Customer> stored = new java.util.ArrayList<>(customers.size());
        for (Customer customer : customers) {
            stored.add(insert(Objects.requireNonNull(customer, "customer")));
        }
        return stored;
    }

    /**
     * Replaces a stored customer, if its version is still the stored one, and returns it as stored, with the
     * version increased by one.
     *
     * @param customer the changed customer, carrying the version it was read with
     * @return the stored customer, with its version one more than the argument's
     * @throws CustomerNotFoundException if no customer has its id
     * @throws StaleVersionException if the stored version differs from {@code customer.version()}
     * @throws ContactIdentityConflictException if another customer holds one of its identities
     */
    Customer update(Customer customer);

    /**
     * The customer with the id, if stored.
     *
     * @param id the customer's id
     * @return the stored customer, or empty if none has the id
     */
    Optional<Customer> findById(CustomerId id);

    /**
     * The stored customers among the ids, keyed by id; ids with no customer are left out, repeated ids count once.
     * For callers that need many customers at once, such as a dispatcher working through a batch: adapters
     * should answer in a fixed number of round trips, whatever the number of ids. The default asks
     * {@link #findById} once per id.
     *
     * @param ids the ids; not null, no null element; may be empty
     * @return the customers found, as stored, in no particular order
     */
    default Map<CustomerId, Customer> findAllById(Collection<CustomerId> ids) {
        Objects.requireNonNull(ids, "ids");
        Map<CustomerId, Customer> found = new LinkedHashMap<>();
        for (CustomerId id : ids) {
            Objects.requireNonNull(id, "id");
            if (!found.containsKey(id)) {
                findById(id).ifPresent(customer -> found.put(id, customer));
            }
        }
        return found;
    }

    /**
     * The customer with the id.
     *
     * @param id the customer's id
     * @return the stored customer; never null
     * @throws CustomerNotFoundException if none is stored
     */
    default Customer get(CustomerId id) {
        return findById(id).orElseThrow(() -> new CustomerNotFoundException(id));
    }

    /**
     * The customer holding an identity on a channel, matched by {@link ContactIdentity#normalize(Channel, String)}:
     * emails and handles case-insensitively, phone numbers without formatting. Malformed input matches nothing.
     *
     * @param channel the channel the address belongs to
     * @param value the address in any form the customer might type it
     * @return the customer holding the identity, or empty if none holds it
     */
    Optional<Customer> findByIdentity(Channel channel, String value);

    /**
     * The customers holding the given identities on one channel, matched as {@link #findByIdentity} does, in one
     * look-up where the adapter can (one query per few hundred values in the JDBC adapter); for bulk writers such as
     * imports. Default: {@link #findByIdentity} for each value.
     *
     * @param channel the channel of every value
     * @param values the addresses as given (null values are ignored; malformed ones match nothing)
     * @return each value that matches a customer, as given, with that customer; values matching nothing are absent
     * @throws NullPointerException if {@code channel} or {@code values} is null
     */
    default Map<String, Customer> findAllByIdentity(Channel channel, Collection<String> values) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(values, "values");
        Map<String, Customer> found = new LinkedHashMap<>();
        for (String value : values) {
            if (value != null && !found.containsKey(value)) {
                findByIdentity(channel, value).ifPresent(customer -> found.put(value, customer));
            }
        }
        return found;
    }

    /**
     * All customers, ordered by creation time, then id.
     *
     * @param page which slice of the ordered result to return
     * @return the requested page of customers
     */
    Page<Customer> list(PageRequest page);

    /**
     * How many customers are stored.
     *
     * @return the number of stored customers, prospects and churned customers included; customers merged away are not
     *        stored
     */
    long count();

    /**
     * The customers carrying a tag, compared exactly, ordered by creation time, then id.
     *
     * @param tag the tag; not null
     * @param page which slice of the result
     * @return the page
     */
    Page<Customer> findByTag(String tag, PageRequest page);

    /**
     * Customers ordered by id (as unsigned 128-bit numbers, the order of their text form), after a given id: for
     * walking every customer by key, so that each page is found through the primary key however far the walk has
     * come (an offset page reads every earlier row again). Customers stored while a walk runs are seen if their id
     * comes after the walk's position. The default filters {@link #list(PageRequest)} and reads every customer per
     * call; adapters override it with an indexed query.
     *
     * @param after only customers whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the customers, at most {@code limit}
     * @throws NullPointerException if {@code after} is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    default List<Customer> listAfter(Optional<CustomerId> after, int limit) {
        Objects.requireNonNull(after, "after");
        return dev.rapport.spi.PageWalk.afterId(this::list, c -> c.id().value(), after.map(CustomerId::value), limit);
    }

    /**
     * The customers created in the range, ordered by creation time, then id: for walking customers by key with
     * {@link dev.rapport.spi.PageWalk#byTime}, so that each page is found through an index on the creation time
     * however far the walk has come, and a walk over the customers created before a moment reads no later ones.
     * The default filters {@link #list(PageRequest)}, reading from the first customer on every call; adapters
     * override it with an indexed query.
     *
     * @param created the range of creation times to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of customers created in the range
     * @throws NullPointerException if {@code created} or {@code page} is null
     */
    default Page<Customer> findCreatedBetween(TimeRange created, PageRequest page) {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(page, "page");
        List<Customer> matching = new ArrayList<>();
        long wanted = (long) page.offset() + page.limit() + 1;
        PageRequest listed = PageRequest.first(PageRequest.MAX_LIMIT);
        while (matching.size() < wanted) {
            Page<Customer> found = list(listed);
            for (Customer customer : found.items()) {
                if (!customer.createdAt().isBefore(created.to())) {
                    return Page.slice(matching, page);
                }
                if (created.contains(customer.createdAt())) {
                    matching.add(customer);
                }
            }
            if (!found.hasNext()) {
                break;
            }
            listed = listed.next();
        }
        return Page.slice(matching, page);
    }
}
