package dev.rapport.complaint;

import dev.rapport.spi.json.JsonWriter;

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
     * A JSON string literal with its quotes, escaped by the one JSON writer ({@link JsonWriter#quote}); null is the
     * literal {@code null}.
     */
    static String json(String value) {
        return value == null ? "null" : JsonWriter.quote(value);
    }
}
