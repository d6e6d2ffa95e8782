package dev.rapport.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The command to send a holding response: it tells the customer why a deadline cannot be met and by when the
 * response will come, and moves the deadline to that time where the regime allows it.
 *
 * @param complaintId the complaint
 * @param deadline the code of the deadline to extend, for example {@code "final_response"}
 * @param promisedBy when the response will come; after the current due time and within the regime's limit
 * @param reason why the deadline cannot be met, as told to the customer
 * @param actor who sent it
 */
public record SendHoldingResponse(
        @NotNull ComplaintId complaintId,
        @NotNull @Code String deadline,
        @NotNull @SupportedInstant(wholeMicros = false) Instant promisedBy,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String reason,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {
}
