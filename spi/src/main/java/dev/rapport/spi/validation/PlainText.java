package dev.rapport.spi.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text that every storage adapter can keep exactly: no NUL or other control characters (tab, line feed and
 * carriage return are allowed when {@link #multiline()} is true) and no unpaired UTF-16 surrogates. Null is valid;
 * combine with {@code @NotNull} where a value is required.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    /**
     * The message when the text is rejected.
     *
     * @return the message reported when the text is rejected
     */
    String message() default "must not contain control characters or unpaired surrogates";

    /**
     * Whether line breaks and tabs are allowed; default false (single-line text).
     *
     * @return true if tab, line feed and carriage return are allowed, false for single-line text
     */
    boolean multiline() default false;

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
