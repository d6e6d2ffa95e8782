package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Instant;

/**
 * The kit run against an adapter whose timestamps are narrower than the value domain and that clamps instead of
 * refusing: a customer's instants are moved into 1900..2100 before they are stored, so instants at the domain's ends
 * read back changed and instants beyond them are stored, clamped, instead of being refused by field. It must fail;
 * run only through {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class InstantClampingAdapterContract extends RapportStorageContract {

    private static final Instant LOWEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant HIGHEST = Instant.parse("2100-01-01T00:00:00Z");

    private static Instant clamp(Instant at) {
        return at.isBefore(LOWEST) ? LOWEST : at.isAfter(HIGHEST) ? HIGHEST : at;
    }

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        return new ForwardingStorage(store,
                new ForwardingStorage.Customers(store.customers()) {
                    @Override
                    public Customer insert(Customer customer) {
                        // the broken part: a narrower timestamp type, clamped silently
                        return delegate.insert(customer.toBuilder().createdAt(clamp(customer.createdAt()))
                                .updatedAt(clamp(customer.updatedAt())).build());
                    }
                },
                new ForwardingStorage.Cases(store.cases()),
                new ForwardingStorage.FollowUps(store.followUps()),
                new ForwardingStorage.Agents(store.agents()),
                store.transactions());
    }
}
