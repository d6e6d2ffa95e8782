package dev.rapport.customer;

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
 */
public record RemoveContactIdentity(
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotBlank @PlainText @Size(max = Limits.ADDRESS) String address) {
}
