package dev.rapport.complaint;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * The command recording the customer's answer to the response: accepting closes the complaint, rejecting reopens
 * it.
 *
 * @param complaintId the complaint
 * @param accepted whether the customer accepted the response
 * @param note what the customer said, for the audit trail
 * @param actor who recorded it
 */
public record RecordCustomerReply(
        @NotNull ComplaintId complaintId,
        boolean accepted,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> note,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param complaintId the complaint
     * @param accepted whether the customer accepted the response
     * @param note what the customer said, for the audit trail
     * @param actor who recorded it
     */
    public RecordCustomerReply {
        note = Copies.optional(note);
    }
}
