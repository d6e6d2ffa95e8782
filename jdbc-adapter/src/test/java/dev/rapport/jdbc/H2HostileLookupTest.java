package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Lookups by text the store cannot hold on in-memory H2")
class H2HostileLookupTest extends HostileLookupTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    @Override
    DataSource dataSource() {
        return DATABASE;
    }
}
