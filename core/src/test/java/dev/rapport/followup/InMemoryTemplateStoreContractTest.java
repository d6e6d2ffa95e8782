package dev.rapport.followup;

import dev.rapport.spi.template.TemplateStore;
import dev.rapport.tck.TemplateStoreContract;
import org.junit.jupiter.api.DisplayName;

/** The template store contract on the in-memory store that is Rapport's default. */
@DisplayName("Template store contract in memory")
class InMemoryTemplateStoreContractTest extends TemplateStoreContract {

    @Override
    protected TemplateStore emptyStore() {
        return new InMemoryTemplateStore();
    }
}
