package dev.rapport.imports;

/**
 * What the import does with a value of an optional field that cannot be used (a time in the wrong format, an unknown
 * priority or agent, a CSAT answer off its scale, a first reply dated before the creation...). Set per field with
 * {@link ColumnMapping.Builder#onBadValue(ColumnMapping.Field, BadValuePolicy)}, or for every optional field with
 * {@link ColumnMapping.Builder#onBadValues(BadValuePolicy)}; the default is {@link #DROP_AND_WARN}. Required fields
 * (ticket id, subject, the customer's address, the status, a channel without a default) always reject their row.
 */
public enum BadValuePolicy {
    /**
     * The value is left out, the rest of the row imports, and the row carries a warning naming the field and the
     * rule; the default, so that one bad value does not lose a ticket's rating, channel and history.
     */
    DROP_AND_WARN,
    /** The row is rejected, naming the field and the rule; nothing of it is stored. */
    REJECT
}
