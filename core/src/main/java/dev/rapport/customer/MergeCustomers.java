package dev.rapport.customer;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The command to merge one customer into another, because both are the same person: everything of {@code merged}
 * moves to {@code into}, and {@code merged} is removed, its id resolving to {@code into}. See
 * {@link CustomerService#merge(MergeCustomers)}.
 *
 * @param into the customer who stays
 * @param merged the customer merged away; must differ from {@code into}
 * @param actor who merges them, as the host names its users or processes (for example {@code "user:ann"})
 */
public record MergeCustomers(
        @NotNull CustomerId into,
        @NotNull CustomerId merged,
        @NotBlank @PlainText @Size(max = Limits.NAME) String actor) {
}
