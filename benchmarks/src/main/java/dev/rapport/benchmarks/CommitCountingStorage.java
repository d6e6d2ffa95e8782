package dev.rapport.benchmarks;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.DelegatingStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A storage that passes every call through to another and reports each follow-up updated to
 * {@link FollowUpStatus#SENT} once the transaction that stored it has committed, whatever the store: with the JDBC
 * adapter the dispatcher's events go to the transactional outbox, not to a publisher, so the benchmark cannot wait
 * for them. A transaction that throws reports nothing.
 *
 * <p>Thread-safe if the wrapped storage is: what a transaction stored is tracked per thread.
 */
final class CommitCountingStorage extends DelegatingStorage {

    private final Consumer<FollowUpId> onCommittedSent;
    private final ThreadLocal<List<FollowUpId>> pending = ThreadLocal.withInitial(ArrayList::new);
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final Transactions transactions = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            int[] level = depth.get();
            level[0]++;
            boolean committed = false;
            try {
                T result = delegate().transactions().inTransaction(work);
                committed = true;
                return result;
            } finally {
                level[0]--;
                if (level[0] == 0) {
                    List<FollowUpId> stored = pending.get();
                    if (committed) {
                        stored.forEach(onCommittedSent);
                    }
                    stored.clear();
                }
            }
        }
    };
    private final FollowUpRepository followUps;

    /**
     * @param delegate the storage to pass calls to
     * @param onCommittedSent told the id of each follow-up whose update to sent committed, on the committing thread
     */
    CommitCountingStorage(RapportStorage delegate, Consumer<FollowUpId> onCommittedSent) {
        super(delegate);
        this.onCommittedSent = onCommittedSent;
        FollowUpRepository inner = delegate.followUps();
        this.followUps = new FollowUpRepository() {
            @Override
            public FollowUp insert(FollowUp followUp) {
                return inner.insert(followUp);
            }

            @Override
            public FollowUp update(FollowUp followUp) {
                FollowUp stored = inner.update(followUp);
                if (stored.status() == FollowUpStatus.SENT) {
                    if (depth.get()[0] > 0) {
                        pending.get().add(stored.id());
                    } else {
                        onCommittedSent.accept(stored.id());
                    }
                }
                return stored;
            }

            @Override
            public List<Optional<FollowUp>> updateEach(List<FollowUp> batch) {
                List<Optional<FollowUp>> results = inner.updateEach(batch);
                for (Optional<FollowUp> result : results) {
                    result.filter(stored -> stored.status() == FollowUpStatus.SENT).ifPresent(stored -> {
                        if (depth.get()[0] > 0) {
                            pending.get().add(stored.id());
                        } else {
                            onCommittedSent.accept(stored.id());
                        }
                    });
                }
                return results;
            }

            @Override
            public Optional<FollowUp> findById(FollowUpId id) {
                return inner.findById(id);
            }

            @Override
            public Optional<FollowUp> findByIdempotencyKey(String idempotencyKey) {
                return inner.findByIdempotencyKey(idempotencyKey);
            }

            @Override
            public Page<FollowUp> findByCustomer(CustomerId customerId, PageRequest page) {
                return inner.findByCustomer(customerId, page);
            }

            @Override
            public Page<FollowUp> findByStatus(Set<FollowUpStatus> statuses, PageRequest page) {
                return inner.findByStatus(statuses, page);
            }

            @Override
            public List<FollowUp> claimDue(String owner, Duration lease, int limit) {
                return inner.claimDue(owner, lease, limit);
            }
        };
    }

    @Override
    public FollowUpRepository followUps() {
        return followUps;
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

}
