package dev.rapport.jdbc;

import dev.rapport.spi.template.Template;
import dev.rapport.spi.template.TemplateStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Message templates over JDBC, in the table {@code <prefix>template} (migration 7), one row per key and locale tag.
 * Takes part in the storage's transactions. Thread-safe.
 */
final class JdbcTemplates implements TemplateStore {

    private final Db db;
    private final String table;
    private final String upsert;

    JdbcTemplates(Db db, Names names) {
        this.db = db;
        this.table = names.of("template");
        this.upsert = "h2".equals(db.dialect.name())
                ? "MERGE INTO " + table + " (template_key, locale_tag, body, updated_at) KEY (template_key, locale_tag)"
                        + " VALUES (?, ?, ?, ?)"
                : "INSERT INTO " + table + " (template_key, locale_tag, body, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (template_key, locale_tag) DO UPDATE SET body = EXCLUDED.body,"
                        + " updated_at = EXCLUDED.updated_at";
    }

    @Override
    public Template put(Template template) {
        Objects.requireNonNull(template, "template");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, upsert)) {
                st.text(template.key()).text(template.localeTag()).text(template.text()).instant(template.updatedAt())
                        .update();
            }
            return template;
        }, null);
    }

    @Override
    public Optional<Template> find(String key, Locale locale) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT template_key, locale_tag, body, updated_at FROM " + table
                    + " WHERE template_key = ? AND locale_tag = ?")) {
                return st.text(key).text(locale.toLanguageTag()).first(JdbcTemplates::row);
            }
        });
    }

    @Override
    public List<Template> findByKey(String key) {
        Objects.requireNonNull(key, "key");
        List<Template> found = new ArrayList<>(db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT template_key, locale_tag, body, updated_at FROM " + table
                    + " WHERE template_key = ?")) {
                return st.text(key).list(JdbcTemplates::row);
            }
        }));
        // ordered in Java: the database's collation may not order tags by their characters
        found.sort(Comparator.comparing(Template::localeTag));
        return found;
    }

    @Override
    public boolean remove(String key, Locale locale) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "DELETE FROM " + table + " WHERE template_key = ? AND locale_tag = ?")) {
                return st.text(key).text(locale.toLanguageTag()).update() > 0;
            }
        }, null);
    }

    private static Template row(Stmt.Row row) throws SQLException {
        return new Template(row.text("template_key"), Locale.forLanguageTag(row.text("locale_tag")), row.text("body"),
                row.instant("updated_at"));
    }
}
