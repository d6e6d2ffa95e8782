package dev.rapport.spi.interaction;

/** Whether the customer sees an interaction. */
public enum Visibility {
    /** Seen by the customer. */
    PUBLIC,
    /** Internal to the business, such as a note between agents. */
    INTERNAL
}
