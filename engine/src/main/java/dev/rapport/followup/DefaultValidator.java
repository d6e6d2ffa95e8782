package dev.rapport.followup;

import dev.rapport.internal.DefaultValidation;
import jakarta.validation.Validator;
import java.time.Clock;

/**
 * The Jakarta validator the follow-up package uses when the host gives none: Rapport's one default
 * ({@link DefaultValidation}), judging time constraints by the system clock.
 */
final class DefaultValidator {

    private DefaultValidator() {
    }

    static Validator get() {
        return DefaultValidation.validator(Clock.systemUTC());
    }
}
