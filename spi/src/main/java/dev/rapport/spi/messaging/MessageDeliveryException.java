package dev.rapport.spi.messaging;

import dev.rapport.spi.RapportException;

/**
 * Thrown by a {@link CustomerMessenger} that could not send. {@link #retryable()} says whether trying again may
 * help (a timeout, a rate limit) or not (an address that does not exist).
 */
public class MessageDeliveryException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** Whether a later attempt may succeed. */
    private final boolean retryable;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, without personal data
     * @param retryable whether a later attempt may succeed
     * @param cause the gateway's own error, if any
     */
    public MessageDeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Creates a retryable exception without a cause.
     *
     * @param message what went wrong, without personal data
     */
    public MessageDeliveryException(String message) {
        this(message, true, null);
    }

    /**
     * Whether a later attempt may succeed.
     *
     * @return true if the message may be sent again later, false if sending it again is pointless (a bad address, say)
     */
    public boolean retryable() {
        return retryable;
    }
}
