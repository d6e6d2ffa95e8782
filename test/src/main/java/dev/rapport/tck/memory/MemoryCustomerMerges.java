package dev.rapport.tck.memory;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.customer.ReassignedRecords;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Merge records in memory, and the move of a customer's records between the in-memory repositories. */
final class MemoryCustomerMerges implements CustomerMerges {

    private static final Comparator<CustomerMerge> ORDER = Comparator.comparing(CustomerMerge::mergedAt)
            .thenComparing(m -> m.merged().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final MemoryCustomers customers;
    private final MemoryInteractions interactions;
    private final MemoryCases cases;
    private final MemoryFeedback feedback;
    private final MemoryFollowUps followUps;
    private final MemoryComplaints complaints;
    private final Map<CustomerId, CustomerMerge> byMerged = new HashMap<>();

    MemoryCustomerMerges(MemoryState state, MemoryCustomers customers, MemoryInteractions interactions,
            MemoryCases cases, MemoryFeedback feedback, MemoryFollowUps followUps, MemoryComplaints complaints) {
        this.state = state;
        this.customers = customers;
        this.interactions = interactions;
        this.cases = cases;
        this.feedback = feedback;
        this.followUps = followUps;
        this.complaints = complaints;
    }

    @Override
    public ReassignedRecords reassign(CustomerId from, CustomerId into) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
        if (from.equals(into)) {
            throw new IllegalArgumentException("a customer's records cannot be reassigned to the same customer");
        }
        return state.inTransaction(() -> new ReassignedRecords(interactions.reassignCustomer(from, into),
                cases.reassignCustomer(from, into), feedback.reassignCustomer(from, into),
                followUps.reassignCustomer(from, into), complaints.reassignCustomer(from, into)));
    }

    @Override
    public CustomerMerge retire(CustomerMerge merge) {
        Objects.requireNonNull(merge, "merge");
        return state.inTransaction(() -> {
            if (byMerged.containsKey(merge.merged())) {
                throw new DuplicateEntityException("customer merge", "merged",
                        "customer " + merge.merged() + " was already merged");
            }
            customers.remove(merge.merged());
            state.put(byMerged, merge.merged(), merge);
            return merge;
        });
    }

    @Override
    public Optional<CustomerMerge> findByMerged(CustomerId merged) {
        return state.locked(() -> Optional.ofNullable(byMerged.get(merged)));
    }

    @Override
    public List<CustomerMerge> findInto(CustomerId into) {
        return state.locked(() -> byMerged.values().stream().filter(m -> m.into().equals(into)).sorted(ORDER).toList());
    }
}
