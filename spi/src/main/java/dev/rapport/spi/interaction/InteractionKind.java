package dev.rapport.spi.interaction;

/** What an interaction was about. */
public enum InteractionKind {
    /** A message in a conversation, such as a reply on a case. */
    MESSAGE,
    /** A question from the customer. */
    QUESTION,
    /** A request to do something: change an order, send a document. */
    REQUEST,
    /** An expression of dissatisfaction; see the complaint process. */
    COMPLAINT,
    /** Praise, for the business or an agent. */
    COMPLIMENT,
    /** A purchase or order; carries an order reference and amount. */
    PURCHASE,
    /** A survey answer or review, stored in detail as feedback. */
    FEEDBACK,
    /** A voice call that was answered. */
    CALL,
    /** A call that nobody answered; triggers a call-back. */
    MISSED_CALL,
    /** An internal note; never counts as a reply. */
    NOTE
}
