package dev.rapport.kpi;

import java.util.List;

/**
 * A minimal RFC 4180 CSV writer: fields separated by commas, records ended by CRLF; a field holding a comma, a
 * quote, a line break or leading or trailing space is quoted, with quotes doubled. Null writes an empty field.
 * Not thread-safe; one per document. Public so that the modules built on core (rapport-imports' report) write CSV
 * the same way instead of with a writer of their own.
 */
public final class CsvWriter {

    private final StringBuilder out = new StringBuilder();

    /** An empty document. */
    public CsvWriter() {
    }

    /**
     * Writes one record.
     *
     * @param fields the fields; null writes an empty field
     * @return this writer
     */
    public CsvWriter row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    /**
     * The document.
     *
     * @return the CSV text
     */
    public String toCsv() {
        return out.toString();
    }

    /**
     * One field as it stands in a record, by the rules of this writer: quoted, with quotes doubled, when it holds a
     * comma, a quote, a line break or leading or trailing white space; empty for null. For writers that assemble
     * their records themselves (the complaint register), so every CSV Rapport writes escapes the same way.
     *
     * @param value the field's value; null is an empty field
     * @return the field's text
     */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
