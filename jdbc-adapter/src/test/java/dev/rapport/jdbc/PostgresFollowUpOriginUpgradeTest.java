package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The follow-up origin upgrade on PostgreSQL")
class PostgresFollowUpOriginUpgradeTest extends FollowUpOriginUpgradeTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
