package dev.rapport.spi.cases;

/** How urgent a case is; routing and SLA targets depend on it. Declared from least to most urgent. */
public enum Priority {
    /** Can wait. */
    LOW,
    /** The default. */
    NORMAL,
    /** Should be handled before normal work. */
    HIGH,
    /** Handle now. */
    URGENT
}
