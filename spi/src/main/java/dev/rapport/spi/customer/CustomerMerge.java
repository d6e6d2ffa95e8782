package dev.rapport.spi.customer;

import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The record of one customer merged into another, kept after the merged customer is removed so that its id still
 * resolves to the surviving customer.
 *
 * @param merged the customer merged away
 * @param into the surviving customer
 * @param mergedAt when the merge happened
 * @param actor who merged them, as the host names its users or processes (for example {@code "user:ann"})
 */
public record CustomerMerge(
        @NotNull CustomerId merged,
        @NotNull CustomerId into,
        @NotNull Instant mergedAt,
        @NotBlank @PlainText @Size(max = Limits.NAME) String actor) {
}
