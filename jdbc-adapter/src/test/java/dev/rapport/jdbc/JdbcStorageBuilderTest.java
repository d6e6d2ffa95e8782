package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Building a JDBC store")
class JdbcStorageBuilderTest {

    private static final DataSource H2 = TestDatabases.h2Memory();

    private static void failsOn(JdbcStorage.Builder builder, String field) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly(field));
    }

    @Test
    @DisplayName("fails fast naming the option at fault")
    void failsFast() {
        failsOn(JdbcStorage.builder(), "dataSource");
        failsOn(JdbcStorage.builder().dataSource(H2).connectionProvider(ConnectionProvider.of(H2)), "connectionProvider");
        failsOn(JdbcStorage.builder().dataSource(H2).tablePrefix("Bad-Prefix"), "tablePrefix");
        failsOn(JdbcStorage.builder().dataSource(H2).tablePrefix("x; DROP TABLE y"), "tablePrefix");
        failsOn(JdbcStorage.builder().dataSource(H2).schema("public\"; --"), "schema");
        failsOn(JdbcStorage.builder().dataSource(H2).ingestBatchSize(0), "ingestBatchSize");
    }

    @Test
    @DisplayName("detects the dialect from the database and uses the documented defaults")
    void detects() {
        JdbcStorage h2 = JdbcStorage.builder().dataSource(H2).build();
        JdbcStorage pg = JdbcStorage.builder().dataSource(TestDatabases.postgres()).tablePrefix(TestDatabases.freshPrefix()).build();

        assertThat(h2.dialect()).isSameAs(Dialect.H2);
        assertThat(pg.dialect()).isSameAs(Dialect.POSTGRESQL);
        assertThat(h2.tablePrefix()).isEqualTo(JdbcStorage.DEFAULT_TABLE_PREFIX);
        assertThat(h2.schema()).isEmpty();
        assertThat(h2.outbox()).isPresent();
    }

    @Test
    @DisplayName("without migration, a store on an empty database fails with a storage exception on first use")
    void noMigration() {
        JdbcStorage storage = JdbcStorage.builder().dataSource(TestDatabases.h2Memory()).migrate(false).build();

        assertThatThrownBy(() -> storage.customers().count()).isInstanceOf(StorageException.class);
        assertThat(storage.migrator().migrate()).containsExactlyElementsOf(
                SchemaMigrator.scripts(Dialect.H2).stream().map(SchemaMigrator.Script::version).toList());
        assertThat(storage.migrator().currentVersion()).isEqualTo(storage.migrator().latestVersion());
        assertThat(storage.customers().count()).isZero();
    }

    @Test
    @DisplayName("an unreachable database is a storage exception")
    void unreachable() {
        ConnectionProvider broken = () -> {
            throw new SQLException("connection refused", "08001");
        };

        assertThatThrownBy(() -> JdbcStorage.builder().connectionProvider(broken).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("08001");
    }
}
