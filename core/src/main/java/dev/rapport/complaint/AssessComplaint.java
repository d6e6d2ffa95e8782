package dev.rapport.complaint;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * The command to make the initial assessment of a complaint: it moves to ASSESSED and gets its priority.
 *
 * @param complaintId the complaint
 * @param severity how serious it is
 * @param complexity how much investigation it needs
 * @param impact what it means for the customer and the business, if noted
 * @param actor who assessed it
 */
public record AssessComplaint(
        @NotNull ComplaintId complaintId,
        @NotNull Severity severity,
        @NotNull Complexity complexity,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> impact,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param complaintId the complaint
     * @param severity how serious it is
     * @param complexity how much investigation it needs
     * @param impact what it means for the customer and the business, if noted
     * @param actor who assessed it
     */
    public AssessComplaint {
        impact = Copies.optional(impact);
    }
}
