package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * The initial assessment of a complaint: how serious and how complex it is, and the priority that follows from
 * that and from the customer's value.
 *
 * @param severity the severity judged at assessment; it may differ from the one given at receipt
 * @param complexity how much investigation it needs
 * @param priority the priority it is handled with
 * @param impact what the problem means for the customer and the business, if noted
 * @param assessedBy who assessed it (an actor, see {@link AuditEntry#actor()})
 * @param assessedAt when
 */
public record Assessment(
        @NotNull Severity severity,
        @NotNull Complexity complexity,
        @NotNull Priority priority,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> impact,
        @NotBlank @PlainText @Size(max = Limits.KEY) String assessedBy,
        @NotNull @SupportedInstant Instant assessedAt) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param severity the severity judged at assessment; it may differ from the one given at receipt
     * @param complexity how much investigation it needs
     * @param priority the priority it is handled with
     * @param impact what the problem means for the customer and the business, if noted
     * @param assessedBy who assessed it (an actor, see {@link AuditEntry#actor()})
     * @param assessedAt when
     */
    public Assessment {
        impact = Copies.optional(impact);
    }
}
