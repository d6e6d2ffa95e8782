package dev.rapport.jdbc;

import dev.rapport.kpi.StreamingKpiQueries;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.tck.KpiParityContract;
import org.junit.jupiter.api.DisplayName;

/** The SQL KPI answers on in-memory H2 against the streaming reference. */
@DisplayName("KPI pushdown parity on in-memory H2")
class H2KpiParityTest extends KpiParityContract {

    private static final ContractSupport SUPPORT = new ContractSupport(TestDatabases.h2Memory());

    @Override
    protected RapportStorage emptyStorage() {
        return SUPPORT.emptyStorage();
    }

    @Override
    protected KpiQueries referenceQueries(RapportStorage reference) {
        return new StreamingKpiQueries(reference);
    }
}
