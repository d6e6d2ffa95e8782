package dev.rapport.agent;

import static dev.rapport.internal.Arguments.requireArgument;
import static dev.rapport.internal.Arguments.requireLimit;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.event.AgentChanged;
import dev.rapport.spi.event.AgentPresenceChanged;
import dev.rapport.spi.event.AgentRegistered;
import dev.rapport.spi.event.AgentRetired;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers agents, keeps their skills, languages, per-channel capacity, team and presence, and retires them.
 *
 * <p><b>Validation.</b> Every command is checked before anything is stored: a rejected command throws a
 * {@link ValidationException} naming every bad field and the rule it breaks, and changes nothing. The agent that
 * results is checked again against {@link Agent}'s own rules, which the storage port also enforces.
 *
 * <p><b>Presence.</b> Any presence may follow any other, except that {@link Presence#RETIRED} is final: a retired
 * agent is never given work and a move out of it throws an {@link IllegalTransitionException} naming both states.
 * Agents are retired by {@link #retire}, never by {@link #setPresence}. Retiring does not take work away: cases the
 * agent holds stay assigned until they are released or reassigned. A retired agent's skills, languages, capacity and
 * team may still be corrected, for reports.
 *
 * <p><b>Concurrent changes.</b> Routing changes an agent's load and last assignment times while this service
 * changes the rest. Every change therefore reads the agent afresh in its own transaction and applies only what the
 * command changes to what it read; when another writer got there first ({@link StaleVersionException}), it reads
 * again and applies the change again, up to {@link #MAX_ATTEMPTS} times in all. Load and assignment times are never
 * written from an earlier read. A command that changes nothing writes nothing and raises nothing.
 *
 * <p><b>Events and hook.</b> Each change runs in the runtime's unit of work and raises its event there:
 * {@link AgentRegistered}, {@link AgentChanged} (naming the aspects that changed), {@link AgentPresenceChanged} or
 * {@link AgentRetired}; events carry ids and codes, never the agent's name. After each committed change the
 * {@code afterCommit} hook is called with the agent as stored, on the calling thread; a hook that throws is logged
 * and does not undo or fail the change. Times come from the runtime's clock, truncated to microseconds.
 *
 * <p>Thread-safe: immutable apart from what it is given, and safe to share between threads, provided the hook is.
 */
public final class AgentService {

    /** How often a change is tried in all when other writers (routing, other nodes) keep changing the same agent. */
    public static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(AgentService.class);

    private final EngineRuntime runtime;
    private final Consumer<Agent> afterCommit;

    /**
     * Creates the service; {@code Rapport} does this and hands it to hosts.
     *
     * @param runtime the storage, clock, validator and unit of work shared by every service
     * @param afterCommit called with the agent as stored after each committed change, for example to wake the local
     *        router; must be thread-safe
     */
    public AgentService(EngineRuntime runtime, Consumer<Agent> afterCommit) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
    }

    /**
     * Registers a new agent; raises {@link AgentRegistered}.
     *
     * @param command the new agent's name, skills, languages, capacity, team and presence
     * @return the agent as stored, with version 1, no load and the given presence
     * @throws ValidationException naming every bad field of the command, {@code presence} if it is
     *         {@link Presence#RETIRED}
     * @throws DuplicateEntityException if the command names an id an agent already has (key {@code "id"})
     */
    public Agent register(RegisterAgent command) {
        check(command, command == null || command.presence() != Presence.RETIRED ? List.of()
                : List.of(notRetired()));
        AgentId id = command.agentId().orElseGet(AgentId::random);
        Agent stored = runtime.unitOfWork().run(events -> {
            Instant now = runtime.now();
            Agent agent = runtime.commands().check(Agent.builder()
                    .id(id)
                    .name(command.name())
                    .skills(command.skills())
                    .languages(command.languages())
                    .capacity(command.capacity())
                    .team(command.team().orElse(null))
                    .presence(command.presence())
                    .createdAt(now)
                    .updatedAt(now)
                    .build());
            Agent inserted = runtime.storage().agents().insert(agent);
            events.add(new AgentRegistered(UUID.randomUUID(), now, inserted.id(), inserted.team(),
                    inserted.presence()));
            return inserted;
        });
        LOG.debug("Registered agent {}", stored.id());
        committed(stored);
        return stored;
    }

    /**
     * Replaces the agent's skills; raises {@link AgentChanged} with {@code SKILLS} if they changed.
     *
     * @param command the agent and the skills replacing the current ones
     * @return the agent as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws AgentNotFoundException if no agent has the id
     * @throws StaleVersionException if other writers changed the agent on every attempt
     */
    public Agent changeSkills(ChangeSkills command) {
        check(command, List.of());
        return changeProfile(command.agentId(), AgentChanged.Aspect.SKILLS,
                current -> current.toBuilder().skills(command.skills()).build());
    }

    /**
     * Replaces the languages the agent serves customers in; raises {@link AgentChanged} with {@code LANGUAGES} if
     * they changed.
     *
     * @param command the agent and the languages replacing the current ones
     * @return the agent as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws AgentNotFoundException if no agent has the id
     * @throws StaleVersionException if other writers changed the agent on every attempt
     */
    public Agent changeLanguages(ChangeLanguages command) {
        check(command, List.of());
        return changeProfile(command.agentId(), AgentChanged.Aspect.LANGUAGES,
                current -> current.toBuilder().languages(command.languages()).build());
    }

    /**
     * Replaces the channels the agent works on and the capacity on each; raises {@link AgentChanged} with
     * {@code CAPACITY} if they changed. The agent's load is kept as it is stored now: work held on a channel whose
     * capacity falls below it stays with the agent, who gets no more there until enough is released.
     *
     * @param command the agent and the capacity per channel replacing the current one
     * @return the agent as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws AgentNotFoundException if no agent has the id
     * @throws StaleVersionException if other writers changed the agent on every attempt
     */
    public Agent changeCapacity(ChangeCapacity command) {
        check(command, List.of());
        return changeProfile(command.agentId(), AgentChanged.Aspect.CAPACITY,
                current -> current.toBuilder().capacity(command.capacity()).build());
    }

    /**
     * Moves the agent to another team or out of every team; raises {@link AgentChanged} with {@code TEAM} if the
     * team changed.
     *
     * @param command the agent and the new team, or none
     * @return the agent as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws AgentNotFoundException if no agent has the id
     * @throws StaleVersionException if other writers changed the agent on every attempt
     */
    public Agent changeTeam(ChangeTeam command) {
        check(command, List.of());
        return changeProfile(command.agentId(), AgentChanged.Aspect.TEAM,
                current -> current.toBuilder().team(command.team().orElse(null)).build());
    }

    /**
     * Sets whether the agent can take work now; raises {@link AgentPresenceChanged} if the presence changed.
     *
     * @param command the agent and the presence to set
     * @return the agent as stored now
     * @throws ValidationException naming every bad field of the command, {@code presence} if it is
     *         {@link Presence#RETIRED} (use {@link #retire})
     * @throws IllegalTransitionException if the agent is retired, naming {@code RETIRED} and the presence asked for
     * @throws AgentNotFoundException if no agent has the id
     * @throws StaleVersionException if other writers changed the agent on every attempt
     */
    public Agent setPresence(SetPresence command) {
        check(command, command == null || command.presence() != Presence.RETIRED ? List.of()
                : List.of(notRetired()));
        Presence to = command.presence();
        return change(command.agentId(), current -> {
            if (!current.presence().canMoveTo(to)) {
                throw new IllegalTransitionException("agent", current.id(), current.presence(), to);
            }
            return current.toBuilder().presence(to).build();
        }, (before, after, now) -> new AgentPresenceChanged(UUID.randomUUID(), now, after.id(), before.presence(),
                after.presence(), after.team()));
    }

    /**
     * Retires the agent for good: their presence becomes {@link Presence#RETIRED}, they are never given work again
     * and cannot come back; raises {@link AgentRetired}. Retiring a retired agent changes nothing.
     *
     * @param agentId the agent
     * @return the agent as stored now
     * @throws ValidationException naming {@code agentId} if it is null
     * @throws AgentNotFoundException if no agent has the id
     * @throws StaleVersionException if other writers changed the agent on every attempt
     */
    public Agent retire(AgentId agentId) {
        requireArgument("retire", "agentId", agentId);
        return change(agentId, current -> current.toBuilder().presence(Presence.RETIRED).build(),
                (before, after, now) -> new AgentRetired(UUID.randomUUID(), now, after.id(), before.presence(),
                        after.team()));
    }

    /**
     * The agent with the id, if registered.
     *
     * @param agentId the agent to look up
     * @return the agent, retired or not, or empty if none is registered under the id
     * @throws ValidationException naming {@code agentId} if it is null
     */
    public Optional<Agent> find(AgentId agentId) {
        requireArgument("find", "agentId", agentId);
        return runtime.storage().agents().findById(agentId);
    }

    /**
     * The agent with the id.
     *
     * @param agentId the agent to look up
     * @return the agent as stored, retired or not
     * @throws ValidationException naming {@code agentId} if it is null
     * @throws AgentNotFoundException if none is registered
     */
    public Agent get(AgentId agentId) {
        requireArgument("get", "agentId", agentId);
        return runtime.storage().agents().get(agentId);
    }

    /**
     * All agents, retired ones included, ordered by registration time, then id.
     *
     * @param page which page to read, and its size
     * @return one page of agents
     * @throws ValidationException naming {@code page} if it is null
     */
    public Page<Agent> list(PageRequest page) {
        requireArgument("list", "page", page);
        return runtime.storage().agents().list(page);
    }

    /**
     * Agents in id order after a given one, retired ones included: the way to walk every agent (a sync with a
     * workforce tool), page after page by key with {@link dev.rapport.spi.PageWalk#byKey}, each page found through the
     * primary key however far the walk has come. {@link #list(PageRequest)} pages by offset, for showing a page to a
     * person.
     *
     * @param after the id of the last agent of the previous page; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the agents whose id comes after {@code after}, in id order (unsigned, the order of their text)
     * @throws ValidationException naming {@code after} if it is null, or {@code limit} if it is out of range
     */
    public java.util.List<Agent> listAfter(java.util.Optional<AgentId> after, int limit) {
        requireArgument("listAfter", "after", after);
        requireLimit("listAfter", limit);
        return runtime.storage().agents().listAfter(after, limit);
    }

    /**
     * The agents of a team, retired ones included, ordered by registration time, then id.
     *
     * @param team the team whose agents to list
     * @param page which page to read, and its size
     * @return one page of the team's agents; empty if the team has none
     * @throws ValidationException naming {@code team} or {@code page} if it is null
     */
    public Page<Agent> listTeam(TeamId team, PageRequest page) {
        List<Violation> violations = new ArrayList<>();
        if (team == null) {
            violations.add(new Violation("team", "NotNull", "must not be null"));
        }
        if (page == null) {
            violations.add(new Violation("page", "NotNull", "must not be null"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("listTeam", violations);
        }
        return runtime.storage().agents().findByTeam(team, page);
    }

    // ------------------------------------------------------------------------------------------------- internals

    /** Makes the event of one change from the agent before, the agent after and the time of the change. */
    @FunctionalInterface
    private interface EventFor {
        DomainEvent of(Agent before, Agent after, Instant now);
    }

    private Agent changeProfile(AgentId id, AgentChanged.Aspect aspect, UnaryOperator<Agent> change) {
        return change(id, change, (before, after, now) -> new AgentChanged(UUID.randomUUID(), now, after.id(),
                Set.of(aspect), after.team()));
    }

    /**
     * Applies a change to the agent as stored now, in one unit of work, retrying on stale versions with a fresh
     * read; writes, raises the event and calls the hook only if the change changed something.
     */
    private Agent change(AgentId id, UnaryOperator<Agent> change, EventFor event) {
        boolean[] changed = {false};
        Agent result = Retry.onStaleVersion(MAX_ATTEMPTS, "Agent " + id, () -> runtime.unitOfWork().run(events -> {
            changed[0] = false; // a transaction the store retries starts afresh
            Agent current = runtime.storage().agents().get(id);
            Agent next = change.apply(current);
            if (next.equals(current)) {
                return current;
            }
            Instant now = runtime.now();
            Agent updated = runtime.storage().agents().update(
                    runtime.commands().check(next.toBuilder().updatedAt(now).build()));
            events.add(event.of(current, updated, now));
            changed[0] = true;
            return updated;
        }));
        if (changed[0]) {
            committed(result);
        }
        return result;
    }

    /** Checks a command with the validator and the extra violations found by hand, and throws them all at once. */
    private <C> void check(C command, List<Violation> extra) {
        requireArgument("command", "command", command);
        List<Violation> violations = new ArrayList<>(CommandValidator.toViolations(
                runtime.validator().validate(command)));
        violations.addAll(extra);
        if (!violations.isEmpty()) {
            throw new ValidationException(command.getClass().getSimpleName(), violations);
        }
    }

    private static Violation notRetired() {
        return new Violation("presence", "NotRetired", "must not be RETIRED; agents are retired by retire");
    }

    private void committed(Agent stored) {
        try {
            afterCommit.accept(stored);
        } catch (RuntimeException e) {
            LOG.warn("The hook after a change of agent {} failed; the change stands", stored.id(), e);
        }
    }
}
