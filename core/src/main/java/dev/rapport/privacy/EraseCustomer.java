package dev.rapport.privacy;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import jakarta.validation.constraints.NotNull;

/**
 * The command to erase a customer's personal data; see {@link PrivacyService#erase(EraseCustomer)}.
 *
 * @param customerId the customer to erase
 * @param reason why, as a code that is safe to store and log, for example {@code "gdpr_request"},
 *        {@code "account_closed"} or {@code "retention_expired"}: letters, digits, {@code _ . -}, starting with a
 *        letter or digit, 1 to 64 characters. Kept on the erased customer as the attribute
 *        {@value PrivacyService#ERASURE_REASON_ATTRIBUTE}.
 */
public record EraseCustomer(@NotNull CustomerId customerId, @NotNull @Code String reason) {
}
