package dev.rapport.spi;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when a command or a domain object breaks its constraints. It lists every violation, each naming the
 * field and the rule; nothing is stored when it is thrown.
 */
public class ValidationException extends RapportException {

    private static final long serialVersionUID = 1L;

    /**
     * One broken rule.
     *
     * @param field the property path, for example {@code "identities[0].value"}
     * @param rule the constraint's name, for example {@code "NotBlank"} or {@code "Size"}
     * @param message what the rule requires, for example {@code "size must be between 1 and 200"}
     */
    public record Violation(String field, String rule, String message) {

        /**
         * Checks the parts are present.
         *
         * @param field the property path, for example {@code "identities[0].value"}
         * @param rule the constraint's name, for example {@code "NotBlank"} or {@code "Size"}
         * @param message what the rule requires, for example {@code "size must be between 1 and 200"}
         */
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return field + ": " + message + " (" + rule + ")";
        }
    }


    /** Every violation found; at least one, unmodifiable. */
    private final List<Violation> violations;

    /**
     * Creates the exception.
     *
     * @param subject what was validated, for example {@code "RegisterCustomer"}
     * @param violations every violation found; at least one
     */
    public ValidationException(String subject, List<Violation> violations) {
        super(subject + " is invalid: " + violations.stream()
                .sorted(java.util.Comparator.comparing(Violation::field).thenComparing(Violation::rule))
                .map(Violation::toString)
                .collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /**
     * Convenience for a single violation.
     *
     * @param subject what was validated, for example {@code "RegisterCustomer"}
     * @param field the field at fault, for example {@code "name"}
     * @param rule the rule it breaks, for example {@code "NotBlank"}
     * @param message what the rule requires, for example {@code "must not be blank"}
     * @return an exception carrying that one violation
     */
    public static ValidationException of(String subject, String field, String rule, String message) {
        return new ValidationException(subject, List.of(new Violation(field, rule, message)));
    }

    /**
     * Every violation, in no particular order.
     *
     * @return every violation found, at least one; unmodifiable
     */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The names of the fields at fault, for quick assertions and error pages.
     *
     * @return the fields of the violations, each once, in alphabetical order
     */
    public List<String> fields() {
        return violations.stream().map(Violation::field).distinct().sorted().toList();
    }
}
