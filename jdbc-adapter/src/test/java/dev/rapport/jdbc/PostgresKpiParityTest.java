package dev.rapport.jdbc;

import dev.rapport.kpi.StreamingKpiQueries;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.tck.KpiParityContract;
import org.junit.jupiter.api.DisplayName;

/** The SQL KPI answers on embedded PostgreSQL against the streaming reference. */
@DisplayName("KPI pushdown parity on embedded PostgreSQL")
class PostgresKpiParityTest extends KpiParityContract {

    private static final ContractSupport SUPPORT = new ContractSupport(TestDatabases.postgres());

    @Override
    protected RapportStorage emptyStorage() {
        return SUPPORT.emptyStorage();
    }

    @Override
    protected KpiQueries referenceQueries(RapportStorage reference) {
        return new StreamingKpiQueries(reference);
    }
}
