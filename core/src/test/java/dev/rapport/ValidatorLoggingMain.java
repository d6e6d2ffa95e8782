package dev.rapport;

import dev.rapport.internal.DefaultValidation;
import jakarta.validation.Validator;
import java.time.Clock;

/**
 * Run by {@link DefaultValidationLoggingTest} in a JVM of its own, where jboss-logging has not chosen a backend yet:
 * builds the default validator, which makes Hibernate Validator log its version banner, and prints the backend the
 * system property names afterwards.
 */
final class ValidatorLoggingMain {

    static final String PROVIDER = "provider after building the validator: ";

    private ValidatorLoggingMain() {
    }

    public static void main(String[] args) {
        Validator validator = DefaultValidation.validator(Clock.systemUTC());
        System.out.println(PROVIDER + System.getProperty(DefaultValidation.LOGGING_PROVIDER) + " "
                + (validator != null));
    }
}
