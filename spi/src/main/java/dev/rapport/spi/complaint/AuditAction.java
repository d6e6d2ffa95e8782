package dev.rapport.spi.complaint;

/** What an entry of a complaint's audit trail records. */
public enum AuditAction {
    /** The complaint or compliment was received. */
    RECEIVED,
    /** The stage changed; the entry names from and to. */
    STAGE_CHANGED,
    /** A message went to the customer; the detail names its kind and idempotency key. */
    MESSAGE_SENT,
    /** A message could not be sent this time, but a later attempt may succeed; the detail says why. */
    MESSAGE_FAILED,
    /** A message cannot be sent: the customer has no address that may be used, or the gateway refused it for good. */
    MESSAGE_UNDELIVERABLE,
    /** The initial assessment was made or revised. */
    ASSESSED,
    /** The complaint was linked to a case. */
    CASE_LINKED,
    /** Root causes were assigned. */
    ROOT_CAUSES_ASSIGNED,
    /** A holding response extended a deadline. */
    HOLDING_RESPONSE,
    /** The decision with its reasons and remedies was recorded. */
    OUTCOME_RECORDED,
    /** The customer accepted the response. */
    CUSTOMER_ACCEPTED,
    /** The customer rejected the response. */
    CUSTOMER_REJECTED,
    /** The complaint was escalated; the detail names the tier or body. */
    ESCALATED,
    /** A reminder before a deadline was raised. */
    DEADLINE_APPROACHING,
    /** A deadline was missed. */
    DEADLINE_BREACHED,
    /** A free note by someone handling the complaint. */
    NOTE
}
