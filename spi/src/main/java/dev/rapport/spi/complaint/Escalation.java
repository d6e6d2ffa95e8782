package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * One escalation of a complaint.
 *
 * @param level a higher tier inside the business or an outside dispute body
 * @param body which tier or body, for example {@code "Complaints review panel"} or {@code "Financial Ombudsman Service"}
 * @param reason why it was escalated, if noted
 * @param at when
 */
public record Escalation(
        @NotNull EscalationLevel level,
        @NotBlank @PlainText @Size(max = Limits.NAME) String body,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> reason,
        @NotNull @SupportedInstant Instant at) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param level a higher tier inside the business or an outside dispute body
     * @param body which tier or body, for example {@code "Complaints review panel"} or
     *        {@code "Financial Ombudsman Service"}
     * @param reason why it was escalated, if noted
     * @param at when
     */
    public Escalation {
        reason = Copies.optional(reason);
    }
}
