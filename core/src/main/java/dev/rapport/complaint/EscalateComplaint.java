package dev.rapport.complaint;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * The command to escalate a complaint to a higher tier or an outside dispute body.
 *
 * @param complaintId the complaint
 * @param level higher tier or outside body
 * @param body which tier or body, for example {@code "Financial Ombudsman Service"}; an organisation, not a person
 * @param reason why, if noted
 * @param actor who escalated it
 */
public record EscalateComplaint(
        @NotNull ComplaintId complaintId,
        @NotNull EscalationLevel level,
        @NotBlank @PlainText @Size(max = Limits.NAME) String body,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> reason,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param complaintId the complaint
     * @param level higher tier or outside body
     * @param body which tier or body, for example {@code "Financial Ombudsman Service"}; an organisation, not a person
     * @param reason why, if noted
     * @param actor who escalated it
     */
    public EscalateComplaint {
        reason = Copies.optional(reason);
    }
}
