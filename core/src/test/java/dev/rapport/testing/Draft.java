package dev.rapport.testing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generated fields of one command, each with whether it is valid; property tests build the command from it and
 * compare the fields a rejection names with {@link #badFields()}. Not thread-safe.
 */
public final class Draft {

    private final Map<String, In<?>> fields = new LinkedHashMap<>();
    private final Set<String> alsoBad = new LinkedHashSet<>();

    /** Sets a field. */
    public Draft with(String field, In<?> value) {
        fields.put(field, value);
        return this;
    }

    /** A field's value. */
    @SuppressWarnings("unchecked")
    public <T> T get(String field) {
        In<?> in = fields.get(field);
        if (in == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return (T) in.value();
    }

    /** Marks a field bad for a rule that spans fields, such as a score that is off its scale. */
    public Draft markBad(String field) {
        alsoBad.add(field);
        return this;
    }

    /** The fields whose rules refuse their value. */
    public Set<String> badFields() {
        Set<String> bad = new LinkedHashSet<>(alsoBad);
        fields.forEach((name, in) -> {
            if (!in.valid()) {
                bad.add(name);
            }
        });
        return bad;
    }

    /** Short for reports: long strings are cut and control characters shown as escapes. */
    @Override
    public String toString() {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "Draft{", alsoBad.isEmpty() ? "}" : ", alsoBad=" + alsoBad + "}"));
    }

    /** A value for a report. */
    static String describe(Object value) {
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            s.codePoints().limit(40).forEach(cp -> {
                if (Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.append(s.length() > 40 ? "...\"(" + s.length() + " chars)" : "\"").toString();
        }
        if (value instanceof Collection<?> c && c.size() > 5) {
            return "[" + c.size() + " items]";
        }
        if (value instanceof Map<?, ?> m && m.size() > 5) {
            return "{" + m.size() + " entries}";
        }
        return String.valueOf(value);
    }
}
