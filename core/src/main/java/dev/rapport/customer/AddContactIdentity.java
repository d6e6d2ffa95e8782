package dev.rapport.customer;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The command to give a customer one more address. Adding an address the customer already has merges the flags
 * (primary, verified) into the stored one; a new primary address demotes the previous primary one on its channel.
 *
 * @param customerId the customer
 * @param identity the address to add
 * @param actor who adds it; default {@link Actor#system()}
 */
public record AddContactIdentity(@NotNull CustomerId customerId, @NotNull @Valid ContactIdentity identity,
        @NotNull @Valid Actor actor) {

    /**
     * Turns a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer
     * @param identity the address to add
     * @param actor who adds it; default {@link Actor#system()}
     */
    public AddContactIdentity {
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * An address added by the system.
     *
     * @param customerId the customer
     * @param identity the address to add
     */
    public AddContactIdentity(CustomerId customerId, ContactIdentity identity) {
        this(customerId, identity, Actor.system());
    }
}
