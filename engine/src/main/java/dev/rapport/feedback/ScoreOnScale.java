package dev.rapport.feedback;

import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
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
 * A feedback command whose scale is ordered (reported on {@code scale}), whose score lies on it (reported on
 * {@code score}), and, for NPS, whose scale is 0 to 10 with higher better: the rule {@code Feedback} enforces,
 * checked on the command before anything is stored.
 */
@Documented
@Constraint(validatedBy = ScoreOnScale.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ScoreOnScale {

    /**
     * Not used directly; each check reports its own message.
     *
     * @return the fallback message; each failed check reports its own instead
     */
    String message() default "is not consistent with its scale";

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

    /** Checks {@link ScoreOnScale}. Stateless and thread-safe. */
    final class Validator implements ConstraintValidator<ScoreOnScale, RecordFeedback> {
        @Override
        public boolean isValid(RecordFeedback command, ConstraintValidatorContext context) {
            if (command == null || command.scale() == null) {
                return true; // reported by the field constraints
            }
            context.disableDefaultConstraintViolation();
            Scale scale = command.scale();
            if (scale.min() >= scale.max()) {
                return fail(context, "scale", "min must be less than max");
            }
            if (command.metric() == FeedbackMetric.NPS && !scale.equals(Scale.NPS_0_TO_10)) {
                return fail(context, "scale", "NPS must be on 0 to 10, higher is better");
            }
            if (!scale.contains(command.score())) {
                return fail(context, "score", "must be between " + scale.min() + " and " + scale.max());
            }
            return true;
        }

        private static boolean fail(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
