package dev.rapport.customer;

import jakarta.validation.Valid;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.customer.CustomerId;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/**
 * The command to name the agent who looks after a customer (their relationship manager), or to clear it. Routing
 * offers the customer's cases to this agent first.
 *
 * @param customerId the customer
 * @param agentId the agent, a registered one; empty to clear
 * @param actor who names or clears the agent; default {@link Actor#system()}
 */
public record SetOwnAgent(@NotNull CustomerId customerId, @NotNull Optional<AgentId> agentId,
        @NotNull @Valid Actor actor) {

    /**
     * Turns a null optional into an empty one and a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer whose own agent to set or clear
     * @param agentId the agent, a registered one; empty to clear
     * @param actor who acts; null becomes {@link Actor#system()}
     */
    public SetOwnAgent {
        agentId = agentId == null ? Optional.empty() : agentId;
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * The agent named or cleared by the system.
     *
     * @param customerId the customer
     * @param agentId the agent; empty to clear
     */
    public SetOwnAgent(CustomerId customerId, Optional<AgentId> agentId) {
        this(customerId, agentId, Actor.system());
    }

    /**
     * Names the agent.
     *
     * @param customerId the customer whose own agent to set or clear
     * @param agentId the agent to name, a registered one; null to clear it
     * @return the command, checked when it is run
     */
    public static SetOwnAgent of(CustomerId customerId, AgentId agentId) {
        return new SetOwnAgent(customerId, Optional.ofNullable(agentId));
    }
}
