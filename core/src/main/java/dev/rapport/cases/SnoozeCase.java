package dev.rapport.cases;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.validation.SupportedInstant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * The command to snooze a case: automation rules leave it alone until the given time (its status and SLA clocks
 * are not touched). Snoozing again replaces the end of the snooze.
 *
 * @param caseId the case
 * @param until when the snooze ends; must be after now
 * @param actor who snoozes it; default {@link Actor#system()}
 */
public record SnoozeCase(@NotNull CaseId caseId, @NotNull @SupportedInstant Instant until, @NotNull @Valid Actor actor) {

    /**
     * Turns a null actor into {@link Actor#system()}.
     *
     * @param caseId the case to snooze
     * @param until when the snooze ends; must be after now
     * @param actor who snoozes it; default {@link Actor#system()}
     */
    public SnoozeCase {
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * A snooze set by the system.
     *
     * @param caseId the case
     * @param until when the snooze ends
     */
    public SnoozeCase(CaseId caseId, Instant until) {
        this(caseId, until, Actor.system());
    }
}
