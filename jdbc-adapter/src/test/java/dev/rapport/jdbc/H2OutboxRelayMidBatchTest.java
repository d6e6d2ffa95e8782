package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The outbox relay with H2 failing in the middle of a batch")
class H2OutboxRelayMidBatchTest extends OutboxRelayMidBatchTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    @Override
    DataSource dataSource() {
        return DATABASE;
    }
}
