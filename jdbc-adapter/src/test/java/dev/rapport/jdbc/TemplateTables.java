package dev.rapport.jdbc;

import dev.rapport.spi.template.TemplateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Hands the template store contract an empty store per test: one migrated table prefix per class, emptied. */
final class TemplateTables {

    private final DataSource dataSource;
    private JdbcStorage storage;

    TemplateTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    TemplateStore emptyStore() {
        if (storage == null) {
            storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(TestDatabases.freshPrefix()).build();
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + storage.tablePrefix() + "template");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the template table", e);
        }
        return storage.templates();
    }
}
