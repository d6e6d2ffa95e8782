package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The outbox on PostgreSQL")
class PostgresOutboxTest extends OutboxBehaviourTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
