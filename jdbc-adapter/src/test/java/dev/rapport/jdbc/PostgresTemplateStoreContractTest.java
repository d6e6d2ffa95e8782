package dev.rapport.jdbc;

import dev.rapport.spi.template.TemplateStore;
import dev.rapport.tck.TemplateStoreContract;
import org.junit.jupiter.api.DisplayName;

/** The template store contract on embedded PostgreSQL. */
@DisplayName("Template store contract on embedded PostgreSQL")
class PostgresTemplateStoreContractTest extends TemplateStoreContract {

    private static final TemplateTables TABLES = new TemplateTables(TestDatabases.postgres());

    @Override
    protected TemplateStore emptyStore() {
        return TABLES.emptyStore();
    }
}
