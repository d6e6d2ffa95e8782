package dev.rapport.spi.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A locale every storage adapter can keep exactly: its canonical BCP 47 tag ({@link java.util.Locale#toLanguageTag()})
 * is at most {@link Limits#LANGUAGE_TAG} characters and reads back as the same locale. Legacy locales that do not
 * round-trip (such as {@code no_NO_NY}, which Java reads back as {@code nn_NO}) are refused: pass
 * the locale built from its BCP 47 tag instead ({@code Locale.forLanguageTag("nn-NO")}). Null is valid; combine with
 * {@code @NotNull} where a value is required. See {@link Limits#isSupported(java.util.Locale)}.
 */
@Documented
@Constraint(validatedBy = LanguageTagValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageTag {

    /**
     * The message when the value is rejected.
     *
     * @return the message reported when the value is rejected
     */
    String message() default "must be a canonical BCP 47 language tag of at most 35 characters that reads back as the same locale";

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
