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
 * One entry of a complaint's append-only audit trail: who did what, when.
 *
 * @param at when it happened
 * @param actor who did it: {@link #SYSTEM} for Rapport itself, {@code "agent:<id>"} for an agent, or the host's
 *        own user reference
 * @param action what happened
 * @param from the stage before, for stage changes
 * @param to the stage after, for stage changes
 * @param detail what else an auditor needs: the message kind and key, the body escalated to, the reason given
 */
public record AuditEntry(
        @NotNull @SupportedInstant Instant at,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor,
        @NotNull AuditAction action,
        @NotNull Optional<ComplaintStage> from,
        @NotNull Optional<ComplaintStage> to,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> detail) {

    /** The actor Rapport records for what it does by itself. */
    public static final String SYSTEM = "system";

    /**
     * Turns null optionals into empty ones.
     *
     * @param at when it happened
     * @param actor who did it: {@link #SYSTEM} for Rapport itself, {@code "agent:<id>"} for an agent, or the host's own
     *        user reference
     * @param action what happened
     * @param from the stage before, for stage changes
     * @param to the stage after, for stage changes
     * @param detail what else an auditor needs: the message kind and key, the body escalated to, the reason given
     */
    public AuditEntry {
        from = Copies.optional(from);
        to = Copies.optional(to);
        detail = Copies.optional(detail);
    }

    /**
     * An entry without stages.
     *
     * @param at when it happened
     * @param actor who did it: {@link #SYSTEM}, {@code "agent:<id>"} or the host's own user reference
     * @param action what happened
     * @param detail what else an auditor needs; null for none
     * @return an entry with {@link #from()} and {@link #to()} empty
     */
    public static AuditEntry of(Instant at, String actor, AuditAction action, String detail) {
        return new AuditEntry(at, actor, action, Optional.empty(), Optional.empty(), Optional.ofNullable(detail));
    }

    /**
     * A stage change.
     *
     * @param at when the stage changed
     * @param actor who changed it: {@link #SYSTEM}, {@code "agent:<id>"} or the host's own user reference
     * @param from the stage before; not null
     * @param to the stage after; not null
     * @param detail what else an auditor needs, such as the reason given; null for none
     * @return an entry of action {@link AuditAction#STAGE_CHANGED} carrying both stages
     */
    public static AuditEntry stageChange(Instant at, String actor, ComplaintStage from, ComplaintStage to,
            String detail) {
        return new AuditEntry(at, actor, AuditAction.STAGE_CHANGED, Optional.of(from), Optional.of(to),
                Optional.ofNullable(detail));
    }
}
