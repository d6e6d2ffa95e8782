package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Applies Rapport's migration scripts the way a host that owns its migrations does, through Flyway or through
 * Liquibase, configured as jdbc-adapter/README.md says, and hands out a {@link JdbcStorage} built with
 * {@code migrate(false)} on the result. One instance is one migrated table prefix (and schema), emptied between
 * tests like {@link ContractSupport} does.
 */
final class MigrationTools {

    /** The migration tool that creates the tables. */
    enum Tool { FLYWAY, LIQUIBASE }

    private static final List<String> TABLES = List.of("customer_identity", "customer", "interaction", "support_case",
            "feedback", "follow_up", "agent", "outbox", "outbox_sequence", "complaint_root_cause", "complaint_audit",
            "complaint", "complaint_improvement", "complaint_ref_counter", "routing_work", "routing_holding", "survey_answer");

    private final boolean postgres;
    private final DataSource dataSource;
    private final Tool tool;
    private final Optional<String> schema;
    private JdbcStorage storage;

    private MigrationTools(boolean postgres, DataSource dataSource, Tool tool, Optional<String> schema) {
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.tool = tool;
        this.schema = schema;
    }

    /**
     * Tables on the shared embedded PostgreSQL.
     *
     * @param schema the schema to keep them in (Flyway's {@code schemas} setting); empty for the default schema
     */
    static MigrationTools onPostgres(Tool tool, Optional<String> schema) {
        return new MigrationTools(true, TestDatabases.postgres(), tool, schema);
    }

    /** Tables in the given H2 database's default schema. */
    static MigrationTools onH2(DataSource h2, Tool tool) {
        return new MigrationTools(false, h2, tool, Optional.empty());
    }

    /** The storage on the tables the tool created, emptied of every row. */
    synchronized JdbcStorage emptyStorage() {
        if (storage == null) {
            storage = migratedStorage();
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                st.executeUpdate("DELETE FROM " + schema.map(s -> s + ".").orElse("") + storage.tablePrefix() + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the tables", e);
        }
        return storage;
    }

    /** Runs the tool on a fresh prefix and builds a storage on its tables, without Rapport's own migrator. */
    JdbcStorage migratedStorage() {
        String prefix = TestDatabases.freshPrefix();
        String dialect = postgres ? "postgresql" : "h2";
        // the tools get connections of their own, not the pool the storage uses: they close some connections more
        // than once, which the tests' minimal pool does not guard against
        if (postgres) {
            try (TestDatabases.Pool own = TestDatabases.postgresNode()) {
                migrate(own, dialect, prefix);
            }
        } else {
            migrate(dataSource, dialect, prefix);
        }
        JdbcStorage.Builder builder = JdbcStorage.builder().dataSource(dataSource).tablePrefix(prefix).migrate(false);
        schema.ifPresent(builder::schema);
        return builder.build();
    }

    private void migrate(DataSource connections, String dialect, String prefix) {
        switch (tool) {
            case FLYWAY -> flyway(connections, dialect, prefix);
            case LIQUIBASE -> liquibase(connections, dialect, prefix);
            default -> throw new IllegalStateException(tool.name());
        }
    }

    /**
     * flyway.locations=classpath:db/rapport/&lt;dialect&gt;, flyway.placeholders.prefix=&lt;prefix&gt;, flyway.schemas,
     * flyway.postgresql.transactional.lock=false.
     */
    private void flyway(DataSource connections, String dialect, String prefix) {
        var configuration = Flyway.configure()
                .dataSource(connections)
                .locations("classpath:db/rapport/" + dialect)
                .placeholders(Map.of("prefix", prefix))
                // one history table per prefix, since several prefixes share a database in the tests
                .table(prefix + "flyway_history")
                // Rapport's versions are its own, not the host's: with a history table of their own, they start
                // from an empty history even where the schema already holds the host's tables (or other prefixes')
                .baselineOnMigrate(true)
                .baselineVersion("0");
        schema.ifPresent(s -> configuration.schemas(s));
        // Flyway's default lock on PostgreSQL is held in a transaction of its own, which a script building an index
        // concurrently (V15 on) would wait for for ever, as a concurrent build waits for every older transaction
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        configuration.load().migrate();
    }

    /** The scripts as sqlFile changes (src/test/resources/db/changelog), with the changelog property prefix. */
    @SuppressWarnings("deprecation") // Liquibase's own facade: the shortest way a host runs a changelog in code
    private void liquibase(DataSource connections, String dialect, String prefix) {
        try (Connection c = connections.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            // one change log per prefix, since several prefixes share a database in the tests
            database.setDatabaseChangeLogTableName(prefix + "changelog");
            database.setDatabaseChangeLogLockTableName(prefix + "changelog_lock");
            Liquibase liquibase = new Liquibase("db/changelog/rapport-" + dialect + ".xml",
                    new ClassLoaderResourceAccessor(), database);
            liquibase.setChangeLogParameter("prefix", prefix);
            // its progress and summary to the log, not to standard output; no usage reports sent out
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                    "liquibase.command.showSummaryOutput", "LOG", "liquibase.analytics.enabled", false),
                    () -> liquibase.update(new Contexts(), new LabelExpression()));
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase did not apply Rapport's scripts", e);
        }
    }
}
