package dev.rapport.privacy;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The command to erase a customer's personal data; see {@link PrivacyService#erase(EraseCustomer)}.
 *
 * @param customerId the customer to erase
 * @param reason why, as a code that is safe to store and log, for example {@code "gdpr_request"},
 *        {@code "account_closed"} or {@code "retention_expired"}: letters, digits, {@code _ . -}, starting with a
 *        letter or digit, 1 to 64 characters. Kept on the erased customer as the attribute
 *        {@value PrivacyService#ERASURE_REASON_ATTRIBUTE}.
 * @param actor who erases the customer, kept in the customer's audit trail; default {@link Actor#system()}
 */
public record EraseCustomer(@NotNull CustomerId customerId, @NotNull @Code String reason,
        @NotNull @Valid Actor actor) {

    /**
     * Turns a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer to erase
     * @param reason why, as a code that is safe to store and log, for example {@code "gdpr_request"},
     *        {@code "account_closed"} or {@code "retention_expired"}: letters, digits, {@code _ . -}, starting with a
     *        letter or digit, 1 to 64 characters. Kept on the erased customer as the attribute
     *        {@value PrivacyService#ERASURE_REASON_ATTRIBUTE}.
     * @param actor who erases the customer, kept in the customer's audit trail; default {@link Actor#system()}
     */
    public EraseCustomer {
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * An erasure by the system.
     *
     * @param customerId the customer to erase
     * @param reason why, as a code
     */
    public EraseCustomer(CustomerId customerId, String reason) {
        this(customerId, reason, Actor.system());
    }
}
