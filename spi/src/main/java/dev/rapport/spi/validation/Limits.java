package dev.rapport.spi.validation;

/** The maximum lengths the contract promises every storage adapter keeps exactly. */
public final class Limits {

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

    /**
     * A regular expression for text that holds at least one non-whitespace character. Used instead of
     * {@code @NotBlank} inside {@code Optional<...>}, where an empty optional must stay valid.
     */
    public static final String NON_BLANK = "(?s).*\\S.*";

    private Limits() {
    }
}
