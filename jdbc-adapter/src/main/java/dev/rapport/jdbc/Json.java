package dev.rapport.jdbc;

import dev.rapport.spi.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adapter's own JSON encodings, collection fields of domain records and the outbox's event payloads: written by
 * the shared {@link JsonWriter} (compact), read back by a small reader of its own. Values are {@code String},
 * {@code Long}, {@code Boolean}, {@code null}, {@code List<Object>} and {@code Map<String, Object>}
 * (insertion-ordered). Strings round-trip exactly, unpaired surrogates and control characters included, because
 * the writer escapes them and the reader decodes every escape. Stateless and thread-safe.
 */
final class Json {

    private Json() {
    }

    /** Writes a value as compact JSON (see {@link JsonWriter#tree(Object)} for the values it takes). */
    static String write(Object value) {
        return JsonWriter.write(value);
    }

    /** Reads one JSON value. */
    static Object read(String json) {
        Reader reader = new Reader(json);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos != json.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    /** Reads a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String json) {
        Object value = read(json);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** Reads a JSON array. */
    @SuppressWarnings("unchecked")
    static List<Object> readArray(String json) {
        Object value = read(json);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array");
        }
        return (List<Object>) value;
    }

    private static final class Reader {
        private final String in;
        private int pos;

        Reader(String in) {
            this.in = in;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed JSON at " + pos + ": " + what);
        }

        void skipSpace() {
            while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skipSpace();
            if (pos >= in.length()) {
                throw error("unexpected end");
            }
            char c = in.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Object literal(String word, Object value) {
            if (!in.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Long number() {
            int start = pos;
            if (pos < in.length() && in.charAt(pos) == '-') {
                pos++;
            }
            while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected character");
            }
            return Long.parseLong(in.substring(start, pos));
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected , or }");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("expected , or ]");
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > in.length()) {
                            throw error("short unicode escape");
                        }
                        out.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        private char peek() {
            if (pos >= in.length()) {
                throw error("unexpected end");
            }
            return in.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }
    }
}
