package dev.rapport.kpi;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal JSON writer: objects, arrays, strings, numbers, booleans and null, with RFC 8259 escaping (quote,
 * backslash and every control character; U+2028 and U+2029 too, so the output is safe inside JavaScript). Checks
 * that names and values alternate. Not thread-safe; one per document. Public so that the modules built on core
 * (rapport-imports' report) write JSON the same way instead of with a writer of their own.
 */
public final class JsonWriter {

    /** An empty document. */
    public JsonWriter() {
    }

    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it is an object, and whether it has a member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    /**
     * Opens an object.
     *
     * @return this writer
     */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[] {true, false});
        return this;
    }

    /**
     * Closes the innermost object.
     *
     * @return this writer
     */
    public JsonWriter endObject() {
        close(true, '}');
        return this;
    }

    /**
     * Opens an array.
     *
     * @return this writer
     */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open.push(new boolean[] {false, false});
        return this;
    }

    /**
     * Closes the innermost array.
     *
     * @return this writer
     */
    public JsonWriter endArray() {
        close(false, ']');
        return this;
    }

    /**
     * Writes a member's name, inside an object.
     *
     * @param name the name
     * @return this writer
     */
    public JsonWriter name(String name) {
        boolean[] top = open.peek();
        if (top == null || !top[0] || afterName) {
            throw new IllegalStateException("a name belongs directly inside an object");
        }
        if (top[1]) {
            out.append(',');
        }
        top[1] = true;
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /**
     * Writes a string, or null.
     *
     * @param value the string
     * @return this writer
     */
    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    /**
     * Writes a number, or null.
     *
     * @param value the number
     * @return this writer
     */
    public JsonWriter value(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        out.append(value.toPlainString());
        return this;
    }

    /**
     * Writes a number.
     *
     * @param value the number
     * @return this writer
     */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * Writes a boolean.
     *
     * @param value the boolean
     * @return this writer
     */
    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * Writes null.
     *
     * @return this writer
     */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /**
     * Writes a name and a string value.
     *
     * @param name the name
     * @param value the string, or null
     * @return this writer
     */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /**
     * Writes a name and a number value.
     *
     * @param name the name
     * @param value the number, or null
     * @return this writer
     */
    public JsonWriter field(String name, BigDecimal value) {
        return name(name).value(value);
    }

    /**
     * Writes a name and a number value.
     *
     * @param name the name
     * @param value the number
     * @return this writer
     */
    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /**
     * The document; every container must be closed.
     *
     * @return the JSON text
     * @throws IllegalStateException if a container is still open
     */
    public String toJson() {
        if (!open.isEmpty() || afterName) {
            throw new IllegalStateException("unclosed JSON container");
        }
        return out.toString();
    }

    private void beforeValue() {
        boolean[] top = open.peek();
        if (top == null) {
            if (out.length() > 0) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            return;
        }
        if (top[0]) {
            if (!afterName) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            afterName = false;
            return;
        }
        if (top[1]) {
            out.append(',');
        }
        top[1] = true;
    }

    private void close(boolean object, char bracket) {
        boolean[] top = open.peek();
        if (top == null || top[0] != object || afterName) {
            throw new IllegalStateException("mismatched JSON container");
        }
        open.pop();
        out.append(bracket);
    }

    private void string(String value) {
        out.append('"');
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
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
