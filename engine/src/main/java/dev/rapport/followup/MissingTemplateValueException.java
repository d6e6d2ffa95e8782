package dev.rapport.followup;

import dev.rapport.spi.RapportException;

/**
 * Thrown when a template names a placeholder that has no value, so that a message never goes out with a blank
 * where a name should be. Names the placeholder, never the values.
 */
public class MissingTemplateValueException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The placeholder without a value, without braces. */
    private final String placeholder;

    /**
     * Creates the exception for the placeholder without a value.
     *
     * @param placeholder the placeholder's name, without braces
     */
    public MissingTemplateValueException(String placeholder) {
        super("no value for placeholder {" + placeholder + "}");
        this.placeholder = placeholder;
    }

    /**
     * The placeholder that has no value.
     *
     * @return the placeholder's name, without braces
     */
    public String placeholder() {
        return placeholder;
    }
}
