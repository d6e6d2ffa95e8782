package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.RapportStorageContract;
import org.junit.jupiter.api.DisplayName;

/** The whole storage contract against the JDBC adapter on in-memory H2. */
@DisplayName("The storage contract on in-memory H2")
class H2MemoryContractTest extends RapportStorageContract {

    private static final ContractSupport SUPPORT = new ContractSupport(TestDatabases.h2Memory());

    @Override
    protected RapportStorage createStorage() {
        return SUPPORT.emptyStorage();
    }
}
