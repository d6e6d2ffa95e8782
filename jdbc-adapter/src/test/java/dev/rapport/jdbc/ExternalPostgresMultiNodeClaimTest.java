package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Several nodes claiming on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresMultiNodeClaimTest extends MultiNodeClaimTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.externalPostgresOrSkip();
    }

    @Override
    int items() {
        return 10_000;
    }
}
