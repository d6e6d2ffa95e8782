package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.customer.Customer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rapport's scripts applied through Flyway and through Liquibase give the same tables, columns and indexes as the
 * built-in migrator, on H2 and on PostgreSQL, and a storage built with {@code migrate(false)} works on them. On
 * H2 this is all the migration tools get (in-memory H2 runs the same SQL as under the built-in migrator, whose
 * storage runs the whole contract in H2MemoryContractTest); on PostgreSQL the whole contract also runs on each
 * tool's tables (FlywayPostgresContractTest, LiquibasePostgresContractTest).
 */
@DisplayName("Rapport's scripts under Flyway and Liquibase")
class MigrationToolsSchemaTest {

    /** The migrators' own tables: the built-in one's, Flyway's history and Liquibase's change log, as named here. */
    private static final Set<String> BOOKKEEPING =
            Set.of("schema_version", "schema_lock", "flyway_history", "changelog", "changelog_lock");

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"h2", "postgresql"})
    @DisplayName("the Liquibase changelog names every script the built-in migrator applies, in its order")
    void changelogNamesEveryScript(String dialect) throws Exception {
        // given
        java.util.List<String> scripts;
        try (var in = getClass().getResourceAsStream("/db/rapport/" + dialect + "/migrations.txt")) {
            scripts = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        }

        // when
        String changelog;
        try (var in = getClass().getResourceAsStream("/db/changelog/rapport-" + dialect + ".xml")) {
            changelog = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.List<String> named = java.util.regex.Pattern.compile("sqlFile path=\"db/rapport/" + dialect
                + "/([^\"]+)\"").matcher(changelog).results().map(m -> m.group(1)).toList();

        // then
        org.assertj.core.api.Assertions.assertThat(named).as("scripts in the changelog").isEqualTo(scripts);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"h2", "postgresql"})
    @DisplayName("the Liquibase changelog runs exactly the scripts marked to run outside a transaction outside one")
    void changelogRunsMarkedScriptsOutsideATransaction(String dialect) throws Exception {
        // given the scripts marked with the no-transaction line
        java.util.List<String> marked = new java.util.ArrayList<>();
        for (SchemaMigrator.Script script : SchemaMigrator.scripts(
                dialect.equals("h2") ? Dialect.H2 : Dialect.POSTGRESQL)) {
            if (script.outsideTransaction()) {
                marked.add(script.fileName());
            }
        }

        // when the changelog's changeSets that run outside a transaction are read
        String changelog;
        try (var in = getClass().getResourceAsStream("/db/changelog/rapport-" + dialect + ".xml")) {
            changelog = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.List<String> outside = java.util.regex.Pattern.compile("runInTransaction=\"false\">\\s*<sqlFile"
                + " path=\"db/rapport/" + dialect + "/([^\"]+)\"").matcher(changelog).results().map(m -> m.group(1))
                .toList();

        // then they are the same (a regenerated changelog must keep runInTransaction="false" on them)
        org.assertj.core.api.Assertions.assertThat(outside).as("changeSets with runInTransaction=\"false\"")
                .isEqualTo(marked);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MigrationTools.Tool.class)
    @DisplayName("on H2 create the built-in migrator's schema, on which the storage reads what it wrote")
    void onH2(MigrationTools.Tool tool) throws SQLException {
        DataSource h2 = TestDatabases.h2Memory();
        matchesTheBuiltInSchema(h2, MigrationTools.onH2(h2, tool));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MigrationTools.Tool.class)
    @DisplayName("on PostgreSQL create the built-in migrator's schema, on which the storage reads what it wrote")
    void onPostgres(MigrationTools.Tool tool) throws SQLException {
        matchesTheBuiltInSchema(TestDatabases.postgres(), MigrationTools.onPostgres(tool, Optional.empty()));
    }

    private static void matchesTheBuiltInSchema(DataSource database, MigrationTools tool) throws SQLException {
        // given a prefix migrated by Rapport itself, and one by the tool
        JdbcStorage builtIn = JdbcStorage.builder().dataSource(database).tablePrefix(TestDatabases.freshPrefix())
                .build();

        // when
        JdbcStorage migrated = tool.migratedStorage();
        Customer ann = migrated.transactions().inTransaction(
                () -> migrated.customers().insert(Samples.customer("Ann Lee")));

        // then the tables hold the same columns and indexes, bar the built-in migrator's own bookkeeping
        assertThat(shape(database, migrated.tablePrefix())).isNotEmpty()
                .isEqualTo(shape(database, builtIn.tablePrefix()));
        assertThat(migrated.customers().findById(ann.id())).contains(ann);
    }

    /** Every column (with its type and nullability) and index of the prefix's tables, the prefix cut off. */
    private static Set<String> shape(DataSource database, String prefix) throws SQLException {
        Set<String> shape = new TreeSet<>();
        try (Connection c = database.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = meta.getTables(null, null, null, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    String name = table.toLowerCase(Locale.ROOT);
                    if (name.startsWith(prefix) && !BOOKKEEPING.contains(name.substring(prefix.length()))) {
                        tables.add(table);
                    }
                }
            }
            for (String table : tables) {
                String cut = table.toLowerCase(Locale.ROOT).substring(prefix.length());
                try (ResultSet rs = meta.getColumns(null, null, table, null)) {
                    while (rs.next()) {
                        shape.add(cut + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                                + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ") nullable="
                                + rs.getString("IS_NULLABLE"));
                    }
                }
                try (ResultSet rs = meta.getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        if (index != null) {
                            shape.add(cut + " index " + index.toLowerCase(Locale.ROOT).replace(prefix, "<prefix>")
                                    // H2 numbers the indexes it names itself (primary_key_1f, ..._fk_index_2)
                                    .replaceAll("(primary_key|_index)_[0-9a-z]+$", "$1")
                                    + " unique=" + !rs.getBoolean("NON_UNIQUE") + " on "
                                    + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return shape;
    }
}
