package dev.rapport.spi.cases;

import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import dev.rapport.spi.validation.SupportedInstant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * One move in a case's lifecycle, kept so that SLA clocks and KPIs can be recomputed from history, and so that the
 * history says who made each move and why.
 *
 * @param from the state before
 * @param to the state after
 * @param at when the move happened
 * @param reason why, in words, when the mover gave one (an automation rule gives its condition); one line of at
 *        most {@link Limits#HOST_TEXT} characters
 * @param actor who made the move; {@link Actor#system()} for moves whose caller did not say, and for every move
 *        stored before actors were kept
 */
public record StatusChange(
        @NotNull CaseStatus from,
        @NotNull CaseStatus to,
        @NotNull @SupportedInstant Instant at,
        @NotNull Optional<@PlainText @Size(max = Limits.HOST_TEXT) String> reason,
        @NotNull @Valid Actor actor) {

    /**
     * Turns a null reason into an empty one and a null actor into {@link Actor#system()}.
     *
     * @param from the state before
     * @param to the state after
     * @param at when the move happened
     * @param reason why, in words, when the mover gave one (an automation rule gives its condition); one line of at
     *        most {@link Limits#HOST_TEXT} characters
     * @param actor who made the move; {@link Actor#system()} for moves whose caller did not say, and for every move
     *        stored before actors were kept
     */
    public StatusChange {
        reason = reason == null ? Optional.empty() : reason;
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * A move made by the system, with no reason.
     *
     * @param from the state before
     * @param to the state after
     * @param at when the move happened
     */
    public StatusChange(CaseStatus from, CaseStatus to, Instant at) {
        this(from, to, at, Optional.empty(), Actor.system());
    }

    /**
     * A move made by an actor, with no reason.
     *
     * @param from the state before
     * @param to the state after
     * @param at when the move happened
     * @param actor who made it
     */
    public StatusChange(CaseStatus from, CaseStatus to, Instant at, Actor actor) {
        this(from, to, at, Optional.empty(), actor);
    }
}
