package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Migrations and prefixes on the PostgreSQL server of RAPPORT_TEST_PG_URL")
class ExternalPostgresSchemaTest extends SchemaTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.externalPostgresOrSkip();
    }
}
