package dev.rapport.spi.agent;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import java.time.Instant;
import java.util.List;
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
     * @param agent the agent to store, with version 0
     * @return the stored agent, equal to the argument but with version 1
     * @throws ValidationException if the agent breaks a rule of {@link AgentRules}; nothing is stored
     * @throws DuplicateEntityException if an agent with the same id exists (key {@code "id"})
     */
    Agent insert(Agent agent);

    /**
     * Replaces a stored agent if its version is still the stored one; returns it with the version increased by one.
     *
     * @param agent the changed agent, carrying the version it was read with
     * @return the stored agent, with its version one more than the argument's
     * @throws ValidationException if the agent breaks a rule of {@link AgentRules}; nothing is changed
     * @throws AgentNotFoundException if no agent has its id
     * @throws StaleVersionException if the stored version differs from {@code agent.version()}
     */
    Agent update(Agent agent);

    /**
     * The agent with the id, if stored.
     *
     * @param id the agent's id
     * @return the stored agent, or empty if none has the id
     */
    Optional<Agent> findById(AgentId id);

    /**
     * The agent with the id.
     *
     * @param id the agent's id
     * @return the stored agent; never null
     * @throws AgentNotFoundException if none is stored
     */
    default Agent get(AgentId id) {
        return findById(id).orElseThrow(() -> new AgentNotFoundException(id));
    }

    /**
     * All agents, ordered by creation time, then id.
     *
     * @param page which slice of the ordered result to return
     * @return the requested page of agents, retired agents included
     */
    Page<Agent> list(PageRequest page);

    /**
     * The agents of a team, ordered by creation time, then id.
     *
     * @param team the team whose members to list
     * @param page which slice of the ordered result to return
     * @return the requested page of agents whose team is {@code team}; empty for a team without agents
     */
    Page<Agent> findByTeam(TeamId team, PageRequest page);

    /**
     * Up to {@code limit} agents whose id comes after the given one, in id order (the UUID's two halves, unsigned, the
     * order of their text form): for walking every agent by key
     * ({@link dev.rapport.spi.PageWalk#byKey}), so that each page is found through the primary key however far the walk
     * has come (an offset page reads every earlier row again). Agents stored while a walk runs are seen if their id
     * comes after the walk's position. The default filters {@link #list(PageRequest)} and reads every agent per call;
     * adapters override it with an indexed query.
     *
     * @param after only agents whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the agents, in id order, at most {@code limit}
     * @throws NullPointerException if {@code after} is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    default List<Agent> listAfter(Optional<AgentId> after, int limit) {
        java.util.Objects.requireNonNull(after, "after");
        return dev.rapport.spi.PageWalk.afterId(this::list, a -> a.id().value(), after.map(AgentId::value), limit);
    }

    /**
     * The change feed: agents whose stored version was written at or after {@code since} by the store's own clock,
     * ordered by that write time, then id (as unsigned 128-bit numbers, the order of the ids' text), at most
     * {@code limit}. With {@code after} present, only entries after ({@code since}, {@code after}) in that order, to
     * page through many writes at one instant. Every insert and update moves an agent to the end of the feed: the
     * store dates it with its own clock, at the microsecond, when it is written (adapters say which moment: the
     * statement, or on some databases the start of the writing transaction), and that clock does not run backwards.
     * Each agent appears once, with its current version; a rolled-back write leaves no trace. Readers re-read an
     * overlap before their last entry, since a write commits after the time it carries: the overlap must be longer
     * than the time from that moment to the commit, for the longest transaction that writes agents.
     *
     * @param since the earliest write time wanted
     * @param after the id of the last entry read at {@code since}, to continue after it; empty to start at
     *        {@code since}
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return up to {@code limit} changes in feed order, each with the agent's current version and its write time;
     *        empty when nothing was written since
     * @throws dev.rapport.spi.ValidationException if the limit is out of range (field {@code limit}, rule
     *         {@code Range})
     */
    List<AgentChange> changedSince(Instant since, Optional<AgentId> after, int limit);

    /**
     * The store's clock now, on the same scale as {@link AgentChange#writtenAt()}: a write dated after this call
     * carries this time or a later one, and one committed after it carries at least this time less the readers'
     * overlap. Read it before a full load to know where to follow the feed from.
     *
     * @return the store's current time, at the microsecond
     */
    Instant storeTime();
}
