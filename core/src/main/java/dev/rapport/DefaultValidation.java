package dev.rapport;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.util.Locale;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorFactory;

/**
 * The default Jakarta validator: Hibernate Validator with Expressly interpolating messages, in English. The factory
 * is built once per class loader, on first use, because building it is costly; each {@link Rapport} gets a cheap
 * validator of its own whose {@code @Past} and {@code @Future} constraints read the Rapport's clock.
 */
final class DefaultValidation {

    private DefaultValidation() {
    }

    /** A validator over the shared factory that judges time constraints by the given clock. */
    static Validator validator(Clock clock) {
        return Holder.FACTORY.unwrap(HibernateValidatorFactory.class)
                .usingContext()
                .clockProvider(() -> clock)
                .getValidator();
    }

    /** Builds the factory lazily and once, thread-safely, through class initialisation. */
    private static final class Holder {
        static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
                .configure()
                .defaultLocale(Locale.ENGLISH)
                .locales(Locale.ENGLISH)
                .buildValidatorFactory();
    }
}
