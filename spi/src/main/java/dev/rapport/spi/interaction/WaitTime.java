package dev.rapport.spi.interaction;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * A caller's wait on a call ({@link Interaction#waitTime()}) lies in the supported range: from zero to
 * {@link #MAX_HOURS} hours, both included. A null is valid (use {@code @NotNull} to forbid it).
 */
@Documented
@Constraint(validatedBy = WaitTime.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WaitTime {

    /** The longest wait a call can record, in hours: {@value}. */
    long MAX_HOURS = 24;

    /** The longest wait a call can record: {@link #MAX_HOURS} hours. */
    Duration MAX = Duration.ofHours(MAX_HOURS);

    /**
     * The message for a wait outside the range.
     *
     * @return the message
     */
    String message() default "must be between PT0S and PT24H";

    /**
     * Validation groups.
     *
     * @return the groups
     */
    Class<?>[] groups() default {};

    /**
     * Payload for clients.
     *
     * @return the payload
     */
    Class<? extends Payload>[] payload() default {};

    /** Checks {@link WaitTime}. */
    final class Validator implements ConstraintValidator<WaitTime, Duration> {
        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value == null || isSupported(value);
        }

        /**
         * Whether a wait lies in the supported range.
         *
         * @param value the wait
         * @return whether it is from zero to {@link WaitTime#MAX}
         */
        public static boolean isSupported(Duration value) {
            return !value.isNegative() && value.compareTo(MAX) <= 0;
        }
    }
}
