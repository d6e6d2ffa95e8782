package dev.rapport.spi.complaint;

import dev.rapport.spi.Money;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An amount of money that is zero or more. Null, and money without an amount, are valid here. */
@Documented
@Constraint(validatedBy = NonNegativeMoney.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NonNegativeMoney {

    /**
     * The message when the amount is negative.
     *
     * @return the message reported for a negative amount
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

    /** Checks {@link NonNegativeMoney}; stateless and thread-safe. */
    final class Validator implements ConstraintValidator<NonNegativeMoney, Money> {
        @Override
        public boolean isValid(Money value, ConstraintValidatorContext context) {
            return value == null || value.amount() == null || value.amount().signum() >= 0;
        }
    }
}
