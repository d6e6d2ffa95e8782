package dev.rapport.followup;

import dev.rapport.spi.NotFoundException;
import java.util.Locale;

/**
 * Thrown when no template is stored for a key in a locale, its language or the default, so that a message is never
 * sent without its text. Names the key and the locale asked for.
 */
public class TemplateNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The key of the template asked for. */
    private final String key;
    /** The locale the template was asked for in. */
    private final Locale locale;

    /**
     * Creates the exception.
     *
     * @param key the template key asked for
     * @param locale the locale asked for
     */
    public TemplateNotFoundException(String key, Locale locale) {
        super("template", key + " (" + locale.toLanguageTag() + ", its language or the default)");
        this.key = key;
        this.locale = locale;
    }

    /**
     * The key asked for.
     *
     * @return the template key
     */
    public String key() {
        return key;
    }

    /**
     * The locale asked for.
     *
     * @return the locale whose fallback chain found nothing
     */
    public Locale locale() {
        return locale;
    }
}
