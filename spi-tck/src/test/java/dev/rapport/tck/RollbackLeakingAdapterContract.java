package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.tck.memory.InMemoryStorage;
import java.util.function.Supplier;

/**
 * The kit run against an adapter whose transactions do not roll back: the work runs, each repository call commits
 * on its own, and the writes made before an exception stay behind. It must fail; run only through
 * {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class RollbackLeakingAdapterContract extends RapportStorageContract {

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        Transactions autoCommit = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get(); // the broken part: no transaction at all
            }
        };
        return new ForwardingStorage(store, new ForwardingStorage.Customers(store.customers()),
                new ForwardingStorage.Cases(store.cases()), new ForwardingStorage.FollowUps(store.followUps()),
                new ForwardingStorage.Agents(store.agents()), autoCommit);
    }
}
