package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The agent index as it was before it was made compact, kept to check that the compact one decides alike: the agents a router knows, with the capacity units it has reserved for open offers, and for every channel the
 * available agents with spare capacity there, kept sorted by the strategy's rank in buckets: per team (and for any
 * team) and per dimension: all agents, each skill, each language, each pair of skills, each skill with each
 * language. A decision walks the smallest bucket that every fitting agent must be in, best rank first, checking the
 * rest against compact data held in the bucket entry itself, so its cost hardly grows with the number of agents.
 * Not thread-safe: the router guards it.
 */
final class ReferenceAgentIndex {

    static final String ANY_TEAM = "";
    static final String ALL = "all";

    private static final Comparator<Slot> ORDER = Comparator.comparingLong(Slot::rank)
            .thenComparingLong(Slot::tie).thenComparing(Slot::id);

    private final RoutingStrategy strategy;
    private final Map<UUID, Entry> agents = new HashMap<>();
    private final Map<BucketKey, TreeSet<Slot>> buckets = new HashMap<>();
    private final Map<String, Integer> skillIds = new HashMap<>();
    private final List<String> skillNames = new ArrayList<>();
    private final Map<String, Integer> languageIds = new HashMap<>();
    private final Map<String, Integer> teamIds = new HashMap<>();

    ReferenceAgentIndex(RoutingStrategy strategy) {
        this.strategy = strategy;
    }

    /**
     * A position in a bucket: the strategy's rank, the tie-breaker (last assignment), the agent; and, outside the
     * order, what a decision checks: spare and total capacity on the channel and the agent's profile.
     */
    record Slot(long rank, long tie, UUID id, int spare, int capacity, Profile profile) {
    }

    /** An agent's skills, languages and team as small numbers, shared by the agent's slots. */
    static final class Profile {
        final int[] skills;
        final byte[] levels;
        final long languages;
        final boolean manyLanguages;
        final int team;

        Profile(int[] skills, byte[] levels, long languages, boolean manyLanguages, int team) {
            this.skills = skills;
            this.levels = levels;
            this.languages = languages;
            this.manyLanguages = manyLanguages;
            this.team = team;
        }

        int level(int skill) {
            for (int i = 0; i < skills.length; i++) {
                if (skills[i] == skill) {
                    return levels[i];
                }
            }
            return 0;
        }
    }

    private record BucketKey(Channel channel, String team, String dimension) {
    }

    /** One known agent: as stored, the units reserved on it, and as the router sees it (reservations as load). */
    static final class Entry {
        final Agent stored;
        final Map<Channel, Integer> reserved;
        final Agent effective;
        final Set<String> languages;
        final AgentId id;
        final List<Placement> placements = new ArrayList<>();

        Entry(Agent stored, Map<Channel, Integer> reserved) {
            this.stored = stored;
            this.reserved = reserved;
            this.id = stored.id();
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

    /** Whether any available agent has spare capacity on any channel. */
    boolean hasSpareCapacity() {
        for (TreeSet<Slot> bucket : buckets.values()) {
            if (!bucket.isEmpty()) {
                return true;
            }
        }
        return false;
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

    /** The small number of a skill code; -1 if no agent ever had it. */
    int skillId(String skill) {
        return skillIds.getOrDefault(skill, -1);
    }

    /** The code of a skill number. */
    String skillName(int id) {
        return skillNames.get(id);
    }

    /** The small number of a language code; -1 if no agent ever spoke it. */
    int languageId(String language) {
        return languageIds.getOrDefault(language, -1);
    }

    /** The small number of a team code; -1 if no agent was ever in it. */
    int teamId(String team) {
        return teamIds.getOrDefault(team, -1);
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
        agents.put(next.id.value(), next);
        Agent agent = next.effective;
        if (agent.presence() != Presence.AVAILABLE) {
            return;
        }
        Profile profile = profile(next);
        List<String> skills = new ArrayList<>(new java.util.TreeSet<>(agent.skills().keySet()));
        List<String> dimensions = new ArrayList<>();
        dimensions.add(ALL);
        for (int i = 0; i < skills.size(); i++) {
            dimensions.add(skillKey(skills.get(i)));
            for (int j = i + 1; j < skills.size(); j++) {
                dimensions.add(pairKey(skills.get(i), skills.get(j)));
            }
            for (String language : next.languages) {
                dimensions.add(skillLanguageKey(skills.get(i), language));
            }
        }
        for (String language : next.languages) {
            dimensions.add(languageKey(language));
        }
        List<String> teams = agent.team().isPresent() ? List.of(ANY_TEAM, agent.team().get().code())
                : List.of(ANY_TEAM);
        for (Channel channel : agent.capacity().keySet()) {
            int spare = agent.spareCapacity(channel);
            if (spare <= 0) {
                continue;
            }
            Instant last = agent.lastAssignedAt().get(channel);
            Slot slot = new Slot(strategy.rank(agent, channel),
                    last == null ? Long.MIN_VALUE : RoutingStrategies.micros(last), next.id.value(), spare,
                    agent.capacity().getOrDefault(channel, 0), profile);
            for (String team : teams) {
                for (String dimension : dimensions) {
                    TreeSet<Slot> bucket = buckets.computeIfAbsent(new BucketKey(channel, team, dimension),
                            k -> new TreeSet<>(ORDER));
                    bucket.add(slot);
                    next.placements.add(new Placement(bucket, slot));
                }
            }
        }
    }

    private Profile profile(Entry entry) {
        Agent agent = entry.stored;
        int[] ids = new int[agent.skills().size()];
        byte[] levels = new byte[ids.length];
        int i = 0;
        for (Map.Entry<String, Integer> skill : agent.skills().entrySet()) {
            ids[i] = skillIds.computeIfAbsent(skill.getKey(), k -> {
                skillNames.add(k);
                return skillNames.size() - 1;
            });
            levels[i++] = (byte) (int) skill.getValue();
        }
        long languages = 0;
        boolean many = false;
        for (String language : entry.languages) {
            int id = languageIds.computeIfAbsent(language, k -> languageIds.size());
            if (id < 64) {
                languages |= 1L << id;
            } else {
                many = true;
            }
        }
        int team = agent.team().map(t -> teamIds.computeIfAbsent(t.code(), k -> teamIds.size())).orElse(-1);
        return new Profile(ids, levels, languages, many, team);
    }

    static String skillKey(String skill) {
        return "skill:" + skill;
    }

    static String languageKey(String language) {
        return "language:" + language;
    }

    /** The key of the bucket of agents with both skills; the order of the two does not matter. */
    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? "skills:" + a + "+" + b : "skills:" + b + "+" + a;
    }

    static String skillLanguageKey(String skill, String language) {
        return "skill-language:" + skill + "@" + language;
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

    @Override
    public String toString() {
        return "AgentIndex[agents=" + agents.size() + ", buckets=" + buckets.size() + ", skills="
                + Arrays.toString(skillNames.toArray()) + "]";
    }
}
