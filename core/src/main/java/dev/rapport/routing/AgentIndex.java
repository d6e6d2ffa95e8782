package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The agents a router knows, with the capacity units it has reserved for open offers, and for every channel the
 * available agents with spare capacity there kept sorted by the strategy's rank: once per team (and once for any
 * team) and per skill, per language and for all. A decision walks the smallest bucket that every fitting agent
 * must be in, best rank first, so its cost does not grow with the number of agents. Not thread-safe: the router
 * guards it.
 */
final class AgentIndex {

    static final String ANY_TEAM = "";
    static final String ALL = "all";

    private static final Comparator<Slot> ORDER = Comparator.comparingLong(Slot::rank)
            .thenComparingLong(Slot::tie).thenComparing(Slot::id);

    private final RoutingStrategy strategy;
    private final Map<UUID, Entry> agents = new HashMap<>();
    private final Map<BucketKey, TreeSet<Slot>> buckets = new HashMap<>();

    AgentIndex(RoutingStrategy strategy) {
        this.strategy = strategy;
    }

    /** A position in a bucket: the strategy's rank, the tie-breaker (last assignment), the agent. */
    record Slot(long rank, long tie, UUID id) {
    }

    private record BucketKey(Channel channel, String team, String dimension) {
    }

    /** One known agent: as stored, the units reserved on it, and as the router sees it (reservations as load). */
    static final class Entry {
        final Agent stored;
        final Map<Channel, Integer> reserved;
        final Agent effective;
        final Set<String> languages;
        final List<Placement> placements = new ArrayList<>();

        Entry(Agent stored, Map<Channel, Integer> reserved) {
            this.stored = stored;
            this.reserved = reserved;
            if (reserved.isEmpty()) {
                effective = stored;
            } else {
                Map<Channel, Integer> load = new LinkedHashMap<>(stored.load());
                reserved.forEach((channel, units) -> load.merge(channel, units, Integer::sum));
                effective = stored.toBuilder().load(load).build();
            }
            Set<String> codes = new HashSet<>();
            for (Locale locale : stored.languages()) {
                codes.add(locale.getLanguage());
            }
            languages = codes;
        }
    }

    private record Placement(TreeSet<Slot> bucket, Slot slot) {
    }

    int size() {
        return agents.size();
    }

    Optional<Entry> entry(AgentId id) {
        return Optional.ofNullable(agents.get(id.value()));
    }

    Entry entry(UUID id) {
        return agents.get(id);
    }

    /** Adds or replaces an agent as stored, unless the index holds a newer version; keeps reservations. */
    void put(Agent stored) {
        Entry current = agents.get(stored.id().value());
        if (current != null && current.stored.version() > stored.version()) {
            return;
        }
        replace(current, new Entry(stored, current == null ? Map.of() : current.reserved));
    }

    /** Reserves units on an agent's channel, as if they were load. */
    void reserve(AgentId id, Channel channel, int units) {
        adjustReservation(id, channel, units);
    }

    /** Gives back units reserved with {@link #reserve}. */
    void unreserve(AgentId id, Channel channel, int units) {
        adjustReservation(id, channel, -units);
    }

    private void adjustReservation(AgentId id, Channel channel, int delta) {
        Entry current = agents.get(id.value());
        if (current == null) {
            return;
        }
        Map<Channel, Integer> reserved = new HashMap<>(current.reserved);
        int units = reserved.getOrDefault(channel, 0) + delta;
        if (units > 0) {
            reserved.put(channel, units);
        } else {
            reserved.remove(channel);
        }
        replace(current, new Entry(current.stored, Map.copyOf(reserved)));
    }

    private void replace(Entry current, Entry next) {
        if (current != null) {
            for (Placement placement : current.placements) {
                placement.bucket.remove(placement.slot);
            }
        }
        agents.put(next.stored.id().value(), next);
        Agent agent = next.effective;
        if (agent.presence() != Presence.AVAILABLE) {
            return;
        }
        for (Channel channel : agent.capacity().keySet()) {
            if (agent.spareCapacity(channel) <= 0) {
                continue;
            }
            Instant last = agent.lastAssignedAt().get(channel);
            Slot slot = new Slot(strategy.rank(agent, channel),
                    last == null ? Long.MIN_VALUE : RoutingStrategies.micros(last), agent.id().value());
            List<String> teams = agent.team().isPresent() ? List.of(ANY_TEAM, agent.team().get().code())
                    : List.of(ANY_TEAM);
            for (String team : teams) {
                place(next, channel, team, ALL, slot);
                for (String skill : agent.skills().keySet()) {
                    place(next, channel, team, skillKey(skill), slot);
                }
                for (String language : next.languages) {
                    place(next, channel, team, languageKey(language), slot);
                }
            }
        }
    }

    private void place(Entry entry, Channel channel, String team, String dimension, Slot slot) {
        TreeSet<Slot> bucket = buckets.computeIfAbsent(new BucketKey(channel, team, dimension), k -> new TreeSet<>(ORDER));
        bucket.add(slot);
        entry.placements.add(new Placement(bucket, slot));
    }

    static String skillKey(String skill) {
        return "skill:" + skill;
    }

    static String languageKey(String language) {
        return "language:" + language;
    }

    /** How many agents are in a bucket. */
    int bucketSize(Channel channel, String team, String dimension) {
        TreeSet<Slot> bucket = buckets.get(new BucketKey(channel, team, dimension));
        return bucket == null ? 0 : bucket.size();
    }

    /**
     * The agents of the given teams ({@link #ANY_TEAM} for any) who are available with spare capacity on the
     * channel and in every given dimension's bucket, in rank order: walks, per team, the smallest of those buckets.
     */
    Iterator<Slot> candidates(Channel channel, List<String> teams, List<String> dimensions) {
        List<Iterator<Slot>> perTeam = new ArrayList<>(teams.size());
        for (String team : teams) {
            TreeSet<Slot> smallest = null;
            for (String dimension : dimensions) {
                TreeSet<Slot> bucket = buckets.get(new BucketKey(channel, team, dimension));
                if (bucket == null || bucket.isEmpty()) {
                    smallest = null;
                    break;
                }
                if (smallest == null || bucket.size() < smallest.size()) {
                    smallest = bucket;
                }
            }
            if (smallest != null) {
                perTeam.add(smallest.iterator());
            }
        }
        if (perTeam.isEmpty()) {
            return Collections.emptyIterator();
        }
        return perTeam.size() == 1 ? perTeam.get(0) : new Merged(perTeam);
    }

    /** Iterates several rank-ordered iterators as one, in rank order. */
    private static final class Merged implements Iterator<Slot> {
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.slot, b.slot));

        Merged(List<Iterator<Slot>> iterators) {
            for (Iterator<Slot> iterator : iterators) {
                if (iterator.hasNext()) {
                    heads.add(new Head(iterator.next(), iterator));
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Slot next() {
            Head head = heads.poll();
            if (head == null) {
                throw new NoSuchElementException();
            }
            if (head.rest.hasNext()) {
                heads.add(new Head(head.rest.next(), head.rest));
            }
            return head.slot;
        }

        private record Head(Slot slot, Iterator<Slot> rest) {
        }
    }
}
