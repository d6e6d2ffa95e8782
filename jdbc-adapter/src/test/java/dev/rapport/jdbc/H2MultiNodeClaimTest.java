package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Several claimers on one H2 database (optimistic claims)")
class H2MultiNodeClaimTest extends MultiNodeClaimTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    @Override
    DataSource dataSource() {
        return DATABASE;
    }

    @Override
    int items() {
        return 2_000;
    }
}
