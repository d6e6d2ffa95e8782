package dev.rapport.spi.complaint;

import dev.rapport.spi.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The human-readable reference a customer quotes, for example {@code CMP-2026-000123}: a prefix, the year of
 * receipt and a number allocated from storage ({@link ComplaintRepository#nextReferenceNumber(int)}), so it is
 * unique across every node sharing the store. Two references are equal when their texts are.
 *
 * @param value a prefix of 1 to 10 upper-case letters and digits starting with a letter, a dash, a four-digit year,
 *        a dash and a number of 6 to 12 digits
 */
public record ComplaintReference(String value) {

    /** The longest reference text. */
    public static final int MAX_LENGTH = 28;

    /** The prefix Rapport uses unless the host picks another. */
    public static final String DEFAULT_PREFIX = "CMP";

    private static final Pattern FORM = Pattern.compile("[A-Z][A-Z0-9]{0,9}-[0-9]{4}-[0-9]{6,12}");
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,9}");

    /**
     * Checks the form.
     *
     * @param value a prefix of 1 to 10 upper-case letters and digits starting with a letter, a dash, a four-digit year,
     *        a dash and a number of 6 to 12 digits
     */
    public ComplaintReference {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw ValidationException.of("ComplaintReference", "reference", "Pattern",
                    "must look like CMP-2026-000123: a prefix of upper-case letters and digits, the year and a number");
        }
    }

    /**
     * The reference written as {@link #toString()} writes it; lower-case input is upper-cased.
     *
     * @param text a reference such as {@code CMP-2026-000123}; surrounding blanks are trimmed, letters upper-cased
     * @return the reference with that text
     */
    public static ComplaintReference of(String text) {
        Objects.requireNonNull(text, "text");
        return new ComplaintReference(text.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The reference for a prefix, a year and an allocated number, the number padded to six digits.
     *
     * @param prefix 1 to 10 upper-case letters and digits starting with a letter, for example {@link #DEFAULT_PREFIX}
     * @param year the year of receipt, 1000 to 9999
     * @param number the number allocated for the year, 1 to 999,999,999,999
     * @return the reference {@code prefix-year-number}, for example {@code CMP-2026-000123}
     * @throws ValidationException if the prefix is malformed, the year is not four digits or the number is not
     *         between 1 and 999,999,999,999
     */
    public static ComplaintReference of(String prefix, int year, long number) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw ValidationException.of("ComplaintReference", "prefix", "Pattern",
                    "must be 1 to 10 upper-case letters and digits, starting with a letter");
        }
        if (year < 1000 || year > 9999) {
            throw ValidationException.of("ComplaintReference", "year", "Range", "must have four digits");
        }
        if (number < 1 || number > 999_999_999_999L) {
            throw ValidationException.of("ComplaintReference", "number", "Range",
                    "must be between 1 and 999999999999");
        }
        return new ComplaintReference(String.format(Locale.ROOT, "%s-%04d-%06d", prefix, year, number));
    }

    @Override
    public String toString() {
        return value;
    }
}
