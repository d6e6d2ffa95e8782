package dev.rapport.spi.agent;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import java.util.Optional;

/**
 * Holds agents. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe.
 *
 * <p>Writes refuse an invalid agent: {@link #insert} and {@link #update} first run {@link AgentRules#check(Agent)}
 * and throw its {@link ValidationException}, naming every field at fault and the rule it breaks (a blank name, a
 * skill level of 42, a capacity of -3, a negative load, a missing id...), before anything else is looked at or
 * stored. An invalid agent is therefore never stored, whichever adapter is used and whoever calls it.
 */
public interface AgentRepository {

    /**
     * Stores a new agent and returns it as stored, with version 1.
     *
     * @throws ValidationException if the agent breaks a rule of {@link AgentRules}; nothing is stored
     * @throws DuplicateEntityException if an agent with the same id exists (key {@code "id"})
     */
    Agent insert(Agent agent);

    /**
     * Replaces a stored agent if its version is still the stored one; returns it with the version increased by one.
     *
     * @throws ValidationException if the agent breaks a rule of {@link AgentRules}; nothing is changed
     * @throws AgentNotFoundException if no agent has its id
     * @throws StaleVersionException if the stored version differs from {@code agent.version()}
     */
    Agent update(Agent agent);

    /** The agent with the id, if stored. */
    Optional<Agent> findById(AgentId id);

    /**
     * The agent with the id.
     *
     * @throws AgentNotFoundException if none is stored
     */
    default Agent get(AgentId id) {
        return findById(id).orElseThrow(() -> new AgentNotFoundException(id));
    }

    /** All agents, ordered by creation time, then id. */
    Page<Agent> list(PageRequest page);

    /** The agents of a team, ordered by creation time, then id. */
    Page<Agent> findByTeam(TeamId team, PageRequest page);
}
