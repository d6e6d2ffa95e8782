package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.RapportStorageContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;

/** The whole storage contract against the PostgreSQL server named by RAPPORT_TEST_PG_URL, when it is set. */
@DisplayName("The storage contract on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresContractTest extends RapportStorageContract {

    private static ContractSupport support;

    @Override
    protected RapportStorage createStorage() {
        Assumptions.assumeTrue(TestDatabases.externalPostgres().isPresent(),
                TestDatabases.EXTERNAL_PG_URL + " is not set");
        if (support == null) {
            support = new ContractSupport(TestDatabases.externalPostgres().get());
        }
        return support.emptyStorage();
    }
}
