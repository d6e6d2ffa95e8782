package dev.rapport.field;

/** What a custom field is declared for: cases or customers. Each has its own set of field names. */
public enum FieldScope {
    /** Fields on cases. */
    CASE,
    /** Fields on customers. */
    CUSTOMER
}
