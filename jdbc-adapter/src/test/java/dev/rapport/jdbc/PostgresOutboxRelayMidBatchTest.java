package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The outbox relay with PostgreSQL failing in the middle of a batch")
class PostgresOutboxRelayMidBatchTest extends OutboxRelayMidBatchTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
