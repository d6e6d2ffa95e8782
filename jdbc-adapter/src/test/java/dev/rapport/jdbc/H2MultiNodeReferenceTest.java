package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Several nodes taking complaint references on one H2 database")
class H2MultiNodeReferenceTest extends MultiNodeReferenceTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    /** H2's data source opens a new connection on every call, so one serves every node. */
    @Override
    DataSource nodeDataSource() {
        return DATABASE;
    }
}
