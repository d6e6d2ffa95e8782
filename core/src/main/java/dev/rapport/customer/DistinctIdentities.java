package dev.rapport.customer;

import dev.rapport.spi.customer.ContactIdentity;
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
import java.util.List;
import java.util.Set;

/**
 * A list of contact identities that repeats no identity (compared by channel and
 * {@link ContactIdentity#normalized()}) and marks at most one identity primary per channel: the rule
 * {@code Customer} enforces, checked on the command before anything is stored. Null is valid.
 */
@Documented
@Constraint(validatedBy = DistinctIdentities.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DistinctIdentities {

    /**
     * The message when identities repeat or two on one channel are primary.
     *
     * @return the message reported on the identities when the constraint fails
     */
    String message() default "must not repeat an identity or mark two identities on one channel primary";

    /**
     * Validation groups.
     *
     * @return the Jakarta validation groups the constraint belongs to; none by default
     */
    Class<?>[] groups() default {};

    /**
     * Payload for clients.
     *
     * @return the payload clients attach to the constraint; none by default
     */
    Class<? extends Payload>[] payload() default {};

    /** Checks {@link DistinctIdentities}. Stateless and thread-safe. */
    final class Validator implements ConstraintValidator<DistinctIdentities, List<ContactIdentity>> {
        @Override
        public boolean isValid(List<ContactIdentity> identities, ConstraintValidatorContext context) {
            if (identities == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            Set<String> primaries = new HashSet<>();
            boolean ok = true;
            for (ContactIdentity identity : identities) {
                if (identity == null || identity.channel() == null || identity.value() == null) {
                    continue; // reported by the element constraints
                }
                String channel = identity.channel().code();
                ok &= seen.add(channel + '\u0000' + identity.normalized());
                if (identity.primary()) {
                    ok &= primaries.add(channel);
                }
            }
            return ok;
        }
    }
}
