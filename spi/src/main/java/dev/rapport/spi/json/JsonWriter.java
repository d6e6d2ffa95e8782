package dev.rapport.spi.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one JSON writer of Rapport and its modules (RFC 8259): the KPI exports, the privacy export, the import report
 * and the JDBC adapter's stored JSON columns all write through it, so they escape text the same way. It writes
 * objects, arrays, strings, numbers, booleans and null, streamed by calls ({@link #beginObject()},
 * {@link #name(String)}, {@link #value(String)}...) or whole from a tree of plain Java values ({@link #tree(Object)},
 * {@link #write(Object)}).
 *
 * <p><b>Layout.</b> {@link #JsonWriter() new JsonWriter()} and {@link #compact()} write no white space at all
 * ({@code {"a":1,"b":[true,null]}}); {@link #indented()} puts every member and element on its own line, indented by
 * two spaces per level, with {@code ": "} after each name; an empty object or array stays {@code {}} or {@code []}.
 * Members appear in the order they are written.
 *
 * <p><b>Strings</b> are escaped so that any Java string, whatever it holds, parses back to the same string with any
 * conforming parser: the quote and the backslash as {@code \"} and {@code \\}; backspace, form feed, line feed,
 * carriage return and tab as {@code \b}, {@code \f}, {@code \n}, {@code \r} and {@code \t}; every other control
 * character below U+0020, and DEL (U+007F), as {@code \}{@code u00xx}; U+2028 and U+2029 (line and paragraph
 * separators, which end a line in JavaScript) as {@code \}{@code u2028} and {@code \}{@code u2029}. A surrogate pair
 * is written as it is (one supplementary character). A lone surrogate, which no Unicode encoding can carry, is
 * written as its {@code \}{@code uXXXX} escape: JSON allows that, and a parser decoding into UTF-16 (Java,
 * JavaScript) gives back exactly the string that was written. Escapes use lower-case hex digits. The solidus
 * ({@code /}) and everything else is written as it is.
 *
 * <p><b>Numbers.</b> Whole numbers in decimal; {@link BigDecimal}s in plain notation, never with an exponent
 * ({@code 1E+3} as {@code 1000}); doubles as {@link Double#toString(double)} writes them, and only finite ones.
 *
 * <p><b>Misuse</b> (a value where a name is due, a name outside an object, closing what is not open, a second
 * top-level value, asking for an unfinished document) throws {@link IllegalStateException} instead of writing
 * broken JSON. Not thread-safe: one writer per document.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One open container: whether it is an object, whether it has a member yet, and whether a name awaits a value. */
    private static final class Scope {
        private final boolean object;
        private boolean empty = true;
        private boolean nameWritten;

        private Scope(boolean object) {
            this.object = object;
        }
    }

    private final StringBuilder out = new StringBuilder(256);
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final boolean indent;
    private boolean rootWritten;

    /** An empty document written compactly, with no white space (the same as {@link #compact()}). */
    public JsonWriter() {
        this(false);
    }

    private JsonWriter(boolean indent) {
        this.indent = indent;
    }

    /**
     * An empty document written compactly, with no white space: {@code {"a":1,"b":[true,null]}}.
     *
     * @return a new writer
     */
    public static JsonWriter compact() {
        return new JsonWriter(false);
    }

    /**
     * An empty document written for people to read: each member and element on its own line, two spaces per level
     * of nesting, {@code ": "} after each name.
     *
     * @return a new writer
     */
    public static JsonWriter indented() {
        return new JsonWriter(true);
    }

    /**
     * A tree of plain Java values as one compact JSON text; see {@link #tree(Object)} for the values it takes.
     *
     * @param tree the value: null, a string, a number, a boolean, a map with string keys or a list, nested freely
     * @return the JSON text
     * @throws IllegalArgumentException if the tree holds a value of another type, a map key that is not a string,
     *         or a double that is not finite
     */
    public static String write(Object tree) {
        return compact().tree(tree).toJson();
    }

    /**
     * Opens an object.
     *
     * @return this writer
     * @throws IllegalStateException if a value may not go here
     */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(new Scope(true));
        return this;
    }

    /**
     * Closes the innermost object.
     *
     * @return this writer
     * @throws IllegalStateException if the innermost open container is not an object, or a name awaits its value
     */
    public JsonWriter endObject() {
        return end(true, '}');
    }

    /**
     * Opens an array.
     *
     * @return this writer
     * @throws IllegalStateException if a value may not go here
     */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(new Scope(false));
        return this;
    }

    /**
     * Closes the innermost array.
     *
     * @return this writer
     * @throws IllegalStateException if the innermost open container is not an array
     */
    public JsonWriter endArray() {
        return end(false, ']');
    }

    /**
     * Writes a member's name inside an object; its value must follow.
     *
     * @param name the name, escaped as any string
     * @return this writer
     * @throws NullPointerException if the name is null
     * @throws IllegalStateException if the innermost open container is not an object, or a name already awaits its
     *         value
     */
    public JsonWriter name(String name) {
        Objects.requireNonNull(name, "name");
        Scope scope = scopes.peek();
        if (scope == null || !scope.object || scope.nameWritten) {
            throw new IllegalStateException("a name belongs directly inside an object, before its value");
        }
        newElement(scope);
        string(name);
        out.append(indent ? ": " : ":");
        scope.nameWritten = true;
        return this;
    }

    /**
     * Writes a string, or null.
     *
     * @param value the string, or null
     * @return this writer
     * @throws IllegalStateException if a value may not go here
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
     * Writes a number in plain notation, or null.
     *
     * @param value the number, or null
     * @return this writer
     * @throws IllegalStateException if a value may not go here
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
     * Writes a whole number.
     *
     * @param value the number
     * @return this writer
     * @throws IllegalStateException if a value may not go here
     */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * Writes a finite number as {@link Double#toString(double)} writes it.
     *
     * @param value the number
     * @return this writer
     * @throws IllegalArgumentException if the number is NaN or infinite, which JSON cannot hold
     * @throws IllegalStateException if a value may not go here
     */
    public JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON holds only finite numbers, not " + value);
        }
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * Writes true or false.
     *
     * @param value the boolean
     * @return this writer
     * @throws IllegalStateException if a value may not go here
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
     * @throws IllegalStateException if a value may not go here
     */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /**
     * Writes a tree of plain Java values: null; a {@link String}; a {@link Long}, {@link Integer}, {@link Short},
     * {@link Byte}, {@link BigInteger} or {@link BigDecimal} (in plain notation); a finite {@link Double} or
     * {@link Float}; a {@link Boolean}; a {@link Map} with {@link String} keys as an object, in the map's iteration
     * order; a {@link List} as an array; nested freely.
     *
     * @param tree the value
     * @return this writer
     * @throws IllegalArgumentException if the tree holds a value of another type, a map key that is not a string,
     *         or a double that is not finite
     * @throws IllegalStateException if a value may not go here
     */
    public JsonWriter tree(Object tree) {
        if (tree == null) {
            return nullValue();
        } else if (tree instanceof String s) {
            return value(s);
        } else if (tree instanceof Long || tree instanceof Integer || tree instanceof Short
                || tree instanceof Byte) {
            return value(((Number) tree).longValue());
        } else if (tree instanceof BigDecimal d) {
            return value(d);
        } else if (tree instanceof BigInteger i) {
            return value(new BigDecimal(i));
        } else if (tree instanceof Double || tree instanceof Float) {
            return value(((Number) tree).doubleValue());
        } else if (tree instanceof Boolean b) {
            return value(b.booleanValue());
        } else if (tree instanceof Map<?, ?> map) {
            beginObject();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a JSON object's names are strings, not "
                            + (member.getKey() == null ? "null" : member.getKey().getClass().getName()));
                }
                name(key).tree(member.getValue());
            }
            return endObject();
        } else if (tree instanceof List<?> list) {
            beginArray();
            for (Object element : list) {
                tree(element);
            }
            return endArray();
        }
        throw new IllegalArgumentException("cannot write a " + tree.getClass().getName() + " as JSON");
    }

    /**
     * Writes a member holding a string, or null.
     *
     * @param name the member's name
     * @param value the string, or null
     * @return this writer
     * @throws NullPointerException if the name is null
     * @throws IllegalStateException if a member may not go here
     */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /**
     * Writes a member holding a number in plain notation, or null.
     *
     * @param name the member's name
     * @param value the number, or null
     * @return this writer
     * @throws NullPointerException if the name is null
     * @throws IllegalStateException if a member may not go here
     */
    public JsonWriter field(String name, BigDecimal value) {
        return name(name).value(value);
    }

    /**
     * Writes a member holding a whole number.
     *
     * @param name the member's name
     * @param value the number
     * @return this writer
     * @throws NullPointerException if the name is null
     * @throws IllegalStateException if a member may not go here
     */
    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /**
     * Writes a member holding true or false.
     *
     * @param name the member's name
     * @param value the boolean
     * @return this writer
     * @throws NullPointerException if the name is null
     * @throws IllegalStateException if a member may not go here
     */
    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /**
     * Writes a member holding the text form of a value ({@link Object#toString()}), or null.
     *
     * @param name the member's name
     * @param value the value, or null
     * @return this writer
     * @throws NullPointerException if the name is null
     * @throws IllegalStateException if a member may not go here
     */
    public JsonWriter fieldText(String name, Object value) {
        return name(name).value(value == null ? null : value.toString());
    }

    /**
     * The document written so far, which must be complete: one value, every container closed.
     *
     * @return the JSON text
     * @throws IllegalStateException if nothing was written, a container is still open or a name awaits its value
     */
    public String toJson() {
        if (!scopes.isEmpty() || !rootWritten) {
            throw new IllegalStateException("the JSON document is not complete");
        }
        return out.toString();
    }

    /**
     * A string as one JSON string literal, quotes included, escaped as this class describes: for text that goes
     * into JSON assembled by other means.
     *
     * @param value the string
     * @return the literal
     * @throws NullPointerException if the string is null
     */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        JsonWriter writer = compact();
        writer.string(value);
        return writer.out.toString();
    }

    private JsonWriter end(boolean object, char close) {
        Scope scope = scopes.peek();
        if (scope == null || scope.object != object || scope.nameWritten) {
            throw new IllegalStateException("no " + (object ? "object" : "array") + " is open to close here");
        }
        scopes.pop();
        if (!scope.empty) {
            newLine();
        }
        out.append(close);
        return this;
    }

    private void beforeValue() {
        Scope scope = scopes.peek();
        if (scope == null) {
            if (rootWritten) {
                throw new IllegalStateException("a JSON document holds one top-level value");
            }
            rootWritten = true;
            return;
        }
        if (scope.object) {
            if (!scope.nameWritten) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            scope.nameWritten = false;
        } else {
            newElement(scope);
        }
    }

    private void newElement(Scope scope) {
        if (!scope.empty) {
            out.append(',');
        }
        scope.empty = false;
        newLine();
    }

    private void newLine() {
        if (indent) {
            out.append('\n');
            for (int i = 0; i < scopes.size(); i++) {
                out.append("  ");
            }
        }
    }

    private void string(String value) {
        out.append('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
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
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c); // alone: no encoding can carry it, an escape can
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
