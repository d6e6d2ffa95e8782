package dev.rapport.complaint;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** An ISO 4217 currency code the JVM knows, for example {@code "EUR"}; exactly as written, upper case. Null is valid. */
@Documented
@Constraint(validatedBy = CurrencyCode.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {

    /**
     * The message when the code is not a known currency.
     *
     * @return the message template
     */
    String message() default "must be a known ISO 4217 currency code, for example EUR";

    /**
     * Validation groups.
     *
     * @return the groups the constraint belongs to; empty for the default group
     */
    Class<?>[] groups() default {};

    /**
     * Payload for clients.
     *
     * @return the payload; empty by default
     */
    Class<? extends Payload>[] payload() default {};

    /** Checks {@link CurrencyCode}; thread-safe. */
    final class Validator implements ConstraintValidator<CurrencyCode, String> {

        private static final Set<String> KNOWN = Currency.getAvailableCurrencies().stream()
                .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || KNOWN.contains(value);
        }
    }
}
