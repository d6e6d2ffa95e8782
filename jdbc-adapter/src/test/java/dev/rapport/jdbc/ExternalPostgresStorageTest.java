package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The JDBC adapter on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresStorageTest extends StorageBehaviourTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.externalPostgresOrSkip();
    }
}
