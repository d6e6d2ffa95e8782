package dev.rapport.followup;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/** The Jakarta validator used when the host gives none: Hibernate Validator, built once on first use. */
final class DefaultValidator {

    private DefaultValidator() {
    }

    private static final class Holder {
        private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
        private static final Validator VALIDATOR = FACTORY.getValidator();
    }

    static Validator get() {
        return Holder.VALIDATOR;
    }
}
