package dev.rapport.spi.customer;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds customers. Implemented by storage adapters; proven by the spi-tck's {@code RapportStorageContract.CustomerContract}.
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
     * @throws DuplicateEntityException if a customer with the same id exists (key {@code "id"})
     * @throws ContactIdentityConflictException if another customer holds one of its identities, compared by
     *         channel and {@link ContactIdentity#normalized()}
     */
    Customer insert(Customer customer);

    /**
     * Replaces a stored customer, if its version is still the stored one, and returns it as stored, with the
     * version increased by one.
     *
     * @throws CustomerNotFoundException if no customer has its id
     * @throws StaleVersionException if the stored version differs from {@code customer.version()}
     * @throws ContactIdentityConflictException if another customer holds one of its identities
     */
    Customer update(Customer customer);

    /** The customer with the id, if stored. */
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
     * @throws CustomerNotFoundException if none is stored
     */
    default Customer get(CustomerId id) {
        return findById(id).orElseThrow(() -> new CustomerNotFoundException(id));
    }

    /**
     * The customer holding an identity on a channel, matched by {@link ContactIdentity#normalize(Channel, String)}:
     * emails and handles case-insensitively, phone numbers without formatting. Malformed input matches nothing.
     */
    Optional<Customer> findByIdentity(Channel channel, String value);

    /** All customers, ordered by creation time, then id. */
    Page<Customer> list(PageRequest page);

    /** How many customers are stored. */
    long count();

    /**
     * The customers carrying a tag, compared exactly, ordered by creation time, then id.
     *
     * @param tag the tag; not null
     * @param page which slice of the result
     * @return the page
     */
    Page<Customer> findByTag(String tag, PageRequest page);
}
