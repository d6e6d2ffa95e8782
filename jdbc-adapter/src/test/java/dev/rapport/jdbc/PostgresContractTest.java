package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.RapportStorageContract;
import org.junit.jupiter.api.DisplayName;

/** The whole storage contract against the JDBC adapter on embedded PostgreSQL. */
@DisplayName("The storage contract on embedded PostgreSQL")
class PostgresContractTest extends RapportStorageContract {

    private static final ContractSupport SUPPORT = new ContractSupport(TestDatabases.postgres());

    @Override
    protected RapportStorage createStorage() {
        return SUPPORT.emptyStorage();
    }
}
