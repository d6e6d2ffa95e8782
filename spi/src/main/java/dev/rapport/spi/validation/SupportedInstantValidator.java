package dev.rapport.spi.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;

/** Checks {@link SupportedInstant} through {@link Limits#isSupported(Instant)}. Stateless and thread-safe. */
public final class SupportedInstantValidator implements ConstraintValidator<SupportedInstant, Instant> {

    private boolean wholeMicros = true;

    @Override
    public void initialize(SupportedInstant annotation) {
        wholeMicros = annotation.wholeMicros();
    }

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        return value == null || (wholeMicros ? Limits.isSupported(value) : Limits.inRange(value));
    }
}
