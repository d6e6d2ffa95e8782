package dev.rapport.spi.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An instant every storage adapter can keep exactly: from {@link Limits#MIN_INSTANT} (0001-01-01T00:00:00Z) to
 * {@link Limits#MAX_INSTANT} (9999-12-31T23:59:59.999999Z), in whole microseconds. Null is valid; combine with
 * {@code @NotNull} where a value is required. Commands whose instants Rapport truncates to the microsecond itself set
 * {@link #wholeMicros()} to false, so only the range is checked there.
 */
@Documented
@Constraint(validatedBy = SupportedInstantValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SupportedInstant {

    /**
     * The message when the value is rejected.
     *
     * @return the message reported when the value is rejected
     */
    String message() default "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in whole microseconds";

    /**
     * Whether digits below the microsecond are refused; default true.
     *
     * @return true if an instant with digits below the microsecond is refused, false if only the range is checked
     */
    boolean wholeMicros() default true;

    /**
     * Validation groups.
     *
     * @return the validation groups the constraint belongs to; none means the default group
     */
    Class<?>[] groups() default {};

    /**
     * Payload for clients.
     *
     * @return the payload types clients attach to the constraint; none by default
     */
    Class<? extends Payload>[] payload() default {};
}
