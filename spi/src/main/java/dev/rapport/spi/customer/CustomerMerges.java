package dev.rapport.spi.customer;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.StorageException;
import java.util.List;
import java.util.Optional;

/**
 * Holds the records of customers merged into others, and moves a customer's records to another customer. Used by
 * the customer merge, always inside one transaction of {@link dev.rapport.spi.Transactions}. Implemented by storage
 * adapters; proven by the spi-tck's {@code CustomerMergeContract}.
 *
 * <p>Contract, for every method: a failing call changes nothing; a failure of the store itself is a
 * {@link StorageException}; calls made inside a transaction take part in it. Implementations are thread-safe.
 */
public interface CustomerMerges {

    /**
     * Gives every interaction, case, feedback response, follow-up and complaint (compliments included) of one
     * customer to another. Versioned records (cases, follow-ups, complaints) get their version increased by one, so
     * a writer holding an older copy fails with a stale version; nothing else about the records changes (their
     * idempotency keys, times and history stay). Customers themselves are not touched. Ids that hold nothing are
     * not an error.
     *
     * @param from the customer whose records move
     * @param into the customer who receives them
     * @return how many records moved, per kind
     * @throws IllegalArgumentException if {@code from} equals {@code into}
     */
    ReassignedRecords reassign(CustomerId from, CustomerId into);

    /**
     * Removes the merged customer (with its identities) and stores the merge record, which keeps the merged id
     * resolvable to the surviving customer.
     *
     * @param merge the merge that happened
     * @return the record as stored
     * @throws CustomerNotFoundException if the merged customer is not stored
     * @throws DuplicateEntityException if a merge record for the merged id exists (key {@code "merged"})
     */
    CustomerMerge retire(CustomerMerge merge);

    /**
     * The merge record of a customer merged away, if it was.
     *
     * @param merged the id of a customer that may have been merged into another
     * @return the merge record naming the surviving customer, or empty if the id was never merged
     */
    Optional<CustomerMerge> findByMerged(CustomerId merged);

    /**
     * The merge records of the customers merged into one, oldest first, then by merged id.
     *
     * @param into the surviving customer
     * @return the merge records of every customer merged into it; empty if none was
     */
    List<CustomerMerge> findInto(CustomerId into);
}
