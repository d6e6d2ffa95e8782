package dev.rapport.spi.complaint;

/** A kind of remedy offered to put a complaint right. */
public enum RemedyType {
    /** Money paid back. */
    REFUND,
    /** The product replaced or the service performed again. */
    REPLACEMENT,
    /** A voucher or a credit on the account. */
    VOUCHER_OR_CREDIT,
    /** A sincere apology. */
    APOLOGY,
    /** A gesture of goodwill beyond what is owed: flowers, a gift, an upgrade. */
    GOODWILL_GESTURE
}
