package dev.rapport.spi;

import java.util.Objects;

/**
 * Thrown by {@code Rapport.Builder#build()} when the configuration cannot work: a required property is missing or a
 * given value is unusable. {@link #property()} names the builder property at fault, so the host can fix it at once.
 */
public class RapportConfigurationException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The builder property at fault, as named in the message. */
    private final String property;

    /**
     * Creates the exception.
     *
     * @param property the builder property at fault, for example {@code "storage"}
     * @param message what is wrong with it
     */
    public RapportConfigurationException(String property, String message) {
        super(Objects.requireNonNull(property, "property") + ": " + message);
        this.property = property;
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
}
