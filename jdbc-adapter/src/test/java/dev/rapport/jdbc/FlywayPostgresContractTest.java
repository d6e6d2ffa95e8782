package dev.rapport.jdbc;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.RapportStorageContract;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole storage contract on embedded PostgreSQL, on tables that Flyway created from Rapport's scripts and a
 * storage built with {@code migrate(false)}.
 */
@DisplayName("The storage contract on embedded PostgreSQL, on tables Flyway created")
class FlywayPostgresContractTest extends RapportStorageContract {

    private static final MigrationTools SUPPORT = MigrationTools.onPostgres(
            MigrationTools.Tool.FLYWAY, Optional.of("flyway_" + TestDatabases.freshPrefix().replaceAll("_$", "")));

    @Override
    protected RapportStorage createStorage() {
        return SUPPORT.emptyStorage();
    }
}
