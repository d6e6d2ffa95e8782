package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Several nodes taking complaint references on PostgreSQL")
class PostgresMultiNodeReferenceTest extends MultiNodeReferenceTest {

    @Override
    DataSource nodeDataSource() {
        return TestDatabases.postgresNode();
    }
}
