package dev.rapport.spi.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Locale;

/** Checks {@link LanguageTag} through {@link Limits#isSupported(Locale)}. Stateless and thread-safe. */
public final class LanguageTagValidator implements ConstraintValidator<LanguageTag, Locale> {

    @Override
    public boolean isValid(Locale value, ConstraintValidatorContext context) {
        return value == null || Limits.isSupported(value);
    }
}
