package dev.rapport.spi.interaction;

/** Who handled an interaction on the business's side. Only a human's public reply counts as a reply in KPIs and SLAs. */
public enum Handler {
    /** A human agent, or the customer themselves for inbound interactions. */
    HUMAN,
    /** A chatbot or voice bot. */
    BOT,
    /** An automatic message: auto-reply, acknowledgement, notification. */
    AUTOMATIC
}
