package dev.rapport.complaint;

import dev.rapport.spi.Copies;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The command to respond to a complaint with a decision, its reasons and the remedies offered; the complaint moves
 * to RESPONDED, which meets its deadlines, and the response goes to the customer.
 *
 * @param complaintId the complaint
 * @param decision upheld, partly upheld or rejected
 * @param reasons why, as told to the customer
 * @param remedies what is offered; may be empty, at most 20
 * @param actor who responded
 */
public record RespondToComplaint(
        @NotNull ComplaintId complaintId,
        @NotNull OutcomeDecision decision,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String reasons,
        @NotNull @Size(max = 20) List<@NotNull @Valid RemedyOffer> remedies,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Copies the remedies, keeping nulls for the validator.
     *
     * @param complaintId the complaint
     * @param decision upheld, partly upheld or rejected
     * @param reasons why, as told to the customer
     * @param remedies what is offered; may be empty, at most 20
     * @param actor who responded
     */
    public RespondToComplaint {
        remedies = Copies.list(remedies);
    }
}
