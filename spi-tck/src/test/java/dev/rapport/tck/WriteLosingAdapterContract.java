package dev.rapport.tck;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The kit run against an adapter that loses writes under concurrency: updates and claims check the version, or what
 * is due, in one step and write in another, with a pause in between and no lock, so two threads can both pass the
 * check and the second write silently replaces the first. Used by one thread, it behaves. It must fail; run only
 * through {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class WriteLosingAdapterContract extends RapportStorageContract {

    /** The pause between check and write, wide enough that threads released together overlap in it. */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        return new ForwardingStorage(store,
                new ForwardingStorage.Customers(store.customers()) {
                    @Override
                    public Customer update(Customer customer) {
                        Customer current = delegate.get(customer.id());
                        if (current.version() != customer.version()) {
                            throw new StaleVersionException("customer", customer.id(), customer.version());
                        }
                        pause();
                        // the broken part: writes over whatever is stored now
                        return delegate.update(customer.withVersion(delegate.get(customer.id()).version()));
                    }
                },
                new ForwardingStorage.Cases(store.cases()),
                new ForwardingStorage.FollowUps(store.followUps()) {
                    @Override
                    public List<FollowUp> claimDue(String owner, Duration lease, int limit) {
                        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        List<FollowUp> due = delegate.findByStatus(
                                        EnumSet.of(FollowUpStatus.SCHEDULED, FollowUpStatus.CLAIMED),
                                        PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
                                .filter(f -> f.status() == FollowUpStatus.SCHEDULED ? !f.dueAt().isAfter(now)
                                        : f.leaseUntil().map(until -> until.isBefore(now)).orElse(true))
                                .sorted(Comparator.comparing(FollowUp::dueAt))
                                .limit(limit)
                                .toList();
                        pause();
                        List<FollowUp> claimed = new ArrayList<>();
                        for (FollowUp f : due) {
                            long stored = delegate.get(f.id()).version();
                            claimed.add(delegate.update(f.toBuilder().status(FollowUpStatus.CLAIMED).leaseOwner(owner)
                                    .leaseUntil(now.plus(lease)).updatedAt(now).version(stored).build()));
                        }
                        return claimed;
                    }
                },
                new ForwardingStorage.Agents(store.agents()),
                store.transactions());
    }
}
