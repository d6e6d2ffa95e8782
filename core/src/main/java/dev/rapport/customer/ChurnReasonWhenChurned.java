package dev.rapport.customer;

import dev.rapport.spi.customer.CustomerStatus;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@link UpdateCustomerDetails} gives a churn reason only with the status {@link CustomerStatus#CHURNED}; a
 * reason with another status is reported on {@code churnReason}.
 */
@Documented
@Constraint(validatedBy = ChurnReasonWhenChurned.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChurnReasonWhenChurned {

    /**
     * The message for a reason given with another status.
     *
     * @return the message
     */
    String message() default "must only be given with the status CHURNED";

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

    /** Checks {@link ChurnReasonWhenChurned}. Stateless and thread-safe. */
    final class Validator implements ConstraintValidator<ChurnReasonWhenChurned, UpdateCustomerDetails> {
        @Override
        public boolean isValid(UpdateCustomerDetails command, ConstraintValidatorContext context) {
            if (command == null || command.status() == null || command.churnReason() == null
                    || command.churnReason().isEmpty() || command.status() == CustomerStatus.CHURNED) {
                return true; // a missing status is reported by its own constraint
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("churnReason").addConstraintViolation();
            return false;
        }
    }
}
