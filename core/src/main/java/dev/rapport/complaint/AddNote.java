package dev.rapport.complaint;

import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The command to add a note to a complaint's audit trail.
 *
 * @param complaintId the complaint
 * @param note the note
 * @param actor who wrote it
 */
public record AddNote(
        @NotNull ComplaintId complaintId,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String note,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {
}
