package dev.rapport.customer;

import jakarta.validation.Valid;
import dev.rapport.spi.cases.Actor;
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
 * @param actor who records it; default {@link Actor#system()}
 */
public record SetConsent(@NotNull CustomerId customerId, @NotNull Channel channel, @NotNull ConsentStatus consent,
        @NotNull @Valid Actor actor) {

    /**
     * Turns a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer
     * @param channel the channel
     * @param consent what the customer said
     * @param actor who records it; default {@link Actor#system()}
     */
    public SetConsent {
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * Consent recorded by the system.
     *
     * @param customerId the customer
     * @param channel the channel
     * @param consent what the customer said
     */
    public SetConsent(CustomerId customerId, Channel channel, ConsentStatus consent) {
        this(customerId, channel, consent, Actor.system());
    }
}
