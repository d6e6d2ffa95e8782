package dev.rapport.field;

import dev.rapport.spi.field.FieldKind;
import dev.rapport.spi.field.TagsAndFields;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The custom fields a host declares for cases and for customers: typed (text with a maximum length, number, date,
 * choice among allowed values), each scope with its own names. Given to {@code Rapport.Builder#customFields} and
 * checked when Rapport is built ({@link #check()}); values on cases and customers are then checked against it
 * ({@link FieldChecks}). Immutable and thread-safe.
 *
 * <pre>{@code
 * FieldSchema schema = FieldSchema.builder()
 *         .caseText("order_number", 40)
 *         .caseChoice("carrier", "dhl", "ups", "post")
 *         .caseDate("delivery_date")
 *         .customerNumber("loyalty_points")
 *         .build();
 * }</pre>
 */
public final class FieldSchema {

    /** The schema with no fields, the default: every field value is refused as undeclared. */
    public static final FieldSchema NONE = new FieldSchema(List.of());

    private final List<FieldDefinition> definitions;

    private FieldSchema(List<FieldDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /**
     * A builder of a schema, with no fields to start with.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every declared field, in the order declared.
     *
     * @return the definitions
     */
    public List<FieldDefinition> definitions() {
        return definitions;
    }

    /**
     * The declared field of a scope with the name.
     *
     * @param scope cases or customers
     * @param name the field's name
     * @return the definition, if declared
     */
    public Optional<FieldDefinition> find(FieldScope scope, String name) {
        return definitions.stream().filter(d -> d.scope() == scope && d.name() != null && d.name().equals(name))
                .findFirst();
    }

    /**
     * Checks the schema and returns it. The rules: a name is a code ({@code Code}); names are unique within a scope
     * ({@code Unique}); a scope has at most {@value Limits#FIELDS} fields ({@code Size}); a text field's maximum
     * length is 1 to {@value Limits#FIELD_TEXT} ({@code MaxLength}); a choice field has at least one allowed value
     * ({@code NotEmpty}), each a non-blank single line of at most {@value Limits#FIELD_CHOICE} characters
     * ({@code Choice}), none repeated ({@code UniqueChoice}).
     *
     * @return this schema
     * @throws InvalidFieldSchemaException naming the first field at fault and the rule it breaks
     */
    public FieldSchema check() {
        Map<FieldScope, Set<String>> names = new LinkedHashMap<>();
        for (FieldDefinition d : definitions) {
            if (!TagsAndFields.isCode(d.name())) {
                throw new InvalidFieldSchemaException(d.scope(), d.name(), "Code",
                        "a name must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
            }
            Set<String> seen = names.computeIfAbsent(d.scope(), s -> new HashSet<>());
            if (!seen.add(d.name())) {
                throw new InvalidFieldSchemaException(d.scope(), d.name(), "Unique", "is declared twice");
            }
            if (seen.size() > Limits.FIELDS) {
                throw new InvalidFieldSchemaException(d.scope(), d.name(), "Size",
                        "a scope may declare at most " + Limits.FIELDS + " fields");
            }
            if (d.kind() == FieldKind.TEXT && (d.maxLength() < 1 || d.maxLength() > Limits.FIELD_TEXT)) {
                throw new InvalidFieldSchemaException(d.scope(), d.name(), "MaxLength",
                        "the maximum length must be between 1 and " + Limits.FIELD_TEXT);
            }
            if (d.kind() == FieldKind.CHOICE) {
                checkChoices(d);
            }
        }
        return this;
    }

    private static void checkChoices(FieldDefinition d) {
        if (d.choices().isEmpty()) {
            throw new InvalidFieldSchemaException(d.scope(), d.name(), "NotEmpty",
                    "a choice field needs at least one allowed value");
        }
        Set<String> seen = new HashSet<>();
        for (String choice : d.choices()) {
            if (choice == null || choice.isBlank() || choice.length() > Limits.FIELD_CHOICE
                    || !PlainTextValidator.isPlainText(choice, false)) {
                throw new InvalidFieldSchemaException(d.scope(), d.name(), "Choice",
                        "allowed values must be non-blank single lines of at most " + Limits.FIELD_CHOICE
                                + " characters without control characters");
            }
            if (!seen.add(choice)) {
                throw new InvalidFieldSchemaException(d.scope(), d.name(), "UniqueChoice",
                        "an allowed value is listed twice");
            }
        }
    }

    @Override
    public String toString() {
        return "FieldSchema" + definitions;
    }

    /** Builds a {@link FieldSchema}; not thread-safe. Nothing is checked until Rapport is built. */
    public static final class Builder {

        private final List<FieldDefinition> definitions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Declares a field; the typed methods below are shorter.
         *
         * @param definition the field
         * @return this builder
         */
        public Builder field(FieldDefinition definition) {
            definitions.add(java.util.Objects.requireNonNull(definition, "definition"));
            return this;
        }

        /**
         * Declares a text field on cases.
         *
         * @param name the field's name
         * @param maxLength the longest value, 1 to {@value Limits#FIELD_TEXT}
         * @return this builder
         */
        public Builder caseText(String name, int maxLength) {
            return field(new FieldDefinition(FieldScope.CASE, name, FieldKind.TEXT, maxLength, List.of()));
        }

        /**
         * Declares a number field on cases.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder caseNumber(String name) {
            return field(new FieldDefinition(FieldScope.CASE, name, FieldKind.NUMBER, 0, List.of()));
        }

        /**
         * Declares a date field on cases.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder caseDate(String name) {
            return field(new FieldDefinition(FieldScope.CASE, name, FieldKind.DATE, 0, List.of()));
        }

        /**
         * Declares a choice field on cases.
         *
         * @param name the field's name
         * @param choices the allowed values; at least one
         * @return this builder
         */
        public Builder caseChoice(String name, String... choices) {
            return field(new FieldDefinition(FieldScope.CASE, name, FieldKind.CHOICE, 0, list(choices)));
        }

        /**
         * Declares a text field on customers.
         *
         * @param name the field's name
         * @param maxLength the longest value, 1 to {@value Limits#FIELD_TEXT}
         * @return this builder
         */
        public Builder customerText(String name, int maxLength) {
            return field(new FieldDefinition(FieldScope.CUSTOMER, name, FieldKind.TEXT, maxLength, List.of()));
        }

        /**
         * Declares a number field on customers.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder customerNumber(String name) {
            return field(new FieldDefinition(FieldScope.CUSTOMER, name, FieldKind.NUMBER, 0, List.of()));
        }

        /**
         * Declares a date field on customers.
         *
         * @param name the field's name
         * @return this builder
         */
        public Builder customerDate(String name) {
            return field(new FieldDefinition(FieldScope.CUSTOMER, name, FieldKind.DATE, 0, List.of()));
        }

        /**
         * Declares a choice field on customers.
         *
         * @param name the field's name
         * @param choices the allowed values; at least one
         * @return this builder
         */
        public Builder customerChoice(String name, String... choices) {
            return field(new FieldDefinition(FieldScope.CUSTOMER, name, FieldKind.CHOICE, 0, list(choices)));
        }

        /**
         * The schema; checked when Rapport is built.
         *
         * @return the schema
         */
        public FieldSchema build() {
            return new FieldSchema(definitions);
        }

        private static List<String> list(String[] choices) {
            return choices == null ? List.of() : Arrays.asList(choices.clone());
        }
    }
}
