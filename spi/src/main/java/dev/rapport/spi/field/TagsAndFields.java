package dev.rapport.spi.field;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value domain of tags and custom field values, checked without a Jakarta Validation implementation, so that a
 * storage adapter can refuse what it could not keep exactly before it stores anything: at most {@value Limits#TAGS}
 * tags, each a code (letters, digits and {@code _ . -}, starting with a letter or digit, 1 to 64 characters); at
 * most {@value Limits#FIELDS} field values, each named by a code, with text and choices as {@link FieldValue}'s
 * components state, numbers of at most 24 integer and 12 fraction digits, dates in years 1 to 9999. The rules are
 * those of the constraints on {@code Case} and {@code Customer}; violations name {@code tags} or
 * {@code fields[name]}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TagsAndFields {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]*");
    private static final int CODE_LENGTH = 64;

    private TagsAndFields() {
    }

    /**
     * Whether the text is a code: letters, digits and {@code _ . -}, starting with a letter or digit, 1 to 64
     * characters.
     *
     * @param value the text; null is no code
     * @return whether it is a code
     */
    public static boolean isCode(String value) {
        return value != null && !value.isEmpty() && value.length() <= CODE_LENGTH && CODE.matcher(value).matches();
    }

    /**
     * Returns quietly if the tags and field values are in the domain.
     *
     * @param subject the entity's simple class name, for the exception
     * @param tags the tags; not null
     * @param fields the field values by name; not null
     * @throws ValidationException naming every tag and field out of the domain
     */
    public static void check(String subject, Set<String> tags, Map<String, FieldValue> fields) {
        List<Violation> violations = violations(tags, fields);
        if (!violations.isEmpty()) {
            throw new ValidationException(subject, violations);
        }
    }

    /**
     * Every tag and field value out of the domain; empty if there is none.
     *
     * @param tags the tags; not null
     * @param fields the field values by name; not null
     * @return the violations
     */
    public static List<Violation> violations(Set<String> tags, Map<String, FieldValue> fields) {
        List<Violation> out = new ArrayList<>();
        if (tags.size() > Limits.TAGS) {
            out.add(new Violation("tags", "Size", "must hold at most " + Limits.TAGS + " tags"));
        }
        for (String tag : tags) {
            if (!isCode(tag)) {
                out.add(new Violation("tags", "Code",
                        "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"));
                break;
            }
        }
        if (fields.size() > Limits.FIELDS) {
            out.add(new Violation("fields", "Size", "must hold at most " + Limits.FIELDS + " values"));
        }
        for (Map.Entry<String, FieldValue> e : fields.entrySet()) {
            if (!isCode(e.getKey())) {
                out.add(new Violation("fields", "Code",
                        "names must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"));
                continue;
            }
            String field = "fields[" + e.getKey() + "]";
            FieldValue value = e.getValue();
            if (value == null) {
                out.add(new Violation(field, "NotNull", "must not be null"));
            } else if (value instanceof FieldValue.TextValue t) {
                text(out, field, t.value(), Limits.FIELD_TEXT);
            } else if (value instanceof FieldValue.ChoiceValue c) {
                text(out, field, c.value(), Limits.FIELD_CHOICE);
            } else if (value instanceof FieldValue.NumberValue n) {
                BigDecimal number = n.value();
                int fraction = Math.max(number.scale(), 0);
                int integer = number.precision() - number.scale();
                if (integer > 24 || fraction > 12) {
                    out.add(new Violation(field, "Digits",
                            "numeric value out of bounds (<24 digits>.<12 digits> expected)"));
                }
            } else if (value instanceof FieldValue.DateValue d && !SupportedDate.Validator.isSupported(d.value())) {
                out.add(new Violation(field, "SupportedDate", "must be between 0001-01-01 and 9999-12-31"));
            }
        }
        return out;
    }

    private static void text(List<Violation> out, String field, String value, int max) {
        if (value.isBlank()) {
            out.add(new Violation(field, "NotBlank", "must not be blank"));
        } else if (value.length() > max) {
            out.add(new Violation(field, "Size", "size must be between 0 and " + max));
        } else if (!PlainTextValidator.isPlainText(value, false)) {
            out.add(new Violation(field, "PlainText", "must not contain control characters or unpaired surrogates"));
        }
    }
}
