package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Several nodes taking complaint references on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresMultiNodeReferenceTest extends MultiNodeReferenceTest {

    @Override
    DataSource nodeDataSource() {
        return TestDatabases.externalPostgresNodeOrSkip();
    }
}
