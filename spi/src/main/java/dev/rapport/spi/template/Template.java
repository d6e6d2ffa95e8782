package dev.rapport.spi.template;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One stored message template: the text for a key in one locale. {@link Locale#ROOT} (tag {@code "und"}) is the
 * default, used when neither the customer's locale nor its language has a text of its own.
 *
 * <p>The text is checked here only for what any store must be able to keep: plain text (line breaks and tabs
 * allowed, no other control characters, no unpaired surrogates), not blank, at most {@value #MAX_TEXT} characters.
 * Its placeholder syntax ({@code {customerName}}) is checked by Rapport's {@code Templates} service before it stores
 * a template.
 *
 * @param key what the template is for, for example {@code "case_acknowledgement"}: 1 to {@value #MAX_KEY} lower-case
 *        letters, digits, {@code _}, {@code .} and {@code -}, starting with a letter
 * @param locale the locale it is written for; {@link Locale#ROOT} for the default. A canonical BCP 47 tag of at most
 *        {@value Limits#LANGUAGE_TAG} characters
 * @param text the template's source text
 * @param updatedAt when it was last stored
 */
public record Template(String key, Locale locale, String text, Instant updatedAt) {

    /** The longest key. */
    public static final int MAX_KEY = 64;
    /** The longest template text. */
    public static final int MAX_TEXT = 10_000;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.\\-]{0," + (MAX_KEY - 1) + "}");

    /**
     * Checks every part, naming each one at fault.
     *
     * @param key what the template is for, for example {@code "case_acknowledgement"}: 1 to {@value #MAX_KEY}
     *        lower-case letters, digits, {@code _}, {@code .} and {@code -}, starting with a letter
     * @param locale the locale it is written for; {@link Locale#ROOT} for the default. A canonical BCP 47 tag of at
     *        most {@value Limits#LANGUAGE_TAG} characters
     * @param text the template's source text
     * @param updatedAt when it was last stored
     * @throws ValidationException naming {@code key}, {@code locale}, {@code text} or {@code updatedAt}
     */
    public Template {
        List<Violation> violations = new ArrayList<>();
        if (!isKey(key)) {
            violations.add(keyViolation());
        }
        if (locale == null || !Limits.isSupported(locale)) {
            violations.add(new Violation("locale", "LanguageTag",
                    "must be a canonical BCP 47 language tag of at most " + Limits.LANGUAGE_TAG + " characters"));
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT || !PlainTextValidator.isPlainText(text, true)) {
            violations.add(new Violation("text", "PlainText",
                    "must be plain text of 1 to " + MAX_TEXT + " characters, not blank"));
        }
        if (updatedAt == null || !Limits.isSupported(updatedAt)) {
            violations.add(new Violation("updatedAt", "SupportedInstant",
                    "must be a whole microsecond between year 1 and 9999"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("Template", violations);
        }
    }

    /**
     * Whether a text is a well-formed template key.
     *
     * @param key the text to check; null is not a key
     * @return true if it is 1 to {@value #MAX_KEY} lower-case letters, digits, {@code _ . -}, starting with a letter
     */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * The violation for a malformed key, for stores and services that check a key on its own.
     *
     * @return the violation naming {@code key}
     */
    public static Violation keyViolation() {
        return new Violation("key", "Pattern", "must be 1 to " + MAX_KEY
                + " lower-case letters, digits, '_', '.' or '-', starting with a letter");
    }

    /**
     * The locale's tag, as a store keeps it: {@code "und"} for the default.
     *
     * @return the BCP 47 tag of {@link #locale()}
     */
    public String localeTag() {
        return locale.toLanguageTag();
    }
}
