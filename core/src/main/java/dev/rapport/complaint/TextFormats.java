package dev.rapport.complaint;

/** The escaping rules of the register's CSV (RFC 4180) and JSON (RFC 8259) writers. Stateless. */
final class TextFormats {

    private TextFormats() {
    }

    /**
     * A CSV field: quoted when it holds a comma, a double quote, a line break or leading or trailing spaces, with
     * every double quote doubled; left as is otherwise. Null is the empty field.
     */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' '
                        || value.charAt(value.length() - 1) == ' '));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /**
     * A JSON string literal with its quotes: {@code "} and {@code \} escaped, the short escapes for backspace, form
     * feed, line feed, carriage return and tab, {@code \}{@code uXXXX} for every other control character and for
     * U+2028 and U+2029 (so the output is also safe inside JavaScript). Null is the literal {@code null}.
     */
    static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
