package dev.rapport.jdbc;

import dev.rapport.spi.template.TemplateStore;
import dev.rapport.tck.TemplateStoreContract;
import org.junit.jupiter.api.DisplayName;

/** The template store contract on in-memory H2. */
@DisplayName("Template store contract on in-memory H2")
class H2TemplateStoreContractTest extends TemplateStoreContract {

    private static final TemplateTables TABLES = new TemplateTables(TestDatabases.h2Memory());

    @Override
    protected TemplateStore emptyStore() {
        return TABLES.emptyStore();
    }
}
