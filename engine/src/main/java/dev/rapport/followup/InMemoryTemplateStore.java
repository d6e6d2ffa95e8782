package dev.rapport.followup;

import dev.rapport.spi.template.Template;
import dev.rapport.spi.template.TemplateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TemplateStore} in memory: the default of {@code Rapport.builder().templates(...)}, and the store for tests.
 * Templates live as long as the instance; nothing survives a restart, so a host that keeps its texts in a database
 * uses {@code JdbcStorage.templates()} or its own store. Thread-safe.
 */
public final class InMemoryTemplateStore implements TemplateStore {

    private record Id(String key, String tag) {
    }

    private final ConcurrentHashMap<Id, Template> templates = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryTemplateStore() {
    }

    @Override
    public Template put(Template template) {
        Objects.requireNonNull(template, "template");
        templates.put(new Id(template.key(), template.localeTag()), template);
        return template;
    }

    @Override
    public Optional<Template> find(String key, Locale locale) {
        return Optional.ofNullable(templates.get(id(key, locale)));
    }

    @Override
    public List<Template> findByKey(String key) {
        Objects.requireNonNull(key, "key");
        List<Template> found = new ArrayList<>();
        templates.forEach((id, template) -> {
            if (id.key().equals(key)) {
                found.add(template);
            }
        });
        found.sort(Comparator.comparing(Template::localeTag));
        return found;
    }

    @Override
    public boolean remove(String key, Locale locale) {
        return templates.remove(id(key, locale)) != null;
    }

    private static Id id(String key, Locale locale) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(locale, "locale");
        return new Id(key, locale.toLanguageTag());
    }
}
