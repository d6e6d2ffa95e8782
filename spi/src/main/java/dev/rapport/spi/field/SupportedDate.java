package dev.rapport.spi.field;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

/** A date every storage adapter keeps exactly: years 1 to 9999. Null is valid. */
@Documented
@Constraint(validatedBy = SupportedDate.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SupportedDate {

    /**
     * The message when the date is rejected.
     *
     * @return the message reported when the date is rejected
     */
    String message() default "must be between 0001-01-01 and 9999-12-31";

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

    /** Checks {@link SupportedDate}. */
    final class Validator implements ConstraintValidator<SupportedDate, LocalDate> {

        /**
         * Whether the date is in the supported range.
         *
         * @param value the date; null is valid
         * @return true if null or between years 1 and 9999
         */
        public static boolean isSupported(LocalDate value) {
            return value == null || value.getYear() >= 1 && value.getYear() <= 9999;
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return isSupported(value);
        }
    }
}
