package dev.rapport.benchmarks;

import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.SendWindow;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rapport's {@link FollowUpDispatcher} as a {@link DispatchEngine}: background threads that claim batches of due
 * follow-ups (each of one of the customer's cases), read each customer and case, send through a no-op idempotent messenger (any key seen before counts as a
 * duplicate and is answered as a repeat) and mark the follow-up sent, with the send window always open. An item is
 * done when the transaction that marked it sent has committed ({@link CommitCountingStorage} reports that; with the
 * JDBC adapter that transaction also appends the {@code FollowUpSent} event to the transactional outbox).
 *
 * <p>Not thread-safe beyond what {@link DispatchEngine} needs: one benchmark thread drives it.
 */
final class RapportDispatch implements DispatchEngine {

    /** How often an idle dispatcher thread looks again; the same for db-scheduler. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How many customers the follow-ups are spread over. */
    static final int CUSTOMERS = 1_000;

    private final Supplier<RapportStorage> storageForInvocation;
    private final int threads;
    private final Set<String> sentKeys = ConcurrentHashMap.newKeySet();
    private final Set<FollowUpId> sentIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private RapportStorage storage;
    private List<CustomerId> customers;
    private List<dev.rapport.spi.cases.CaseId> cases;
    private FollowUpDispatcher dispatcher;
    private CountDownLatch done;
    private int items;
    private int invocation;

    /**
     * @param storageForInvocation the store for the next invocation, emptied of follow-ups and holding the
     *        customers of {@link #customers(RapportStorage)}
     * @param threads the dispatcher's background threads
     */
    RapportDispatch(Supplier<RapportStorage> storageForInvocation, int threads) {
        this.storageForInvocation = storageForInvocation;
        this.threads = threads;
    }

    /**
     * Stores the customers every follow-up goes to (active, opted in to email, with an email address) and one open
     * case of each, which the follow-ups belong to.
     *
     * @param storage where
     */
    static void storeCustomers(RapportStorage storage) {
        Instant now = Instant.now();
        List<Customer> all = BenchmarkData.customers(CUSTOMERS, now);
        storage.transactions().runInTransaction(() -> all.forEach(storage.customers()::insert));
        storage.transactions().runInTransaction(() -> BenchmarkData.cases(all.stream().map(Customer::id).toList(),
                now).forEach(storage.cases()::insert));
    }

    @Override
    public void prepare(int count) {
        RapportStorage store = storageForInvocation.get();
        storage = new CommitCountingStorage(store, this::committedSent);
        if (customers == null) {
            customers = BenchmarkData.customers(CUSTOMERS, Instant.now()).stream().map(Customer::id).toList();
            cases = BenchmarkData.cases(customers, Instant.now()).stream().map(c -> c.id()).toList();
        }
        items = count;
        sentKeys.clear();
        sentIds.clear();
        duplicates.set(0);
        done = new CountDownLatch(count);
        Instant now = Instant.now();
        for (int from = 0; from < count; from += 1_000) {
            int start = from;
            storage.transactions().runInTransaction(() -> {
                for (int i = start; i < Math.min(count, start + 1_000); i++) {
                    storage.followUps().insert(BenchmarkData.dueFollowUp(customers.get(i % customers.size()),
                            cases.get(i % cases.size()), i, now));
                }
            });
        }
        CustomerMessenger messenger = this::send;
        dispatcher = FollowUpDispatcher.builder(storage, messenger)
                .sendWindow(SendWindow.anyTime())
                .threads(threads)
                .pollInterval(POLL_INTERVAL)
                .owner("bench-" + threads + "-" + invocation++)
                .build();
    }

    private DeliveryReceipt send(OutboundMessage message) {
        boolean first = sentKeys.add(message.idempotencyKey());
        if (!first) {
            duplicates.incrementAndGet();
        }
        return new DeliveryReceipt(Optional.empty(), Instant.now(), !first);
    }

    private void committedSent(FollowUpId id) {
        if (sentIds.add(id)) {
            done.countDown();
        } else {
            duplicates.incrementAndGet();
        }
    }

    @Override
    public void runUntilDone(Duration timeout) throws InterruptedException {
        dispatcher.start();
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("Rapport sent " + (items - done.getCount()) + " of " + items
                    + " follow-ups within " + timeout);
        }
    }

    @Override
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public void finishAndCheck() {
        dispatcher.close();
        boolean leftDue = !storage.followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED, FollowUpStatus.CLAIMED),
                PageRequest.first(1)).items().isEmpty();
        if (duplicates.get() > 0 || sentIds.size() != items || sentKeys.size() != items || leftDue) {
            throw new IllegalStateException("DUPLICATES OR LOST ITEMS in Rapport's dispatch: " + duplicates.get()
                    + " duplicates, " + sentIds.size() + " of " + items + " marked sent, " + sentKeys.size()
                    + " distinct messages, follow-ups left due: " + leftDue);
        }
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }
}
