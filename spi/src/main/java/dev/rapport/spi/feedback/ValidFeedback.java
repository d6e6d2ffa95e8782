package dev.rapport.spi.feedback;

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
 * A feedback response whose scale is ordered (reported on {@code scale}), whose score lies on it (reported on
 * {@code score}), and, for NPS, whose scale is 0 to 10 with higher better.
 */
@Documented
@Constraint(validatedBy = ValidFeedback.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidFeedback {

    /**
     * Not used directly; each check reports its own message.
     *
     * @return a fallback message; never reported, since each check reports its own
     */
    String message() default "is not consistent with its scale";

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

    /** Checks {@link ValidFeedback}. */
    final class Validator implements ConstraintValidator<ValidFeedback, Feedback> {
        @Override
        public boolean isValid(Feedback feedback, ConstraintValidatorContext context) {
            if (feedback == null || feedback.scale() == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            Scale scale = feedback.scale();
            if (scale.min() >= scale.max()) {
                return fail(context, "scale", "min must be less than max");
            }
            if (feedback.metric() == FeedbackMetric.NPS && !scale.equals(Scale.NPS_0_TO_10)) {
                return fail(context, "scale", "NPS must be on 0 to 10, higher is better");
            }
            if (!scale.contains(feedback.score())) {
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
