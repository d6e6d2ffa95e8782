package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The outbox on in-memory H2")
class H2OutboxTest extends OutboxBehaviourTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    @Override
    DataSource dataSource() {
        return DATABASE;
    }
}
