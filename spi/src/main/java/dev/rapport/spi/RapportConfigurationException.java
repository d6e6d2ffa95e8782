package dev.rapport.spi;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by {@code Rapport.Builder#build()} when the configuration cannot work: a required property is missing or a
 * given value is unusable. {@link #property()} names the builder property at fault, so the host can fix it at once.
 *
 * <p>Rapport has one type for configuration errors: {@link ValidationException}, which the builders of every policy
 * and settings type throw naming each option and rule. This is its subtype for the facade's builder: its one
 * violation names the property and the rule {@value #RULE}, and its message reads {@code property: what is wrong}.
 */
public class RapportConfigurationException extends ValidationException {

    private static final long serialVersionUID = 1L;

    /** The rule every violation of this exception names: the value does not make a working configuration. */
    public static final String RULE = "Configuration";

    /** The builder property at fault, as named in the message. */
    private final String property;

    /** The message, {@code property: what is wrong}. */
    private final String text;

    /**
     * Creates the exception.
     *
     * @param property the builder property at fault, for example {@code "storage"}
     * @param message what is wrong with it
     */
    public RapportConfigurationException(String property, String message) {
        super("Rapport.Builder", List.of(new Violation(Objects.requireNonNull(property, "property"), RULE,
                Objects.requireNonNull(message, "message"))));
        this.property = property;
        this.text = property + ": " + message;
    }

    /**
     * The builder property at fault, as named by its builder method, for example {@code "storage"}.
     *
     * @return the name of the builder method whose value is wrong or missing, for example {@code "storage"} or
     *        {@code "interval(ROUTING)"}
     */
    public String property() {
        return property;
    }

    /**
     * The property at fault and what is wrong with it.
     *
     * @return {@code property: what is wrong}, for example {@code "storage: is required; ..."}
     */
    @Override
    public String getMessage() {
        return text;
    }
}
