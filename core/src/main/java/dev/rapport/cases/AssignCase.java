package dev.rapport.cases;

import jakarta.validation.Valid;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import jakarta.validation.constraints.NotNull;

/**
 * The command to give a case to a chosen agent, by hand. Load-aware routing is a separate concern.
 *
 * @param caseId the case
 * @param agentId the agent; must exist
 * @param actor who assigns it; default {@link Actor#system()}
 */
public record AssignCase(@NotNull CaseId caseId, @NotNull AgentId agentId, @NotNull @Valid Actor actor) {

    /**
     * Turns a null actor into {@link Actor#system()}.
     *
     * @param caseId the case
     * @param agentId the agent; must exist
     * @param actor who assigns it; default {@link Actor#system()}
     */
    public AssignCase {
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * An assignment made by the system.
     *
     * @param caseId the case
     * @param agentId the agent; must exist
     */
    public AssignCase(CaseId caseId, AgentId agentId) {
        this(caseId, agentId, Actor.system());
    }
}
