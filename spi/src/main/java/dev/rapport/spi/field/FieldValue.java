package dev.rapport.spi.field;

import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The value of one custom field on a case or a customer: text, a number, a date or one of a field's choices. Which
 * fields exist, and of which kind, the host declares in core's {@code FieldSchema}; storage keeps any value in the
 * domain given on each kind and reads it back equal.
 *
 * <p>Every value has one canonical text form ({@link #text()}): the text or choice itself, a number's plain form
 * without trailing zeros ({@code 1.50} is {@code 1.5}), a date's ISO form. Two values are equal when their kinds and
 * canonical forms are; this is what finding by field value and a KPI breakdown by field compare.
 */
public sealed interface FieldValue permits FieldValue.TextValue, FieldValue.NumberValue, FieldValue.DateValue,
        FieldValue.ChoiceValue {

    /**
     * The kind of the value.
     *
     * @return the field kind this value belongs to: text, number, date or choice
     */
    FieldKind kind();

    /**
     * The canonical text form of the value, which storage keeps and KPI groups are labelled with.
     *
     * @return the canonical text: the text or choice itself, the number's plain form without trailing zeros, or the
     *        date's ISO form
     */
    String text();

    /**
     * A text value.
     *
     * @param value a single line of plain text, 1 to {@value Limits#FIELD_TEXT} characters
     * @return the value
     */
    static FieldValue text(String value) {
        return new TextValue(value);
    }

    /**
     * A number value.
     *
     * @param value the number, at most 24 integer and 12 fraction digits
     * @return the value
     */
    static FieldValue number(BigDecimal value) {
        return new NumberValue(value);
    }

    /**
     * A date value.
     *
     * @param value the date, between years 1 and 9999
     * @return the value
     */
    static FieldValue date(LocalDate value) {
        return new DateValue(value);
    }

    /**
     * A choice value.
     *
     * @param value one of the field's allowed values
     * @return the value
     */
    static FieldValue choice(String value) {
        return new ChoiceValue(value);
    }

    /**
     * The value of a kind read back from its canonical text form; for storage adapters.
     *
     * @param kind the kind
     * @param text the canonical text form, as {@link #text()} gave it
     * @return the value
     * @throws IllegalArgumentException if the text is no value of the kind
     */
    static FieldValue parse(FieldKind kind, String text) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        return switch (kind) {
            case TEXT -> new TextValue(text);
            case NUMBER -> new NumberValue(new BigDecimal(text));
            case DATE -> new DateValue(LocalDate.parse(text));
            case CHOICE -> new ChoiceValue(text);
        };
    }

    /**
     * A text value.
     *
     * @param value single-line plain text, 1 to {@value Limits#FIELD_TEXT} characters
     */
    record TextValue(@NotBlank @PlainText @Size(max = Limits.FIELD_TEXT) String value) implements FieldValue {

        /**
         * Checks the value is present.
         *
         * @param value single-line plain text, 1 to {@value Limits#FIELD_TEXT} characters
         */
        public TextValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldKind kind() {
            return FieldKind.TEXT;
        }

        @Override
        public String text() {
            return value;
        }
    }

    /**
     * A number value, kept without trailing zeros so that {@code 1.50} and {@code 1.5} are one value.
     *
     * @param value the number; at most 24 integer and 12 fraction digits
     */
    record NumberValue(@NotNull @Digits(integer = 24, fraction = 12) BigDecimal value) implements FieldValue {

        /**
         * Checks the value is present and drops its trailing zeros.
         *
         * @param value the number; at most 24 integer and 12 fraction digits
         */
        public NumberValue {
            Objects.requireNonNull(value, "value");
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        @Override
        public FieldKind kind() {
            return FieldKind.NUMBER;
        }

        @Override
        public String text() {
            return value.toPlainString();
        }
    }

    /**
     * A date value.
     *
     * @param value the date; years 1 to 9999
     */
    record DateValue(@NotNull @SupportedDate LocalDate value) implements FieldValue {

        /**
         * Checks the value is present.
         *
         * @param value the date; years 1 to 9999
         */
        public DateValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldKind kind() {
            return FieldKind.DATE;
        }

        @Override
        public String text() {
            return value.toString();
        }
    }

    /**
     * A choice value: one of the allowed values the schema declares for the field.
     *
     * @param value single-line plain text, 1 to {@value Limits#FIELD_CHOICE} characters
     */
    record ChoiceValue(@NotBlank @PlainText @Size(max = Limits.FIELD_CHOICE) String value) implements FieldValue {

        /**
         * Checks the value is present.
         *
         * @param value single-line plain text, 1 to {@value Limits#FIELD_CHOICE} characters
         */
        public ChoiceValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldKind kind() {
            return FieldKind.CHOICE;
        }

        @Override
        public String text() {
            return value;
        }
    }
}
