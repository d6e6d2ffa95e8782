package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Bulk ingest on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresBulkIngestTest extends BulkIngestTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.externalPostgresOrSkip();
    }
}
