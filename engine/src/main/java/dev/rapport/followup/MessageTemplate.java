package dev.rapport.followup;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.messaging.OutboundMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small renderer for message texts with named placeholders, for hosts that want one: {@code "Hello
 * {customerName}, how did {agentName} do?"}. Rendering is the host's business; Rapport only hands over the values
 * ({@link MessageValues}), and this class is a convenience.
 *
 * <p>Placeholders are a name in braces: letters, digits, {@code _}, {@code .} and {@code -}, starting with a
 * letter. {@code {{} and {@code }}} write literal braces. A placeholder without a value is an error naming it
 * ({@link MissingTemplateValueException}), never a blank; a value may be empty. Values are inserted as they are,
 * not read as templates again. Immutable and thread-safe; parse once, render often.
 */
public final class MessageTemplate {

    private sealed interface Part permits Text, Placeholder {
    }

    private record Text(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private final String source;
    private final List<Part> parts;
    private final Set<String> placeholders;

    private MessageTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Placeholder p) {
                names.add(p.name());
            }
        }
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /**
     * Parses a template.
     *
     * @param template the text with placeholders such as {@code {name}}, and doubled braces for literal ones
     * @return the parsed template
     * @throws ValidationException naming the position of an unclosed, empty or malformed placeholder or a lone
     *         closing brace
     */
    public static MessageTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{') {
                text.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
                text.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i + 1);
                if (end < 0) {
                    throw syntax(i, "unclosed placeholder");
                }
                String name = template.substring(i + 1, end);
                if (!isName(name)) {
                    throw syntax(i, "a placeholder must be a name of letters, digits, '_', '.' or '-', "
                            + "starting with a letter");
                }
                if (text.length() > 0) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(new Placeholder(name));
                i = end + 1;
            } else if (c == '}') {
                throw syntax(i, "a closing brace without an opening one; write }} for a literal brace");
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) {
            parts.add(new Text(text.toString()));
        }
        return new MessageTemplate(template, parts);
    }

    /**
     * Parses and renders in one go; see {@link #parse(String)} and {@link #render(Map)}.
     *
     * @param template the text with placeholders
     * @param values the value of each placeholder by name
     * @return the rendered text
     */
    public static String render(String template, Map<String, String> values) {
        return parse(template).render(values);
    }

    /**
     * The placeholder names, in order of first use.
     *
     * @return the names of the placeholders, without braces, each once; empty for plain text
     */
    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * The text with every placeholder replaced by its value.
     *
     * @param values the value of each placeholder by name; extra values are ignored
     * @return the rendered text
     * @throws MissingTemplateValueException for the first placeholder that has no value
     */
    public String render(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Placeholder p) {
                String value = values.get(p.name());
                if (value == null) {
                    throw new MissingTemplateValueException(p.name());
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    /**
     * The text for a message, filled from its values.
     *
     * @param message the message whose values fill the placeholders
     * @return the rendered text
     */
    public String render(OutboundMessage message) {
        return render(message.values());
    }

    /** The template's source text. */
    @Override
    public String toString() {
        return source;
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        for (int k = 1; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return name.length() <= 64;
    }

    private static ValidationException syntax(int index, String message) {
        return ValidationException.of("MessageTemplate", "template", "Syntax", message + " at index " + index);
    }
}
