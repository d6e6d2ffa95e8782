package dev.rapport.followup;

import dev.rapport.internal.Arguments;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.template.Template;
import dev.rapport.spi.template.TemplateStore;
import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Message templates by key and locale, with locale fallback: stores checked templates in a {@link TemplateStore} and
 * renders them with {@link MessageTemplate}'s placeholder syntax ({@code "Hello {customerName}"}).
 *
 * <p><b>Fallback.</b> A customer's locale resolves to the first template stored for the locale itself
 * ({@code de-CH}), then for its language ({@code de}), then for the default ({@link Locale#ROOT}); a locale with a
 * script or variant first drops those ({@code sr-Latn-RS} tries {@code sr-Latn-RS}, {@code sr-RS}, {@code sr-Latn},
 * {@code sr}, then the default). See {@link #fallbacks(Locale)}.
 *
 * <p><b>Rendering.</b> A placeholder without a value is refused with a {@link MissingTemplateValueException} naming
 * it, never left blank. The rendered text goes through {@link HostText#clean(String, int)} (control characters and
 * unpaired surrogates replaced, cut to {@value #MAX_RENDERED} characters) before Rapport stores or sends it.
 *
 * <p><b>Built-in wording.</b> Rapport's own messages that always need a text (the acknowledgement of a new case)
 * have an English default ({@link #BUILT_IN}), used only when the store has nothing for the key in any locale of
 * the chain, its default included; store a template under the same key to replace it.
 *
 * <p>Rapport uses it for follow-ups whose rule names a template, for the acknowledgement of a new case, and for
 * complaint letters; automations and the host call {@link #render(String, Locale, Map)} through
 * {@code Rapport.templates()}. Thread-safe when its store is.
 */
public final class Templates {

    /** The longest rendered text; longer output is cut, ending in an ellipsis. */
    public static final int MAX_RENDERED = Limits.TEXT;

    /** The key of the acknowledgement of a new case, sent while the business is open. */
    public static final String CASE_ACKNOWLEDGEMENT = "case_acknowledgement";
    /** The key of the acknowledgement of a new case that arrives while the business is closed. */
    public static final String CASE_ACKNOWLEDGEMENT_OUT_OF_HOURS = "case_acknowledgement_out_of_hours";

    /**
     * The English wording Rapport brings for its own messages, by key, as {@link Locale#ROOT} templates: the last
     * step of the fallback, after the store's default.
     */
    public static final Map<String, Template> BUILT_IN = Map.of(
            CASE_ACKNOWLEDGEMENT, new Template(CASE_ACKNOWLEDGEMENT, Locale.ROOT,
                    "Thank you, {customerName}. We have received your message and will answer by {promisedAt}.",
                    java.time.Instant.EPOCH),
            CASE_ACKNOWLEDGEMENT_OUT_OF_HOURS, new Template(CASE_ACKNOWLEDGEMENT_OUT_OF_HOURS, Locale.ROOT,
                    "Thank you, {customerName}. We have received your message. We are closed right now and open again "
                            + "{opensAt}; we will answer by {promisedAt}.", java.time.Instant.EPOCH));

    private final TemplateStore store;
    private final Clock clock;

    /**
     * A service over a store.
     *
     * @param store where templates are kept
     * @param clock stamps {@link Template#updatedAt()}
     */
    public Templates(TemplateStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The store templates are kept in.
     *
     * @return the store
     */
    public TemplateStore store() {
        return store;
    }

    /**
     * Checks and stores a template, replacing the text stored for the same key and locale.
     *
     * @param key 1 to {@value Template#MAX_KEY} lower-case letters, digits, {@code _ . -}, starting with a letter
     * @param locale the locale the text is written in; {@link Locale#ROOT} for the default
     * @param text plain text with placeholders such as {@code {customerName}}; {@code {{} and {@code }}} write braces
     * @return the template as stored
     * @throws ValidationException naming every field at fault ({@code key}, {@code locale}, {@code text}, with rule
     *         {@code Syntax} for a malformed placeholder); nothing is stored
     */
    public Template put(String key, Locale locale, String text) {
        List<Violation> violations = new ArrayList<>();
        if (!Template.isKey(key)) {
            violations.add(Template.keyViolation());
        }
        if (locale == null || !Limits.isSupported(locale)) {
            violations.add(new Violation("locale", "LanguageTag",
                    "must be a canonical BCP 47 language tag of at most " + Limits.LANGUAGE_TAG + " characters"));
        }
        if (text == null || text.isBlank() || text.length() > Template.MAX_TEXT
                || !PlainTextValidator.isPlainText(text, true)) {
            violations.add(new Violation("text", "PlainText",
                    "must be plain text of 1 to " + Template.MAX_TEXT + " characters, not blank"));
        } else {
            try {
                MessageTemplate.parse(text);
            } catch (ValidationException e) {
                violations.add(new Violation("text", "Syntax", e.violations().get(0).message()));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("Template", violations);
        }
        return store.put(new Template(key, locale, text, Arguments.now(clock)));
    }

    /**
     * Removes the template stored for exactly a key and locale.
     *
     * @param key the template's key
     * @param locale the exact locale
     * @return whether one was removed
     * @throws ValidationException naming {@code key} or {@code locale} when malformed or null
     */
    public boolean remove(String key, Locale locale) {
        checkLookup(key, locale);
        return store.remove(key, locale);
    }

    /**
     * The template for a key in a locale, with fallback: the locale, its language, then the default.
     *
     * @param key the template's key
     * @param locale the customer's locale
     * @return the first template stored along {@link #fallbacks(Locale)}, or empty
     * @throws ValidationException naming {@code key} or {@code locale} when malformed or null
     */
    public Optional<Template> resolve(String key, Locale locale) {
        checkLookup(key, locale);
        for (Locale candidate : fallbacks(locale)) {
            Optional<Template> found = store.find(key, candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.ofNullable(BUILT_IN.get(key));
    }

    /**
     * Renders the template for a key in a locale, with fallback, and cleans the result.
     *
     * @param key the template's key
     * @param locale the customer's locale
     * @param values the values of the placeholders by name
     * @return the rendered text, cleaned by {@link HostText#clean(String, int)}
     * @throws TemplateNotFoundException if no template is stored along the locale's fallbacks
     * @throws MissingTemplateValueException naming the first placeholder without a value
     * @throws ValidationException naming {@code key}, {@code locale} or {@code values} when malformed or null, or
     *         {@code template} when the stored text is not a valid template
     */
    public String render(String key, Locale locale, Map<String, String> values) {
        checkValues(values);
        Template template = resolve(key, locale).orElseThrow(() -> new TemplateNotFoundException(key, locale));
        return renderText(template.text(), values);
    }

    /**
     * Renders the template for a key in a locale, with fallback, if one is stored.
     *
     * @param key the template's key
     * @param locale the customer's locale
     * @param values the values of the placeholders by name
     * @return the rendered and cleaned text, or empty if no template is stored along the locale's fallbacks
     * @throws MissingTemplateValueException naming the first placeholder without a value
     * @throws ValidationException as {@link #render(String, Locale, Map)} does
     */
    public Optional<String> renderIfPresent(String key, Locale locale, Map<String, String> values) {
        checkValues(values);
        return resolve(key, locale).map(t -> renderText(t.text(), values));
    }

    /**
     * Renders the template for a key in a locale, with fallback, or the given text when none is stored: for the
     * built-in wording Rapport brings for its own messages.
     *
     * @param key the template's key
     * @param locale the customer's locale
     * @param values the values of the placeholders by name
     * @param defaultText the template text used when no template is stored
     * @return the rendered and cleaned text
     * @throws MissingTemplateValueException naming the first placeholder without a value
     * @throws ValidationException as {@link #render(String, Locale, Map)} does, or naming {@code defaultText} when
     *         it is null
     */
    public String renderOr(String key, Locale locale, Map<String, String> values, String defaultText) {
        if (defaultText == null) {
            throw ValidationException.of("Template", "defaultText", "NotNull", "must not be null");
        }
        return renderIfPresent(key, locale, values).orElseGet(() -> renderText(defaultText, values));
    }

    /**
     * The locales tried for a customer's locale, in order: the locale; without variant and extensions; language and
     * region; language and script; the language; then {@link Locale#ROOT}. Repeats are left out.
     *
     * @param locale the customer's locale
     * @return the locales to try, ending with {@link Locale#ROOT}
     */
    public static List<Locale> fallbacks(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        Set<Locale> chain = new LinkedHashSet<>();
        chain.add(locale);
        String language = locale.getLanguage();
        if (!language.isEmpty()) {
            chain.add(build(language, locale.getScript(), locale.getCountry()));
            chain.add(build(language, "", locale.getCountry()));
            chain.add(build(language, locale.getScript(), ""));
            chain.add(build(language, "", ""));
        }
        chain.add(Locale.ROOT);
        return List.copyOf(chain);
    }

    private static Locale build(String language, String script, String region) {
        return new Locale.Builder().setLanguage(language).setScript(script).setRegion(region).build();
    }

    private static String renderText(String text, Map<String, String> values) {
        return HostText.clean(MessageTemplate.parse(text).render(values), MAX_RENDERED);
    }

    private static void checkLookup(String key, Locale locale) {
        List<Violation> violations = new ArrayList<>();
        if (!Template.isKey(key)) {
            violations.add(Template.keyViolation());
        }
        if (locale == null) {
            violations.add(new Violation("locale", "NotNull", "must not be null"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("Template", violations);
        }
    }

    private static void checkValues(Map<String, String> values) {
        if (values == null) {
            throw ValidationException.of("Template", "values", "NotNull", "must not be null");
        }
    }
}
