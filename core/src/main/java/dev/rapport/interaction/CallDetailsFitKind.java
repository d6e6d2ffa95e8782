package dev.rapport.interaction;

import dev.rapport.spi.interaction.InteractionKind;
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
 * A {@link RecordInteraction}'s call details fit its kind: a wait time only on a call ({@link InteractionKind#CALL}
 * or {@link InteractionKind#MISSED_CALL}), and {@code abandoned} only on a missed call. Each misfit is reported on
 * its own field ({@code waitTime}, {@code abandoned}).
 */
@Documented
@Constraint(validatedBy = CallDetailsFitKind.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CallDetailsFitKind {

    /**
     * The message for a detail on the wrong kind.
     *
     * @return the message
     */
    String message() default "must only be given for a call of the matching kind";

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

    /** Checks {@link CallDetailsFitKind}. Stateless and thread-safe. */
    final class Validator implements ConstraintValidator<CallDetailsFitKind, RecordInteraction> {
        @Override
        public boolean isValid(RecordInteraction command, ConstraintValidatorContext context) {
            if (command == null || command.kind() == null) {
                return true; // a missing kind is reported by its own constraint
            }
            context.disableDefaultConstraintViolation();
            boolean ok = true;
            boolean call = command.kind() == InteractionKind.CALL || command.kind() == InteractionKind.MISSED_CALL;
            if (command.waitTime() != null && command.waitTime().isPresent() && !call) {
                context.buildConstraintViolationWithTemplate("must only be given for a CALL or MISSED_CALL")
                        .addPropertyNode("waitTime").addConstraintViolation();
                ok = false;
            }
            if (command.abandoned() && command.kind() != InteractionKind.MISSED_CALL) {
                context.buildConstraintViolationWithTemplate("must only be true for a MISSED_CALL")
                        .addPropertyNode("abandoned").addConstraintViolation();
                ok = false;
            }
            return ok;
        }
    }
}
