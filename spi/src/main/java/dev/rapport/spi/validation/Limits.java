package dev.rapport.spi.validation;

import java.time.Instant;
import java.util.Locale;

/**
 * The value domain every storage adapter keeps exactly: the lengths of text, the range and precision of instants and
 * the form of locale tags. A value inside the domain is stored and read back equal; a value outside it is refused by
 * the types' constraints ({@link PlainText}, {@link SupportedInstant}, {@link LanguageTag}, {@code @Size}) with a
 * {@code ValidationException} naming the field, before anything is stored.
 */
public final class Limits {

    /** The earliest supported instant: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest supported instant: 9999-12-31T23:59:59.999999Z (instants are kept to the microsecond). */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** The longest locale tag, in characters of its canonical BCP 47 form ({@link java.util.Locale#toLanguageTag()}). */
    public static final int LANGUAGE_TAG = 35;
    /**
     * The longest host text Rapport stores on its own account (a publisher's or messenger's error message, a rule
     * name, rendered template output); longer text is cut by {@link HostText#clean(String, int)}.
     */
    public static final int HOST_TEXT = 2_000;

    /** A person's or agent's name. */
    public static final int NAME = 200;
    /** A contact address: email, phone number, handle. */
    public static final int ADDRESS = 320;
    /** A case subject. */
    public static final int SUBJECT = 500;
    /** Free text: summaries, comments, errors. */
    public static final int TEXT = 100_000;
    /** An external id or idempotency key. */
    public static final int KEY = 200;
    /** A free attribute's value. */
    public static final int ATTRIBUTE_VALUE = 2_000;
    /** How many free attributes one customer may carry. */
    public static final int ATTRIBUTES = 100;
    /** How many contact identities one customer may carry. */
    public static final int IDENTITIES = 50;

    /** How many tags one case or customer may carry. */
    public static final int TAGS = 50;
    /** How many custom field values one case or customer may carry. */
    public static final int FIELDS = 50;
    /** The longest custom text field value; a schema may set a lower maximum per field. */
    public static final int FIELD_TEXT = 2_000;
    /** The longest allowed value of a custom choice field. */
    public static final int FIELD_CHOICE = 200;

    /**
     * A regular expression for text that holds at least one non-whitespace character. Used instead of
     * {@code @NotBlank} inside {@code Optional<...>}, where an empty optional must stay valid.
     */
    public static final String NON_BLANK = "(?s).*\\S.*";

    /**
     * Whether the instant is inside the supported range and whole microseconds.
     *
     * @param instant the instant; not null
     * @return true if the instant is in range and has no digits below the microsecond, false otherwise
     */
    public static boolean isSupported(Instant instant) {
        return inRange(instant) && instant.getNano() % 1_000 == 0;
    }

    /**
     * Whether the instant lies between {@link #MIN_INSTANT} and {@link #MAX_INSTANT}, both included, ignoring digits
     * below the microsecond.
     *
     * @param instant the instant; not null
     * @return true if the instant, truncated to the microsecond, is within the range, false otherwise
     */
    public static boolean inRange(Instant instant) {
        Instant micros = Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() / 1_000 * 1_000);
        return !micros.isBefore(MIN_INSTANT) && !micros.isAfter(MAX_INSTANT);
    }

    /**
     * Whether the locale is in the domain: its canonical BCP 47 tag is at most {@link #LANGUAGE_TAG} characters and
     * reads back as the same locale ({@code Locale.forLanguageTag(l.toLanguageTag()).equals(l)}). Legacy locales that
     * Java rewrites on the way (for example {@code no_NO_NY}, which reads back as {@code nn_NO}, or a variant that is
     * not a BCP 47 subtag) are outside it.
     *
     * @param locale the locale; not null
     * @return true if the locale is in the domain, false otherwise
     */
    public static boolean isSupported(Locale locale) {
        String tag = locale.toLanguageTag();
        return tag.length() <= LANGUAGE_TAG && Locale.forLanguageTag(tag).equals(locale);
    }

    private Limits() {
    }
}
