package dev.rapport.customer;

import jakarta.validation.Valid;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The command to take an address away from a customer. The address is matched as lookups match it (emails and
 * handles case-insensitively, phone numbers without formatting); removing an address the customer does not have
 * changes nothing.
 *
 * @param customerId the customer
 * @param channel the channel of the address
 * @param address the address, in any formatting
 * @param actor who takes it away; default {@link Actor#system()}
 */
public record RemoveContactIdentity(
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotBlank @PlainText @Size(max = Limits.ADDRESS) String address,
        @NotNull @Valid Actor actor) {

    /**
     * Turns a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer
     * @param channel the channel of the address
     * @param address the address, in any formatting
     * @param actor who takes it away; default {@link Actor#system()}
     */
    public RemoveContactIdentity {
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * An address taken away by the system.
     *
     * @param customerId the customer
     * @param channel the channel of the address
     * @param address the address, in any formatting
     */
    public RemoveContactIdentity(CustomerId customerId, Channel channel, String address) {
        this(customerId, channel, address, Actor.system());
    }
}
