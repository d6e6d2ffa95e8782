package dev.rapport.spi.field;

/** The kinds of custom field a host can declare: what a {@link FieldValue} holds. */
public enum FieldKind {
    /** Single-line text up to a maximum length. */
    TEXT,
    /** A decimal number. */
    NUMBER,
    /** A calendar date without time or zone. */
    DATE,
    /** One of a fixed list of allowed values. */
    CHOICE
}
