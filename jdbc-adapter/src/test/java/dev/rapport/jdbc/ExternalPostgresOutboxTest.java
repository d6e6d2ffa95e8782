package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The outbox on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresOutboxTest extends OutboxBehaviourTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.externalPostgresOrSkip();
    }
}
