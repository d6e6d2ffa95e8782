package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Migrations and prefixes on PostgreSQL")
class PostgresSchemaTest extends SchemaTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }
}
