package dev.rapport.customer;

import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.CustomerId;
import jakarta.validation.constraints.NotNull;

/**
 * The command to record whether a customer agrees to be contacted on a channel.
 *
 * @param customerId the customer
 * @param channel the channel
 * @param consent what the customer said
 */
public record SetConsent(@NotNull CustomerId customerId, @NotNull Channel channel, @NotNull ConsentStatus consent) {
}
