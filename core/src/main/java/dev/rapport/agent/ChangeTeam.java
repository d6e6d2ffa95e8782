package dev.rapport.agent;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The command to move an agent to another team, or out of every team. Cases the agent holds keep their team.
 *
 * @param agentId the agent
 * @param team the new team; empty for none
 */
public record ChangeTeam(@NotNull AgentId agentId, @NotNull Optional<TeamId> team) {

    /**
     * Turns a null team into an empty one.
     *
     * @param agentId the agent to move to another team, or to none
     * @param team the new team; empty for none
     */
    public ChangeTeam {
        team = Copies.optional(team);
    }

    /**
     * The command for the given team; null for none.
     *
     * @param agentId the agent to move to another team, or to none
     * @param team the agent's new team, or null for none
     * @return the command, checked when it is run
     */
    public static ChangeTeam of(AgentId agentId, TeamId team) {
        return new ChangeTeam(agentId, Optional.ofNullable(team));
    }
}
