package dev.rapport.jdbc;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Core's command properties on H2 in memory ({@code rapport.store=h2}): one private database per JVM, emptied
 * before each try with {@code TRUNCATE TABLE} per table while referential integrity is off for the statement.
 */
public final class H2CommandPropertyStore extends CommandPropertyStore {

    /** The name {@code rapport.store} chooses this store by. */
    public static final String NAME = "h2";

    /** Found by {@link java.util.ServiceLoader}; the database opens on first use. */
    public H2CommandPropertyStore() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    DataSource open() {
        return TestDatabases.h2Memory();
    }

    @Override
    List<String> emptyingStatements(List<String> tables) {
        List<String> statements = new ArrayList<>();
        statements.add("SET REFERENTIAL_INTEGRITY FALSE");
        tables.forEach(table -> statements.add("TRUNCATE TABLE " + table + " RESTART IDENTITY"));
        statements.add("SET REFERENTIAL_INTEGRITY TRUE");
        return statements;
    }
}
