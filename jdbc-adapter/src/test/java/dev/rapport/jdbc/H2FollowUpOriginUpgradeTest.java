package dev.rapport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The follow-up origin upgrade on H2")
class H2FollowUpOriginUpgradeTest extends FollowUpOriginUpgradeTest {

    private static final DataSource DATABASE = TestDatabases.h2Memory();

    @Override
    DataSource dataSource() {
        return DATABASE;
    }
}
