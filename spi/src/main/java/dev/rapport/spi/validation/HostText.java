package dev.rapport.spi.validation;

/**
 * Cleans text that comes from the host's own code (a publisher's or messenger's error message, a rule name, rendered
 * template output) before Rapport stores it, so that it can never break a write: NUL and the other control characters
 * (tab, line feed and carriage return kept) become U+FFFD, unpaired UTF-16 surrogates become U+FFFD, and the result is
 * cut to a length limit without splitting a surrogate pair, ending in an ellipsis when cut. The result always passes
 * {@code @PlainText(multiline = true)}. Stateless and thread-safe.
 */
public final class HostText {

    private static final char REPLACEMENT = '\uFFFD';
    private static final char ELLIPSIS = '\u2026';

    private HostText() {
    }

    /**
     * The text made storable and cut to {@link Limits#HOST_TEXT} characters.
     *
     * @param text the host's text; null gives the empty string
     * @return the cleaned text, at most {@link Limits#HOST_TEXT} characters; empty for null
     */
    public static String clean(String text) {
        return clean(text, Limits.HOST_TEXT);
    }

    /**
     * The text made storable and cut to at most {@code max} characters.
     *
     * @param text the host's text; null gives the empty string
     * @param max the most characters of the result; at least 1
     * @return the cleaned text, at most {@code max} characters, ending in an ellipsis if it was cut; empty for null
     * @throws IllegalArgumentException if max is below 1
     */
    public static String clean(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(i + 1));
                    i++;
                } else {
                    out.append(REPLACEMENT);
                }
            } else if (Character.isLowSurrogate(c)) {
                out.append(REPLACEMENT);
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
            if (out.length() > max) {
                break;
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int cut = max - 1;
        if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
            cut--;
        }
        out.setLength(cut);
        return out.append(ELLIPSIS).toString();
    }
}
