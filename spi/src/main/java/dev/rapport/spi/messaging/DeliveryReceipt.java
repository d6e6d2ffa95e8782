package dev.rapport.spi.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the messenger reports after taking a message.
 *
 * @param providerMessageId the gateway's id for the message, if it gives one
 * @param acceptedAt when the gateway took it
 * @param duplicate true if the idempotency key had been sent before and nothing new went out
 */
public record DeliveryReceipt(Optional<String> providerMessageId, Instant acceptedAt, boolean duplicate) {

    /**
     * Checks the parts are present.
     *
     * @param providerMessageId the gateway's id for the message, if it gives one
     * @param acceptedAt when the gateway took it
     * @param duplicate true if the idempotency key had been sent before and nothing new went out
     */
    public DeliveryReceipt {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /**
     * A receipt for a message sent now for the first time.
     *
     * @param at when the gateway took the message
     * @return a receipt without a provider message id, not marked duplicate
     */
    public static DeliveryReceipt accepted(Instant at) {
        return new DeliveryReceipt(Optional.empty(), at, false);
    }
}
