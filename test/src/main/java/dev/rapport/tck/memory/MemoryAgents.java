package dev.rapport.tck.memory;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryAgents implements AgentRepository {

    private static final Comparator<Agent> ORDER =
            Comparator.comparing(Agent::createdAt).thenComparing(a -> a.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<AgentId, Agent> byId = new HashMap<>();
    /** When the store wrote each agent's current version, by {@link MemoryState#storeTime()}. */
    private final Map<AgentId, Instant> writtenAt = new HashMap<>();
    /** Every agent by its place in the change feed (write time, then id), so a page of the feed is a range read. */
    private final java.util.NavigableMap<FeedKey, AgentId> feed = new java.util.TreeMap<>();

    /** An agent's place in the change feed: when its current version was written, then its id. */
    private record FeedKey(Instant at, java.util.UUID id) implements Comparable<FeedKey> {
        @Override
        public int compareTo(FeedKey other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : MemoryState.ID_ORDER.compare(id, other.id);
        }
    }

    MemoryAgents(MemoryState state) {
        this.state = state;
    }

    @Override
    public Agent insert(Agent agent) {
        AgentRules.check(agent);
        return state.inTransaction(() -> {
            if (byId.containsKey(agent.id())) {
                throw DuplicateEntityException.ofId("agent", agent.id());
            }
            Agent stored = agent.withVersion(1);
            state.put(byId, stored.id(), stored);
            written(stored.id());
            return stored;
        });
    }

    @Override
    public Agent update(Agent agent) {
        AgentRules.check(agent);
        return state.inTransaction(() -> {
            Agent current = byId.get(agent.id());
            if (current == null) {
                throw new AgentNotFoundException(agent.id());
            }
            if (current.version() != agent.version()) {
                throw new StaleVersionException("agent", agent.id(), agent.version());
            }
            Agent stored = agent.withVersion(current.version() + 1);
            state.put(byId, stored.id(), stored);
            written(stored.id());
            return stored;
        });
    }

    @Override
    public Optional<Agent> findById(AgentId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Page<Agent> list(PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), a -> true, ORDER, page));
    }

    @Override
    public List<Agent> listAfter(Optional<AgentId> after, int limit) {
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return state.locked(() -> byId.values().stream()
                .filter(a -> after.isEmpty() || MemoryState.ID_ORDER.compare(a.id().value(), after.get().value()) > 0)
                .sorted(Comparator.comparing(a -> a.id().value(), MemoryState.ID_ORDER)).limit(limit).toList());
    }

    @Override
    public Page<Agent> findByTeam(TeamId team, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), a -> a.team().filter(team::equals).isPresent(),
                ORDER, page));
    }

    @Override
    public List<AgentChange> changedSince(Instant since, Optional<AgentId> after, int limit) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(after, "after");
        MemoryRouting.checkLimit("changedSince", limit);
        return state.locked(() -> {
            // from just after (since, after), or from the first entry written at since; read in feed order
            java.util.NavigableMap<FeedKey, AgentId> rest = after
                    .map(a -> feed.tailMap(new FeedKey(since, a.value()), false))
                    .orElseGet(() -> feed.tailMap(new FeedKey(since, new java.util.UUID(0, 0)), true));
            List<AgentChange> out = new ArrayList<>();
            for (Map.Entry<FeedKey, AgentId> entry : rest.entrySet()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(new AgentChange(byId.get(entry.getValue()), entry.getKey().at()));
            }
            return List.copyOf(out);
        });
    }

    /** Notes that the agent's current version was written now, moving it to the end of the change feed. */
    private void written(AgentId id) {
        Instant before = writtenAt.get(id);
        if (before != null) {
            state.remove(feed, new FeedKey(before, id.value()));
        }
        Instant now = state.storeTime();
        state.put(writtenAt, id, now);
        state.put(feed, new FeedKey(now, id.value()), id);
    }

    @Override
    public Instant storeTime() {
        return state.locked(state::storeTime);
    }
}
