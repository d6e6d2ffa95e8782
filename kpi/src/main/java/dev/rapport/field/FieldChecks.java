package dev.rapport.field;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.validation.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks field values and tag counts against a {@link FieldSchema}, naming the field and the rule: a field the
 * schema does not declare ({@code Declared}), a value of another kind ({@code Kind}), a choice not allowed
 * ({@code Choice}), a text longer than the field's maximum ({@code MaxLength}). Stateless and thread-safe.
 */
public final class FieldChecks {

    private FieldChecks() {
    }

    /**
     * Returns quietly if every value fits its declared field.
     *
     * @param subject the command's simple class name, for the exception
     * @param schema the schema
     * @param scope cases or customers
     * @param values the values by field name; null values are left to the validator
     * @throws ValidationException naming {@code fields[name]} and the rule of every value that does not fit
     */
    public static void check(String subject, FieldSchema schema, FieldScope scope, Map<String, FieldValue> values) {
        List<Violation> violations = violations(schema, scope, values, Set.of());
        if (!violations.isEmpty()) {
            throw new ValidationException(subject, violations);
        }
    }

    /**
     * Every value that does not fit its declared field, and every name to clear that is not declared.
     *
     * @param schema the schema
     * @param scope cases or customers
     * @param values the values by field name
     * @param cleared names of fields to clear
     * @return the violations; empty if all fit
     */
    public static List<Violation> violations(FieldSchema schema, FieldScope scope, Map<String, FieldValue> values,
            Set<String> cleared) {
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, FieldValue> e : values.entrySet()) {
            String name = e.getKey();
            FieldValue value = e.getValue();
            if (name == null || value == null) {
                continue; // the validator names these
            }
            String field = "fields[" + name + "]";
            FieldDefinition d = schema.find(scope, name).orElse(null);
            if (d == null) {
                out.add(new Violation(field, "Declared", "is not a declared " + scope.name().toLowerCase(
                        java.util.Locale.ROOT) + " field"));
            } else if (d.kind() != value.kind()) {
                out.add(new Violation(field, "Kind", "must be a " + d.kind() + " value"));
            } else if (value instanceof FieldValue.ChoiceValue c && !d.choices().contains(c.value())) {
                out.add(new Violation(field, "Choice", "must be one of the field's allowed values"));
            } else if (value instanceof FieldValue.TextValue t && t.value().length() > d.maxLength()) {
                out.add(new Violation(field, "MaxLength", "size must be at most " + d.maxLength()));
            }
        }
        for (String name : cleared) {
            if (name != null && schema.find(scope, name).isEmpty()) {
                out.add(new Violation("clear", "Declared", "names a field that is not declared"));
                break;
            }
        }
        return out;
    }

    /**
     * Refuses more tags than one entity may carry.
     *
     * @param subject the command's simple class name
     * @param tags the tags the entity would carry
     * @throws ValidationException naming {@code tags}, rule {@code Size}
     */
    public static void checkTagCount(String subject, Set<String> tags) {
        if (tags.size() > Limits.TAGS) {
            throw ValidationException.of(subject, "tags", "Size",
                    "an entity may carry at most " + Limits.TAGS + " tags");
        }
    }
}
