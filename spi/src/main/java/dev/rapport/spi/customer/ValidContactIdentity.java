package dev.rapport.spi.customer;

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
 * A contact identity whose value is a plausible address for its channel: an email address on the email channel,
 * 4 to 15 digits (optionally after {@code +}) on phone, SMS and WhatsApp. Reported on the {@code value} field.
 */
@Documented
@Constraint(validatedBy = ValidContactIdentity.Validator.class)
@Target({ElementType.TYPE, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidContactIdentity {

    /**
     * The message when the address does not fit its channel.
     *
     * @return the message reported when the address does not fit its channel
     */
    String message() default "is not a valid address for its channel";

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

    /** Checks {@link ValidContactIdentity}. */
    final class Validator implements ConstraintValidator<ValidContactIdentity, ContactIdentity> {
        @Override
        public boolean isValid(ContactIdentity identity, ConstraintValidatorContext context) {
            if (identity == null || identity.channel() == null || identity.value() == null
                    || identity.value().isBlank()) {
                return true; // reported by the field constraints
            }
            if (ContactIdentity.isPlausible(identity.channel(), identity.value())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            MESSAGE.replace("{channel}", identity.channel().code()))
                    .addPropertyNode("value")
                    .addConstraintViolation();
            return false;
        }

        private static final String MESSAGE = "is not a valid {channel} address";
    }
}
