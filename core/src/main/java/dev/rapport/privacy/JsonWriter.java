package dev.rapport.privacy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (RFC 8259) for the customer export: objects, arrays, strings, numbers, booleans and
 * null, indented by two spaces, fields in the order they are written. Strings are escaped so that any Java string
 * survives a round trip through a conforming parser: quotes, backslashes and every control character are escaped,
 * and so are U+2028, U+2029 and unpaired surrogates (written as {@code \}{@code uXXXX}, the only way JSON can carry
 * them). Misuse (a value where a name is due, closing what is not open) throws {@link IllegalStateException}.
 * Not thread-safe; one per document.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One open container: whether it is an object, and whether it has an element yet. */
    private static final class Scope {
        final boolean object;
        boolean empty = true;
        boolean nameWritten;

        Scope(boolean object) {
            this.object = object;
        }
    }

    private final StringBuilder out = new StringBuilder(1024);
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private boolean rootWritten;

    /** Opens an object. */
    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(new Scope(true));
        return this;
    }

    /** Closes the innermost object. */
    JsonWriter endObject() {
        return end(true, '}');
    }

    /** Opens an array. */
    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(new Scope(false));
        return this;
    }

    /** Closes the innermost array. */
    JsonWriter endArray() {
        return end(false, ']');
    }

    /** Writes a field name inside an object; its value must follow. */
    JsonWriter name(String name) {
        Scope scope = scopes.peek();
        if (scope == null || !scope.object || scope.nameWritten) {
            throw new IllegalStateException("a name is allowed only inside an object, before its value");
        }
        if (name == null) {
            throw new IllegalStateException("a field name must not be null");
        }
        newElement(scope);
        string(name);
        out.append(": ");
        scope.nameWritten = true;
        return this;
    }

    /** Writes a string, or null. */
    JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    /** Writes a whole number. */
    JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes true or false. */
    JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes null. */
    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Writes a field holding a string, or null. */
    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /** Writes a field holding a whole number. */
    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /** Writes a field holding true or false. */
    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** Writes a field holding the text form of a value ({@code toString()}), or null. */
    JsonWriter fieldText(String name, Object value) {
        return name(name).value(value == null ? null : value.toString());
    }

    /**
     * The document.
     *
     * @throws IllegalStateException if a container is still open or nothing was written
     */
    String toJson() {
        if (!scopes.isEmpty() || !rootWritten) {
            throw new IllegalStateException("the JSON document is not complete");
        }
        return out.toString();
    }

    private JsonWriter end(boolean object, char close) {
        Scope scope = scopes.peek();
        if (scope == null || scope.object != object || scope.nameWritten) {
            throw new IllegalStateException("nothing of that kind is open to close here");
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
                throw new IllegalStateException("a JSON document holds one value");
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
        out.append('\n');
        for (int i = 0; i < scopes.size(); i++) {
            out.append("  ");
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
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c); // unpaired: not encodable in UTF-8, so escaped
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
