package dev.rapport.imports;

import java.util.Locale;

/** Small text helpers of the import: how values are compared and quoted in rejections. */
final class ImportText {

    /** The longest value a rejection quotes; longer ones are cut with an ellipsis. */
    static final int QUOTE_LIMIT = 40;

    private ImportText() {
    }

    /** The form values and column names are compared in: stripped and lower-cased. */
    static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A value as a rejection quotes it: cut to {@link #QUOTE_LIMIT} characters, with control characters shown as
     * {@code ?}. Only ever used for values that are not personal data (dates, channels, statuses, ids, scores).
     */
    static String quote(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(QUOTE_LIMIT).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append('?');
            } else {
                shown.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > QUOTE_LIMIT) {
            shown.append('\u2026');
        }
        return shown.toString();
    }
}
