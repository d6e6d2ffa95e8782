package dev.rapport.field;

import dev.rapport.spi.RapportConfigurationException;

/**
 * Thrown by {@code Rapport.Builder#build()} when the custom field schema given to
 * {@code Rapport.Builder#customFields(FieldSchema)} breaks a rule; names the field and the rule. Its
 * {@link #property()} is {@code customFields}.
 */
public class InvalidFieldSchemaException extends RapportConfigurationException {

    private static final long serialVersionUID = 1L;

    /** Whether the bad declaration is of a case field or a customer field. */
    private final FieldScope scope;
    /** The name of the field whose declaration is bad. */
    private final String field;
    /** The rule the declaration breaks. */
    private final String rule;

    /**
     * Creates the exception.
     *
     * @param scope the scope of the field at fault
     * @param field the field's name as declared (may be null or hostile; quoted in the message)
     * @param rule the rule broken: {@code Code}, {@code Unique}, {@code Size}, {@code MaxLength}, {@code NotEmpty},
     *        {@code Choice} or {@code UniqueChoice}
     * @param message what is wrong
     */
    public InvalidFieldSchemaException(FieldScope scope, String field, String rule, String message) {
        super("customFields", scope.name().toLowerCase(java.util.Locale.ROOT) + " field " + quote(field) + " ("
                + rule + "): " + message);
        this.scope = scope;
        this.field = field;
        this.rule = rule;
    }

    /**
     * The scope of the field at fault.
     *
     * @return whether the field at fault is a case or a customer field
     */
    public FieldScope scope() {
        return scope;
    }

    /**
     * The name of the field at fault, as declared.
     *
     * @return the field's name as declared; may be null or blank when that is the fault
     */
    public String field() {
        return field;
    }

    /**
     * The rule the field breaks.
     *
     * @return the rule broken: {@code Code}, {@code Unique}, {@code Size}, {@code MaxLength}, {@code NotEmpty},
     *        {@code Choice} or {@code UniqueChoice}
     */
    public String rule() {
        return rule;
    }

    private static String quote(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        name.codePoints().limit(80).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append(name.length() > 80 ? "...\"" : "\"").toString();
    }
}
