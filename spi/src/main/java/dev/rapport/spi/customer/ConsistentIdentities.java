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
import java.util.HashSet;
import java.util.Set;

/**
 * A customer's identities are distinct after normalisation, and each channel has at most one primary identity.
 * Reported on the {@code identities} field.
 */
@Documented
@Constraint(validatedBy = ConsistentIdentities.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentIdentities {

    /**
     * The message when identities repeat.
     *
     * @return the message reported when identities repeat
     */
    String message() default "must not repeat an identity or mark two identities on one channel primary";

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

    /** Checks {@link ConsistentIdentities}. */
    final class Validator implements ConstraintValidator<ConsistentIdentities, Customer> {
        @Override
        public boolean isValid(Customer customer, ConstraintValidatorContext context) {
            if (customer == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            Set<String> primaries = new HashSet<>();
            boolean ok = true;
            for (ContactIdentity identity : customer.identities()) {
                if (identity == null || identity.channel() == null || identity.value() == null) {
                    continue; // reported by the element constraints
                }
                String channel = identity.channel().code();
                ok &= seen.add(channel + '\u0000' + customer.normalFormOf(identity));
                if (identity.primary()) {
                    ok &= primaries.add(channel);
                }
            }
            if (!ok) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("identities")
                        .addConstraintViolation();
            }
            return ok;
        }
    }
}
