package dev.rapport.internal;

import jakarta.validation.Configuration;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.util.Locale;

/**
 * The one default Jakarta validator of Rapport, used wherever the host gives none (the facade, the follow-up
 * scheduler, the privacy service, benchmarks and tests): the Jakarta Validation provider on the class path (Hibernate
 * Validator, with Expressly interpolating messages), reached through the Jakarta API only, with every message in
 * English. The factory is built once per class loader, on first use, because building it is costly; each
 * {@code Rapport} gets a cheap validator of its own whose {@code @Past} and {@code @Future} constraints read the
 * Rapport's clock. Internal to Rapport; not an API. Thread-safe.
 *
 * <p>Hibernate Validator logs through jboss-logging, which picks its backend once per class loader: the one named by
 * the system property {@value #LOGGING_PROVIDER}, else JBoss LogManager, Log4j 2 or Logback when present, else
 * java.util.logging; so in a host on SLF4J with another binding (or in Rapport's own tests) its version banner went
 * to standard error in java.util.logging's format. Before it builds the factory this class therefore sets that
 * property to {@code slf4j}, but only when it is unset: a host's own choice always wins, and SLF4J hands the lines to
 * whatever backend the host bound it to, which is where Rapport's own logging goes. Setting the property was chosen
 * over a bridge such as jul-to-slf4j, which would install a handler for every java.util.logging logger in the JVM:
 * that is the host's decision, not a library's. Nothing is set when the host passes its own validator to the
 * builder, and nothing changes if jboss-logging was already in use before.
 */
public final class DefaultValidation {

    /** The system property from which jboss-logging takes its backend. */
    public static final String LOGGING_PROVIDER = "org.jboss.logging.provider";

    private DefaultValidation() {
    }

    /**
     * A validator over the shared factory that judges time constraints by the given clock.
     *
     * @param clock the clock {@code @Past}, {@code @Future} and their kin are judged by
     * @return a new, cheap validator over the shared factory
     */
    public static Validator validator(Clock clock) {
        return Holder.FACTORY.usingContext()
                .clockProvider(() -> clock)
                .getValidator();
    }

    /** Builds the factory lazily and once, thread-safely, through class initialisation. */
    private static final class Holder {
        static final ValidatorFactory FACTORY = build();

        private static ValidatorFactory build() {
            logThroughSlf4jUnlessChosen();
            Configuration<?> configuration = Validation.byDefaultProvider().configure();
            MessageInterpolator messages = configuration.getDefaultMessageInterpolator();
            return configuration.messageInterpolator(new InEnglish(messages)).buildValidatorFactory();
        }
    }

    /** Interpolates every message in English, whatever the JVM's default locale. */
    private record InEnglish(MessageInterpolator messages) implements MessageInterpolator {

        @Override
        public String interpolate(String template, Context context) {
            return messages.interpolate(template, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return messages.interpolate(template, context, Locale.ENGLISH);
        }
    }

    /** Points jboss-logging, and with it Hibernate Validator, at SLF4J unless the host chose a backend. */
    private static void logThroughSlf4jUnlessChosen() {
        try {
            if (System.getProperty(LOGGING_PROVIDER) == null) {
                System.setProperty(LOGGING_PROVIDER, "slf4j");
            }
        } catch (SecurityException e) {
            // a security manager forbids it: Hibernate Validator logs wherever jboss-logging finds on its own
        }
    }
}
