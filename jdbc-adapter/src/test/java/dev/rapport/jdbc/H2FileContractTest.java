package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.RapportStorageContract;
import org.junit.jupiter.api.DisplayName;

/** The whole storage contract against the JDBC adapter on H2 in a file. */
@DisplayName("The storage contract on H2 in a file")
class H2FileContractTest extends RapportStorageContract {

    private static final ContractSupport SUPPORT = new ContractSupport(TestDatabases.h2File());

    @Override
    protected RapportStorage createStorage() {
        return SUPPORT.emptyStorage();
    }
}
