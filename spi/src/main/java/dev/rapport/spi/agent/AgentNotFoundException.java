package dev.rapport.spi.agent;

import dev.rapport.spi.NotFoundException;

/** Thrown when no agent has the given id. */
public class AgentNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored agent has. */
    private final AgentId agentId;

    /**
     * Creates the exception for the missing id.
     *
     * @param agentId the id that no stored agent has
     */
    public AgentNotFoundException(AgentId agentId) {
        super("agent", agentId);
        this.agentId = agentId;
    }

    /**
     * The id that was not found.
     *
     * @return the id that was looked up and is not stored
     */
    public AgentId agentId() {
        return agentId;
    }
}
