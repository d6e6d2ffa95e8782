package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The JDBC adapter on PostgreSQL")
class PostgresStorageTest extends StorageBehaviourTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
