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

/** No part of a {@link HandleTime} is negative; each negative part is reported on its own field. */
@Documented
@Constraint(validatedBy = NonNegativeDurations.Validator.class)
@Target({ElementType.TYPE, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NonNegativeDurations {

    /**
     * The message for a negative part.
     *
     * @return the message reported when the talk, hold or after-contact work time is negative
     */
    String message() default "must not be negative";

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

    /** Checks {@link NonNegativeDurations}. */
    final class Validator implements ConstraintValidator<NonNegativeDurations, HandleTime> {
        @Override
        public boolean isValid(HandleTime value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean ok = check(value.talk(), "talk", context);
            ok &= check(value.hold(), "hold", context);
            ok &= check(value.afterContactWork(), "afterContactWork", context);
            return ok;
        }

        private static boolean check(Duration d, String field, ConstraintValidatorContext context) {
            if (d == null || !d.isNegative()) {
                return true;
            }
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
