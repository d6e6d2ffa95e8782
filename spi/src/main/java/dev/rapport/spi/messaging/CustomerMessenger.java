package dev.rapport.spi.messaging;

/**
 * The port through which Rapport sends messages to customers: the host implements it over its own gateways
 * (email service, SMS provider, WhatsApp Business, a call-back queue).
 *
 * <p>Contract: {@link #send} is called at least once per message and may be called again with the same
 * {@link OutboundMessage#idempotencyKey()} after a timeout or a crash; implementations send each key once and
 * answer a repeat with a receipt marked {@code duplicate}. A failure is a {@link MessageDeliveryException}
 * saying whether to retry; any other exception counts as retryable. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CustomerMessenger {

    /**
     * Sends one message.
     *
     * @param message the message, with its channel, address and idempotency key
     * @return the receipt; marked duplicate if the idempotency key was sent before and nothing new went out
     * @throws MessageDeliveryException if it could not be sent
     */
    DeliveryReceipt send(OutboundMessage message);
}
