package dev.rapport.kpi;

import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Interaction;

/**
 * The walks {@link StreamingKpiQueries} reads the storage with, one page held at a time. Immutable and thread-safe.
 */
final class StreamingReads {

    private final RapportStorage storage;
    private final int pageSize;

    StreamingReads(RapportStorage storage, int pageSize) {
        this.storage = storage;
        this.pageSize = pageSize;
    }

    /** The storage read. */
    RapportStorage storage() {
        return storage;
    }

    /** Records per page. */
    int pageSize() {
        return pageSize;
    }

    /** The cases created in the range, by creation time, then id: a keyset walk. */
    Iterable<Case> casesCreated(TimeRange range) {
        return PageWalk.byTime(range, pageSize, storage.cases()::findCreatedBetween, Case::createdAt);
    }

    /** One customer's cases, by creation time, then id: a short walk by offset. */
    Iterable<Case> casesOf(CustomerId customer) {
        return PageWalk.byOffset(pageSize, p -> storage.cases().findByCustomer(customer, p));
    }

    /** The interactions that occurred in the range, by time, then id: a keyset walk. */
    Iterable<Interaction> interactionsIn(TimeRange range) {
        return PageWalk.byTime(range, pageSize, storage.interactions()::findOccurredBetween,
                Interaction::occurredAt);
    }

    /** One customer's interactions in the range, by time, then id: a short walk by offset. */
    Iterable<Interaction> interactionsOf(CustomerId customer, TimeRange range) {
        return PageWalk.byOffset(pageSize, p -> storage.interactions().findByCustomer(customer, range, p));
    }

    /**
     * The customers created in the range, by creation time, then id: a keyset walk, each page found through the
     * storage's index on creation time however far the walk has come.
     */
    Iterable<Customer> customersCreated(TimeRange range) {
        return PageWalk.byTime(range, pageSize, storage.customers()::findCreatedBetween, Customer::createdAt);
    }
}
