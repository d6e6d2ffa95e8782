package dev.rapport.spi;

/**
 * Root of every exception Rapport throws on purpose; unchecked, so hosts catch only what they can act on.
 *
 * <p>Subclasses carry the facts of the failure as typed fields. Constructors are public so that storage
 * adapters written outside this project can throw the same exceptions the contract names. Messages never
 * contain personal data (names, addresses, phone numbers), only ids, field names and rules.
 */
public class RapportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message the explanation; it must not contain personal data
     */
    public RapportException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause it wraps.
     *
     * @param message the explanation; it must not contain personal data
     * @param cause the exception that led to this one; may be null
     */
    public RapportException(String message, Throwable cause) {
        super(message, cause);
    }
}
