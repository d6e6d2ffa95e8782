package dev.rapport.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Writes HTML with inline SVG, escaping every text and attribute value it is given, so that no string from the data
 * (an agent's name, a category) can open an element or an attribute. Tag and attribute names are the caller's
 * constants, never data. The output is also well-formed XML (every element closed, void and SVG elements written
 * as {@code <x/>}, only XML's own entities), so tests can parse it.
 *
 * <p>Not thread-safe: one instance writes one page.
 */
final class Markup {

    /** What a character that may not appear in a page is written as. */
    static final char REPLACEMENT = '\uFFFD';

    /** The elements written without content: HTML's void elements and SVG's shapes. */
    private static final Set<String> EMPTY_ELEMENTS = Set.of("meta", "br", "col", "circle", "line", "rect", "path",
            "polyline", "polygon", "stop");

    private final StringBuilder out = new StringBuilder(128 * 1024);
    private final Deque<String> open = new ArrayDeque<>();

    /** Starts an element; attributes are name-value pairs, and a null value leaves the attribute out. */
    Markup open(String tag, String... attributes) {
        start(tag, attributes);
        out.append('>');
        open.push(tag);
        return this;
    }

    /** Ends the innermost element, which must be the one named. */
    Markup close(String tag) {
        String innermost = open.poll();
        if (!tag.equals(innermost)) {
            throw new IllegalStateException("closing <" + tag + "> while <" + innermost + "> is open");
        }
        out.append("</").append(tag).append('>');
        return this;
    }

    /** Writes an element without content, such as {@code <rect .../>}. */
    Markup empty(String tag, String... attributes) {
        if (!EMPTY_ELEMENTS.contains(tag)) {
            throw new IllegalStateException("<" + tag + "> is not written empty");
        }
        start(tag, attributes);
        out.append("/>");
        return this;
    }

    /** Writes an element holding only text. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Writes text, escaped. */
    Markup text(String text) {
        escapeInto(text, out);
        return this;
    }

    /** Writes trusted markup: only constants of this package (the style sheet, the doctype), never data. */
    Markup trusted(String constant) {
        out.append(constant);
        return this;
    }

    /** The page written so far. */
    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements still open: " + open);
        }
        return out.toString();
    }

    private void start(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name-value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                escapeInto(attributes[i + 1], out);
                out.append('"');
            }
        }
    }

    /** The text escaped for HTML and XML text and quoted attribute values. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escapeInto(text, sb);
        return sb.toString();
    }

    /**
     * Escapes {@code & < > " '}, and writes {@link #REPLACEMENT} for what a page may not hold: control characters
     * other than tab, line feed and carriage return, lone surrogates, and the non-characters U+FFFE and U+FFFF.
     */
    private static void escapeInto(String text, StringBuilder sb) {
        if (text == null) {
            return;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n', '\r' -> sb.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                        sb.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || c == '\uFFFE'
                            || c == '\uFFFF') {
                        sb.append(REPLACEMENT);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
