package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Copies;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decision on a complaint as communicated to the customer, and the customer's answer.
 *
 * @param decision upheld, partly upheld or rejected
 * @param reasons why, as told to the customer
 * @param remedies what is offered, in the order offered; may be empty
 * @param decidedAt when the response was given
 * @param customerAccepted whether the customer accepted it; empty until they answer
 * @param customerRepliedAt when the customer answered
 */
public record ComplaintOutcome(
        @NotNull OutcomeDecision decision,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String reasons,
        @NotNull @Size(max = 20) List<@NotNull @Valid Remedy> remedies,
        @NotNull @SupportedInstant Instant decidedAt,
        @NotNull Optional<Boolean> customerAccepted,
        @NotNull Optional<@SupportedInstant Instant> customerRepliedAt) {

    /**
     * Copies the remedies and turns null optionals into empty ones.
     *
     * @param decision upheld, partly upheld or rejected
     * @param reasons why, as told to the customer
     * @param remedies what is offered, in the order offered; may be empty
     * @param decidedAt when the response was given
     * @param customerAccepted whether the customer accepted it; empty until they answer
     * @param customerRepliedAt when the customer answered
     */
    public ComplaintOutcome {
        remedies = Copies.list(remedies);
        customerAccepted = Copies.optional(customerAccepted);
        customerRepliedAt = Copies.optional(customerRepliedAt);
    }

    /**
     * A decision the customer has not answered yet.
     *
     * @param decision upheld, partly upheld or rejected
     * @param reasons why, as told to the customer; non-blank plain text
     * @param remedies what is offered, in the order offered; may be empty, null is not allowed
     * @param decidedAt when the response was given
     * @return an outcome with {@link #customerAccepted()} and {@link #customerRepliedAt()} empty
     */
    public static ComplaintOutcome decided(OutcomeDecision decision, String reasons, List<Remedy> remedies,
            Instant decidedAt) {
        return new ComplaintOutcome(decision, reasons, remedies, decidedAt, Optional.empty(), Optional.empty());
    }

    /**
     * This outcome with the customer's answer.
     *
     * @param accepted true if the customer accepted the decision, false if they rejected it
     * @param at when the customer answered
     * @return a copy of this outcome carrying the answer and its time; decision, reasons and remedies as before
     */
    public ComplaintOutcome answered(boolean accepted, Instant at) {
        return new ComplaintOutcome(decision, reasons, remedies, decidedAt, Optional.of(accepted), Optional.of(at));
    }
}
