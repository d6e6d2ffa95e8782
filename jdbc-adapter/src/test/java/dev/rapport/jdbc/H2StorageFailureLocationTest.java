package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Storage failures name their entity and field on in-memory H2")
class H2StorageFailureLocationTest extends StorageFailureLocationTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    @Override
    DataSource dataSource() {
        return DATABASE;
    }

    @Override
    String shortenColumn(String table, String column, int length) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DATA TYPE VARCHAR(" + length + ")";
    }
}
