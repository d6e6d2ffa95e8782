package dev.rapport.spi.template;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where message templates are kept: one text per key and locale. The store only keeps and looks up; it does no
 * fallback. Rapport's {@code Templates} service resolves a customer's locale ({@code de-CH}) to the first text
 * stored for it, then for its language ({@code de}), then for {@link Locale#ROOT}, the default.
 *
 * <p>Rapport ships an in-memory store (the default of {@code Rapport.builder().templates(...)}) and a JDBC store
 * ({@code JdbcStorage.templates()}); a host plugs its own (a CMS, files) by implementing this port and running the
 * spi-tck's {@code TemplateStoreContract} against it.
 *
 * <p>Contract: locales compare by their BCP 47 tag ({@link Locale#toLanguageTag()}), so {@code Locale.GERMAN} and
 * {@code Locale.forLanguageTag("de")} are one locale; keys compare exactly. A stored template reads back equal.
 * Implementations are thread-safe. Every method throws {@link NullPointerException} for a null argument and
 * {@link dev.rapport.spi.StorageException} when the underlying store fails.
 */
public interface TemplateStore {

    /**
     * Stores a template, replacing the text stored for the same key and locale.
     *
     * @param template the template, already valid (its constructor checks it)
     * @return the template as stored
     */
    Template put(Template template);

    /**
     * The template stored for exactly this key and locale; no fallback to the language or the default.
     *
     * @param key the template's key
     * @param locale the exact locale; {@link Locale#ROOT} for the default
     * @return the template, or empty if none is stored for both
     */
    Optional<Template> find(String key, Locale locale);

    /**
     * Every template stored for a key, one per locale, ordered by locale tag.
     *
     * @param key the template's key
     * @return the templates; empty if none is stored
     */
    List<Template> findByKey(String key);

    /**
     * Removes the template stored for a key and locale.
     *
     * @param key the template's key
     * @param locale the exact locale
     * @return whether one was stored and is now removed
     */
    boolean remove(String key, Locale locale);
}
