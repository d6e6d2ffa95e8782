package dev.rapport.complaint;

import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import java.util.Objects;
import java.util.Set;

/**
 * Gives a complaint its priority at assessment from its severity and the customer's value. The host supplies its
 * own (for example from lifetime value), or uses a preset. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PriorityPolicy {

    /**
     * The priority for a complaint of the given severity from the given customer.
     *
     * @param severity the severity the assessment gives
     * @param customer the complaining customer, as stored
     * @return the priority of the complaint and of its case
     */
    Priority priorityOf(Severity severity, Customer customer);

    /**
     * Severity alone: LOW to LOW, MEDIUM to NORMAL, HIGH to HIGH, CRITICAL to URGENT. The default.
     *
     * @return the policy
     */
    static PriorityPolicy bySeverity() {
        return (severity, customer) -> base(severity);
    }

    /**
     * Severity, one step more urgent (up to URGENT) for customers in one of the valued segments, for example
     * {@code Set.of("gold", "platinum")}.
     *
     * @param valuedSegments the customer segments that raise the priority a step
     * @return the policy
     */
    static PriorityPolicy bySeverityAndSegments(Set<String> valuedSegments) {
        Set<String> segments = Set.copyOf(Objects.requireNonNull(valuedSegments, "valuedSegments"));
        return (severity, customer) -> {
            Priority priority = base(severity);
            boolean valued = customer.segment().filter(segments::contains).isPresent();
            return valued && priority != Priority.URGENT ? Priority.values()[priority.ordinal() + 1] : priority;
        };
    }

    private static Priority base(Severity severity) {
        return switch (severity) {
            case LOW -> Priority.LOW;
            case MEDIUM -> Priority.NORMAL;
            case HIGH -> Priority.HIGH;
            case CRITICAL -> Priority.URGENT;
        };
    }
}
