package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Lookups by text the store cannot hold on the embedded PostgreSQL")
class PostgresHostileLookupTest extends HostileLookupTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
