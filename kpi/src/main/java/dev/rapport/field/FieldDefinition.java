package dev.rapport.field;

import dev.rapport.spi.field.FieldKind;
import java.util.List;
import java.util.Objects;

/**
 * One custom field a host declares: its name, kind and, for text, its maximum length, for choices, its allowed
 * values. Checked when Rapport is built ({@link FieldSchema#check()}), not here, so that a bad schema is reported by
 * field and rule in one place.
 *
 * @param scope whether it is a case or a customer field
 * @param name the field's name: a code (letters, digits and {@code _ . -}, starting with a letter or digit, 1 to 64
 *        characters), unique within its scope
 * @param kind what its values are
 * @param maxLength for {@link FieldKind#TEXT}, the longest value, 1 to
 *        {@value dev.rapport.spi.validation.Limits#FIELD_TEXT}; 0 for other kinds
 * @param choices for {@link FieldKind#CHOICE}, the allowed values, in the host's order; empty for other kinds
 */
public record FieldDefinition(FieldScope scope, String name, FieldKind kind, int maxLength, List<String> choices) {

    /**
     * Copies the choices (keeping nulls, so that the check can name them).
     *
     * @param scope whether it is a case or a customer field; not null
     * @param name the field's name, as the host declared it; checked by {@link FieldSchema#check()}
     * @param kind what its values are; not null
     * @param maxLength for {@link FieldKind#TEXT}, the longest value in characters; 0 for other kinds
     * @param choices for {@link FieldKind#CHOICE}, the allowed values in the host's order; null is taken as none
     */
    public FieldDefinition {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        choices = choices == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(choices));
    }
}
