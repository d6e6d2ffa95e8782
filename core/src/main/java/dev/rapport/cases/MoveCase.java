package dev.rapport.cases;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * The command to move a case in its lifecycle; the allowed moves are those of {@link CaseStatus}. The move joins
 * the case's history with its actor and reason.
 *
 * @param caseId the case
 * @param to the state to move it to
 * @param actor who moves it; default {@link Actor#system()}
 * @param reason why, if the actor says; one line of at most {@link Limits#HOST_TEXT} characters; default none
 */
public record MoveCase(
        @NotNull CaseId caseId,
        @NotNull CaseStatus to,
        @NotNull @Valid Actor actor,
        @NotNull Optional<@PlainText @Size(max = Limits.HOST_TEXT) String> reason) {

    /**
     * Turns a null actor into {@link Actor#system()} and a null reason into none.
     *
     * @param caseId the case to move
     * @param to the state to move it to
     * @param actor who moves it; default {@link Actor#system()}
     * @param reason why, if the actor says; one line of at most {@link Limits#HOST_TEXT} characters; default none
     */
    public MoveCase {
        actor = actor == null ? Actor.system() : actor;
        reason = reason == null ? Optional.empty() : reason;
    }

    /**
     * A move made by the system, with no reason.
     *
     * @param caseId the case
     * @param to the state to move it to
     */
    public MoveCase(CaseId caseId, CaseStatus to) {
        this(caseId, to, Actor.system(), Optional.empty());
    }

    /**
     * A move made by an actor, with no reason.
     *
     * @param caseId the case
     * @param to the state to move it to
     * @param actor who moves it
     */
    public MoveCase(CaseId caseId, CaseStatus to, Actor actor) {
        this(caseId, to, actor, Optional.empty());
    }
}
