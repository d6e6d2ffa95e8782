package dev.rapport.spi.complaint;

/** How serious a complaint is, from the customer's harm and the business's risk. Declared from least to most. */
public enum Severity {
    /** An annoyance; no loss. */
    LOW,
    /** A real inconvenience or a small loss. */
    MEDIUM,
    /** A significant loss, distress, or a vulnerable customer. */
    HIGH,
    /** Harm, a legal or regulatory risk, or public exposure. */
    CRITICAL
}
