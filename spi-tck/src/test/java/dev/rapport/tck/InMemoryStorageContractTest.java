package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.memory.InMemoryStorage;
import org.junit.jupiter.api.DisplayName;

/** Runs the whole storage contract against the in-memory reference adapter on the system clock. */
@DisplayName("The in-memory adapter")
class InMemoryStorageContractTest extends RapportStorageContract {

    @Override
    protected RapportStorage createStorage() {
        return new InMemoryStorage();
    }

    /** 10,000 generated instants per entity: the reference adapter is fast enough. */
    @Override
    protected int valueDomainTries() {
        return 60_000;
    }
}
