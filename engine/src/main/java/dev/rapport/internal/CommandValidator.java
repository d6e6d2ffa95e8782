package dev.rapport.internal;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks commands and domain values with Jakarta Validation and turns every violation into one
 * {@link ValidationException} that names each field and rule. Internal to Rapport; not an API. Thread-safe.
 */
public final class CommandValidator {

    private final Validator validator;

    /**
     * A validator backed by the given Jakarta validator.
     *
     * @param validator the Jakarta validator commands are checked with
     */
    public CommandValidator(Validator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * The Jakarta validator behind this checker.
     *
     * @return the Jakarta validator given to the constructor
     */
    public Validator validator() {
        return validator;
    }

    /**
     * Returns the value if it is valid.
     *
     * @param value the command or domain value; null is reported as a violation of the whole value
     * @param <T> its type
     * @return the same value
     * @throws ValidationException listing every violation
     */
    public <T> T check(T value) {
        if (value == null) {
            throw ValidationException.of("command", "command", "NotNull", "must not be null");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ValidationException(value.getClass().getSimpleName(), toViolations(violations));
        }
        return value;
    }

    /**
     * The violations as Rapport's own, each naming the property path and the constraint.
     *
     * @param violations the Jakarta violations of one checked value
     * @return one violation per Jakarta violation, in the set's order, each naming the readable property path, the
     *        constraint's simple name and its message
     */
    public static List<Violation> toViolations(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new Violation(path(v), v.getConstraintDescriptor().getAnnotation().annotationType()
                        .getSimpleName(), v.getMessage()))
                .toList();
    }

    private static String path(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // container elements of Optional show as "field" or "field.<...>"; keep the readable part
        path = path.replace(".<list element>", "").replace(".<map value>", "").replace(".<map key>", "")
                .replace(".<iterable element>", "").replace("<list element>", "").replace("<map value>", "")
                .replace("<map key>", "").replace("<iterable element>", "");
        // a map key may hold personal data (an attribute value used as key, an address): name the map, not the key
        path = MAP_KEY.matcher(path).replaceAll("[*]").replace("<K>", "");
        return path.isEmpty() ? "value" : path;
    }

    /** An index in a property path that is not a list position, i.e. a map key. */
    private static final java.util.regex.Pattern MAP_KEY = java.util.regex.Pattern.compile("\\[(?![0-9]+\\])[^\\]]+\\]");
}
