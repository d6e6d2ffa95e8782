package dev.rapport.complaint;

import dev.rapport.kpi.CsvWriter;
import dev.rapport.spi.json.JsonWriter;

/** The escaping rules of the register's CSV (RFC 4180) and JSON (RFC 8259) writers. Stateless. */
final class TextFormats {

    private TextFormats() {
    }

    /**
     * A CSV field, escaped by the one CSV writer ({@link CsvWriter#field}): quoted when it holds a comma, a double
     * quote, a line break or leading or trailing white space, with every double quote doubled; left as is otherwise.
     * Null is the empty field.
     */
    static String csv(String value) {
        return CsvWriter.field(value);
    }

    /**
     * A JSON string literal with its quotes, escaped by the one JSON writer ({@link JsonWriter#quote}); null is the
     * literal {@code null}.
     */
    static String json(String value) {
        return value == null ? "null" : JsonWriter.quote(value);
    }
}
