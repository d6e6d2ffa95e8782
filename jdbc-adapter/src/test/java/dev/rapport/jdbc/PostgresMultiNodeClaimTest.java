package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Several nodes claiming on PostgreSQL")
class PostgresMultiNodeClaimTest extends MultiNodeClaimTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }

    @Override
    int items() {
        return 10_000;
    }
}
