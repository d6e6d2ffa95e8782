package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Bulk ingest on PostgreSQL (reWriteBatchedInserts=true)")
class PostgresBulkIngestTest extends BulkIngestTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
