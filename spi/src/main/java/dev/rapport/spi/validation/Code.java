package dev.rapport.spi.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A short machine-readable name: a category, a segment, a skill, an attribute key. Letters, digits and
 * {@code _ . -}, starting with a letter or digit, 1 to 64 characters. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]*")
@Size(min = 1, max = 64)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Code {

    /**
     * The message when the code is rejected; the composed rule's own message is reported.
     *
     * @return a fallback message; a rejected code is reported with the composed rule's own message
     */
    String message() default "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";

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
}
