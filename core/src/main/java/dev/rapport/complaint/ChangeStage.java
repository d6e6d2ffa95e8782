package dev.rapport.complaint;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * The command for a stage move that carries no data of its own: to ACKNOWLEDGED (for example in person),
 * INVESTIGATING, CLOSED (accepted, withdrawn or decided by an outside body) or REOPENED. ASSESSED, RESPONDED and
 * ESCALATED have their own commands; RECEIVED is never a target.
 *
 * @param complaintId the complaint
 * @param to the stage to move to
 * @param note why, for the audit trail
 * @param actor who moved it
 */
public record ChangeStage(
        @NotNull ComplaintId complaintId,
        @NotNull ComplaintStage to,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> note,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param complaintId the complaint
     * @param to the stage to move to
     * @param note why, for the audit trail
     * @param actor who moved it
     */
    public ChangeStage {
        note = Copies.optional(note);
    }

    /**
     * A move without a note.
     *
     * @param complaintId the complaint
     * @param to the stage to move to
     * @param actor who moved it
     * @return the command
     */
    public static ChangeStage to(ComplaintId complaintId, ComplaintStage to, String actor) {
        return new ChangeStage(complaintId, to, Optional.empty(), actor);
    }
}
