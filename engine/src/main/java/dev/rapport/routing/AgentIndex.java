package dev.rapport.routing;

import static dev.rapport.routing.DimensionCode.ALL_CODE;
import static dev.rapport.routing.DimensionCode.KIND_ALL;
import static dev.rapport.routing.DimensionCode.KIND_LANGUAGE;
import static dev.rapport.routing.DimensionCode.KIND_PAIR;
import static dev.rapport.routing.DimensionCode.KIND_SKILL;
import static dev.rapport.routing.DimensionCode.KIND_SKILL_LANGUAGE;
import static dev.rapport.routing.DimensionCode.code;
import static dev.rapport.routing.DimensionCode.kind;
import static dev.rapport.routing.DimensionCode.partA;
import static dev.rapport.routing.DimensionCode.partB;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The agents a router knows, with the capacity units it has reserved for open offers, and for every channel the
 * available agents with spare capacity there, kept sorted by the strategy's rank in buckets: per team (and for any
 * team) and per dimension: all agents, each skill, each language, each pair of skills, each skill with each
 * language. A decision walks the smallest bucket that every fitting agent must be in, best rank first, checking the
 * rest against compact data held for the agent, so its cost hardly grows with the number of agents.
 *
 * <p>Compact by construction: every agent has a small number; skills, languages and teams are small numbers too;
 * a bucket is a sorted array of agent numbers (in blocks once it is large), compared through the rank and
 * tie-breaker kept per channel in primitive arrays. For any team every bucket is held; for each team only all
 * agents, each skill and each language are held, and a team's bucket of a pair of skills or of a skill with a
 * language is the smallest bucket that contains it, filtered as it is walked or counted. Not thread-safe: the router
 * guards it.
 */
final class AgentIndex {

    static final String ANY_TEAM = "";
    static final String ALL = "all";

    private final RoutingStrategy strategy;
    /** Agents by number. */
    private Entry[] entries = new Entry[16];
    private int count;
    /** Open addressing from an agent's id to its number plus one (0: empty). */
    private int[] byId = new int[32];
    private final Map<Channel, AgentLane> lanes = new HashMap<>();
    private final Map<String, Integer> skillIds = new HashMap<>();
    private final List<String> skillNames = new ArrayList<>();
    private final Map<String, Integer> languageIds = new HashMap<>();
    private final List<String> languageNames = new ArrayList<>();
    private final Map<String, Integer> teamIds = new HashMap<>();
    private final Map<Set<String>, Set<String>> languageSets = new HashMap<>();
    /** The code of every dimension a bucket was made for, by its name (for example {@code "skill:billing"}). */
    private final Map<String, Long> dimensionCodes = new HashMap<>();
    /** How many (agent, channel) places the buckets hold: available agents with spare capacity. */
    private int placed;
    /** Scratch for an agent's dimension codes; the index is used under one lock. */
    private long[] scratch = new long[64];

    AgentIndex(RoutingStrategy strategy) {
        this.strategy = strategy;
    }

    /**
     * A position in a bucket: the strategy's rank, the tie-breaker (last assignment), the agent; and, outside the
     * order, what a decision checks: spare and total capacity on the channel and the agent's profile.
     */
    record Slot(long rank, long tie, UUID id, int spare, int capacity, Profile profile) {
    }

    /** An agent's skills, languages and team as small numbers. */
    static class Profile {
        /** Per skill: its number shifted left by 8, or'ed with its level. */
        final int[] skills;
        final long languages;
        final boolean manyLanguages;
        final int team;

        Profile(int[] skills, long languages, boolean manyLanguages, int team) {
            this.skills = skills;
            this.languages = languages;
            this.manyLanguages = manyLanguages;
            this.team = team;
        }

        /** The level of the skill with the given number; 0 if the agent lacks it. */
        int level(int skill) {
            for (int packed : skills) {
                if (packed >>> 8 == skill) {
                    return packed & 0xFF;
                }
            }
            return 0;
        }
    }

    /** The languages of a profile as bits, one per language number below 64. */
    private static long bits(Profile profile) {
        return profile.languages;
    }

    /** One known agent: as stored, the units reserved on it, and as the router sees it (reservations as load). */
    static final class Entry extends Profile {
        final Agent stored;
        final Map<Channel, Integer> reserved;
        final Agent effective;
        final Set<String> languages;
        final AgentId id;
        final int number;

        private Entry(int number, Agent stored, Map<Channel, Integer> reserved, Set<String> languages, int[] skills,
                long languageBits, boolean manyLanguages, int team) {
            super(skills, languageBits, manyLanguages, team);
            this.number = number;
            this.stored = stored;
            this.reserved = reserved;
            this.id = stored.id();
            this.languages = languages;
            if (reserved.isEmpty()) {
                effective = stored;
            } else {
                Map<Channel, Integer> load = new LinkedHashMap<>(stored.load());
                reserved.forEach((channel, units) -> load.merge(channel, units, Integer::sum));
                effective = stored.toBuilder().load(load).build();
            }
        }
    }

    /** Whether any available agent has spare capacity on any channel. */
    boolean hasSpareCapacity() {
        return placed > 0;
    }

    int size() {
        return count;
    }

    Optional<Entry> entry(AgentId id) {
        return Optional.ofNullable(entry(id.value()));
    }

    Entry entry(UUID id) {
        int mask = byId.length - 1;
        for (int i = spread(id.hashCode()) & mask; byId[i] != 0; i = (i + 1) & mask) {
            Entry entry = entries[byId[i] - 1];
            if (entry.id.value().equals(id)) {
                return entry;
            }
        }
        return null;
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
        Entry current = entry(stored.id().value());
        if (current != null && current.stored.version() > stored.version()) {
            return;
        }
        replace(current, stored, current == null ? Map.of() : current.reserved);
    }

    /** Reserves units on an agent's channel, as if they were load. */
    void reserve(AgentId id, Channel channel, int units) {
        adjustReservation(id, channel, units);
    }

    /** Gives back units reserved with {@link #reserve}. */
    void unreserve(AgentId id, Channel channel, int units) {
        adjustReservation(id, channel, -units);
    }

    /**
     * Gives back units reserved with {@link #reserve} and puts the agent as stored now, as {@link #put} would, in one
     * step: the agent moves in its buckets once, not twice, and the index never shows it without the reservation
     * but with the load from before its assignment was stored.
     *
     * @param fresh the agent as just read from storage; null if it was not found
     */
    void unreserve(AgentId id, Channel channel, int units, Agent fresh) {
        Entry current = entry(id.value());
        if (current == null) {
            if (fresh != null) {
                put(fresh);
            }
            return;
        }
        Agent stored = fresh != null && fresh.version() >= current.stored.version() ? fresh : current.stored;
        replace(current, stored, adjusted(current.reserved, channel, -units));
    }

    private void adjustReservation(AgentId id, Channel channel, int delta) {
        Entry current = entry(id.value());
        if (current == null) {
            return;
        }
        replace(current, current.stored, adjusted(current.reserved, channel, delta));
    }

    private static Map<Channel, Integer> adjusted(Map<Channel, Integer> reservations, Channel channel, int delta) {
        Map<Channel, Integer> reserved = new HashMap<>(reservations);
        int units = reserved.getOrDefault(channel, 0) + delta;
        if (units > 0) {
            reserved.put(channel, units);
        } else {
            reserved.remove(channel);
        }
        return Map.copyOf(reserved);
    }

    private void replace(Entry current, Agent stored, Map<Channel, Integer> reserved) {
        int number;
        Entry next;
        if (current != null) {
            number = current.number;
            next = newEntry(number, stored, reserved, current);
            if (sameDimensions(current, next)) {
                entries[number] = next;
                move(current, next);
                return;
            }
            unplace(current);
        } else {
            number = count++;
            if (number == entries.length) {
                entries = Arrays.copyOf(entries, number + (number >> 1));
            }
            if (count * 2 > byId.length) {
                rehash(byId.length * 2);
            }
            insertId(stored.id().value(), number);
            next = newEntry(number, stored, reserved, null);
        }
        entries[number] = next;
        place(next);
    }

    private Entry newEntry(int number, Agent stored, Map<Channel, Integer> reserved, Entry current) {
        if (current != null && current.stored == stored) {
            return new Entry(number, stored, reserved, current.languages, current.skills, bits(current),
                    current.manyLanguages, current.team);
        }
        Set<String> codes = new HashSet<>();
        for (Locale locale : stored.languages()) {
            codes.add(locale.getLanguage());
        }
        Set<String> languages = languageSets.get(codes);
        if (languages == null) {
            languages = Collections.unmodifiableSet(codes);
            languageSets.put(languages, languages);
        }
        int[] skills = new int[stored.skills().size()];
        int i = 0;
        for (Map.Entry<String, Integer> skill : stored.skills().entrySet()) {
            int id = skillIds.computeIfAbsent(skill.getKey(), k -> {
                skillNames.add(k);
                return skillNames.size() - 1;
            });
            skills[i++] = id << 8 | (skill.getValue() & 0xFF);
        }
        long bits = 0;
        boolean many = false;
        for (String language : languages) {
            int id = languageIds.computeIfAbsent(language, k -> {
                languageNames.add(k);
                return languageNames.size() - 1;
            });
            if (id < 64) {
                bits |= 1L << id;
            } else {
                many = true;
            }
        }
        int team = stored.team().map(t -> teamIds.computeIfAbsent(t.code(), k -> teamIds.size())).orElse(-1);
        return new Entry(number, stored, reserved, languages, skills, bits, many, team);
    }

    private void insertId(UUID id, int number) {
        int mask = byId.length - 1;
        int i = spread(id.hashCode()) & mask;
        while (byId[i] != 0) {
            i = (i + 1) & mask;
        }
        byId[i] = number + 1;
    }

    private void rehash(int size) {
        byId = new int[size];
        for (int n = 0; n < count - 1; n++) {
            insertId(entries[n].id.value(), n);
        }
    }

    static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Puts an available agent into its buckets on every channel where it has spare capacity. */
    private void place(Entry entry) {
        Agent agent = entry.effective;
        if (agent.presence() != Presence.AVAILABLE) {
            return;
        }
        int dimensions = -1;
        for (Channel channel : agent.capacity().keySet()) {
            if (agent.spareCapacity(channel) <= 0) {
                continue;
            }
            if (dimensions < 0) {
                dimensions = dimensions(entry);
            }
            Instant last = agent.lastAssignedAt().get(channel);
            placeOn(channel, entry, dimensions, strategy.rank(agent, channel),
                    last == null ? Long.MIN_VALUE : RoutingStrategies.micros(last));
        }
    }

    /**
     * Puts an agent into its buckets on one channel with the given rank and tie-breaker; its first {@code dimensions}
     * codes are in {@link #scratch}.
     */
    private void placeOn(Channel channel, Entry entry, int dimensions, long rank, long tie) {
        AgentLane lane = lanes.computeIfAbsent(channel, AgentLane::new);
        lane.ensure(entry.number);
        lane.rank[entry.number] = rank;
        lane.tie[entry.number] = tie;
        BucketGroup team = entry.team < 0 ? null : lane.team(entry.team);
        for (int d = 0; d < dimensions; d++) {
            long code = scratch[d];
            AgentBucket bucket = lane.any.get(code);
            if (bucket == null) {
                bucket = lane.any.create(code);
                dimensionCodes.putIfAbsent(name(code), code);
            }
            bucket.insert(entry.number, lane, entries);
            if (team != null && kind(code) <= KIND_LANGUAGE) {
                AgentBucket own = team.get(code);
                if (own == null) {
                    own = team.create(code);
                }
                own.insert(entry.number, lane, entries);
            } else if (team != null && team.keepsCounts()) {
                team.adjustCount(code, 1);
            }
        }
        placed++;
    }

    /** Whether two versions of an agent belong to the same buckets when placed: same skills, languages and team. */
    private static boolean sameDimensions(Entry a, Entry b) {
        if (a.team != b.team || !a.languages.equals(b.languages) || a.skills.length != b.skills.length) {
            return false;
        }
        for (int i = 0; i < a.skills.length; i++) {
            if (a.skills[i] >>> 8 != b.skills[i] >>> 8) {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves an agent from where {@code before} placed it to where {@code after} belongs, when both have the same
     * dimensions ({@link #sameDimensions}): only on the channels where the agent enters or leaves the buckets or its
     * rank or tie-breaker changes; on the others its place in every bucket is already right. An assignment changes
     * one channel's load and last assignment time, so the other channels are left alone. The entry for
     * {@code after} must already be in {@link #entries}.
     */
    private void move(Entry before, Entry after) {
        Agent was = before.effective;
        Agent now = after.effective;
        boolean wasAvailable = was.presence() == Presence.AVAILABLE;
        boolean nowAvailable = now.presence() == Presence.AVAILABLE;
        int number = after.number;
        int dimensions = -1;
        for (Channel channel : channels(was, now)) {
            boolean wasPlaced = wasAvailable && was.capacity().containsKey(channel) && was.spareCapacity(channel) > 0;
            boolean nowPlaced = nowAvailable && now.capacity().containsKey(channel) && now.spareCapacity(channel) > 0;
            if (!wasPlaced && !nowPlaced) {
                continue;
            }
            long rank = 0;
            long tie = 0;
            if (nowPlaced) {
                Instant last = now.lastAssignedAt().get(channel);
                rank = strategy.rank(now, channel);
                tie = last == null ? Long.MIN_VALUE : RoutingStrategies.micros(last);
                if (wasPlaced) {
                    AgentLane lane = lanes.get(channel);
                    if (lane.rank[number] == rank && lane.tie[number] == tie) {
                        continue;
                    }
                }
            }
            if (dimensions < 0) {
                dimensions = dimensions(after);
            }
            if (wasPlaced) {
                unplaceOn(lanes.get(channel), after, dimensions);
            }
            if (nowPlaced) {
                placeOn(channel, after, dimensions, rank, tie);
            }
        }
    }

    /** The channels either version of an agent has capacity on, each once. */
    private static Iterable<Channel> channels(Agent was, Agent now) {
        if (now.capacity().keySet().equals(was.capacity().keySet())) {
            return now.capacity().keySet();
        }
        Set<Channel> both = new HashSet<>(was.capacity().keySet());
        both.addAll(now.capacity().keySet());
        return both;
    }

    /** Takes an agent out of every bucket {@link #place} put it in; the lanes still hold its rank and tie. */
    private void unplace(Entry entry) {
        Agent agent = entry.effective;
        if (agent.presence() != Presence.AVAILABLE) {
            return;
        }
        int dimensions = -1;
        for (Channel channel : agent.capacity().keySet()) {
            if (agent.spareCapacity(channel) <= 0) {
                continue;
            }
            if (dimensions < 0) {
                dimensions = dimensions(entry);
            }
            unplaceOn(lanes.get(channel), entry, dimensions);
        }
    }

    /**
     * Takes an agent out of its buckets on one lane, found by the rank and tie-breaker the lane holds for it; its
     * first {@code dimensions} codes are in {@link #scratch}.
     */
    private void unplaceOn(AgentLane lane, Entry entry, int dimensions) {
        BucketGroup team = entry.team < 0 ? null : lane.team(entry.team);
        for (int d = 0; d < dimensions; d++) {
            long code = scratch[d];
            lane.any.get(code).remove(entry.number, lane, entries);
            if (team != null && kind(code) <= KIND_LANGUAGE) {
                team.get(code).remove(entry.number, lane, entries);
            } else if (team != null && team.keepsCounts()) {
                team.adjustCount(code, -1);
            }
        }
        placed--;
    }

    /** Writes the codes of the agent's dimensions into {@link #scratch}; returns how many. */
    private int dimensions(Entry entry) {
        int skills = entry.skills.length;
        int languages = entry.languages.size();
        int needed = 1 + skills + skills * (skills - 1) / 2 + skills * languages + languages;
        if (scratch.length < needed) {
            scratch = new long[needed];
        }
        int[] languageIdsOf = new int[languages];
        int l = 0;
        for (String language : entry.languages) {
            languageIdsOf[l++] = languageIds.get(language);
        }
        int n = 0;
        scratch[n++] = ALL_CODE;
        for (int i = 0; i < skills; i++) {
            int skill = entry.skills[i] >>> 8;
            scratch[n++] = code(KIND_SKILL, skill, 0);
            for (int j = i + 1; j < skills; j++) {
                int other = entry.skills[j] >>> 8;
                scratch[n++] = code(KIND_PAIR, Math.min(skill, other), Math.max(skill, other));
            }
            for (int language : languageIdsOf) {
                scratch[n++] = code(KIND_SKILL_LANGUAGE, skill, language);
            }
        }
        for (int language : languageIdsOf) {
            scratch[n++] = code(KIND_LANGUAGE, language, 0);
        }
        return n;
    }

    /** The name of a dimension, as {@link #skillKey} and the others spell it. */
    private String name(long code) {
        long kind = kind(code);
        if (kind == KIND_ALL) {
            return ALL;
        } else if (kind == KIND_SKILL) {
            return skillKey(skillNames.get(partA(code)));
        } else if (kind == KIND_LANGUAGE) {
            return languageKey(languageNames.get(partA(code)));
        } else if (kind == KIND_PAIR) {
            return pairKey(skillNames.get(partA(code)), skillNames.get(partB(code)));
        }
        return skillLanguageKey(skillNames.get(partA(code)), languageNames.get(partB(code)));
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
        View view = view(channel, team, dimension);
        return view == null ? 0 : view.size();
    }

    /**
     * The agents of the given teams ({@link #ANY_TEAM} for any) who are available with spare capacity on the
     * channel and in every given dimension's bucket, in rank order: walks, per team, the smallest of those buckets.
     */
    Iterator<Slot> candidates(Channel channel, List<String> teams, List<String> dimensions) {
        return pools(channel, teams, dimensions).candidates();
    }

    /**
     * The buckets one decision looks at, for the given teams ({@link #ANY_TEAM} for any) and dimensions on a channel,
     * each found once and counted at most once: a team's bucket of a pair of skills, or of a skill with a language, is
     * counted by walking the bucket it is filtered from, so a decision that both reports every bucket's size and
     * walks the smallest should not count it twice. Valid until the index next changes.
     */
    Pools pools(Channel channel, List<String> teams, List<String> dimensions) {
        return new Pools(channel, teams, dimensions);
    }

    /** See {@link #pools}. Not thread-safe: used under the router's lock, within one decision. */
    final class Pools {
        private final List<String> dimensions;
        private final View[][] views;

        private Pools(Channel channel, List<String> teams, List<String> dimensions) {
            this.dimensions = dimensions;
            this.views = new View[teams.size()][dimensions.size()];
            for (int t = 0; t < teams.size(); t++) {
                for (int d = 0; d < dimensions.size(); d++) {
                    views[t][d] = view(channel, teams.get(t), dimensions.get(d));
                }
            }
        }

        /** How many agents the dimension's buckets hold, summed over the teams; as {@link #bucketSize} counts. */
        int size(int dimension) {
            int size = 0;
            for (View[] team : views) {
                View view = team[dimension];
                size += view == null ? 0 : view.size();
            }
            return size;
        }

        /** The same agents, in the same order, as {@link #candidates} gives for these teams and dimensions. */
        Iterator<Slot> candidates() {
            List<Iterator<Slot>> perTeam = new ArrayList<>(views.length);
            for (View[] team : views) {
                View smallest = null;
                int smallestSize = 0;
                for (int d = 0; d < dimensions.size(); d++) {
                    View view = team[d];
                    int size = view == null ? 0 : view.size();
                    if (size == 0) {
                        smallest = null;
                        break;
                    }
                    if (smallest == null || size < smallestSize) {
                        smallest = view;
                        smallestSize = size;
                    }
                }
                if (smallest != null) {
                    perTeam.add(smallest.iterator());
                }
            }
            if (perTeam.isEmpty()) {
                return Collections.emptyIterator();
            }
            return perTeam.size() == 1 ? perTeam.get(0) : new MergedSlots(perTeam);
        }
    }

    /** A bucket as a decision sees it, held or filtered from the smallest held bucket that contains it; or null. */
    private View view(Channel channel, String team, String dimension) {
        Long code = dimensionCodes.get(dimension);
        AgentLane lane = lanes.get(channel);
        if (code == null || lane == null) {
            return null;
        }
        if (ANY_TEAM.equals(team)) {
            AgentBucket bucket = lane.any.get(code);
            return bucket == null ? null : new View(lane, bucket, -1, 0);
        }
        Integer teamId = teamIds.get(team);
        BucketGroup group = teamId == null ? null : lane.teamOrNull(teamId);
        if (group == null) {
            return null;
        }
        long kind = kind(code);
        if (kind <= KIND_LANGUAGE) {
            AgentBucket bucket = group.get(code);
            return bucket == null ? null : new View(lane, bucket, -1, 0);
        }
        // a team's pair of skills or skill with a language: filter the smallest held bucket that contains it
        long first = code(KIND_SKILL, partA(code), 0);
        long second = kind == KIND_PAIR ? code(KIND_SKILL, partB(code), 0) : code(KIND_LANGUAGE, partB(code), 0);
        AgentBucket superset = smaller(smaller(group.get(first), group.get(second)), lane.any.get(code));
        return superset == null ? null : new View(lane, superset, teamId, code, group);
    }

    private static AgentBucket smaller(AgentBucket a, AgentBucket b) {
        if (a == null || b == null) {
            return null;
        }
        return b.size < a.size ? b : a;
    }

    /** Whether the agent is in the team and has what the dimension (a pair, or a skill with a language) asks. */
    private boolean fits(Entry entry, int team, long code) {
        if (entry.team != team || entry.level(partA(code)) == 0) {
            return false;
        }
        if (kind(code) == KIND_PAIR) {
            return entry.level(partB(code)) > 0;
        }
        int language = partB(code);
        return language < 64 ? (bits(entry) & 1L << language) != 0
                : entry.languages.contains(languageNames.get(language));
    }

    /** A held bucket, or one filtered for a team and a dimension (when {@code team >= 0}). */
    private final class View {
        final AgentLane lane;
        final AgentBucket bucket;
        final int team;
        final long code;
        /** The team's group, which keeps the count of a filtered bucket once made; null for a held bucket. */
        final BucketGroup group;
        int size = -1;

        View(AgentLane lane, AgentBucket bucket, int team, long code) {
            this(lane, bucket, team, code, null);
        }

        View(AgentLane lane, AgentBucket bucket, int team, long code, BucketGroup group) {
            this.lane = lane;
            this.bucket = bucket;
            this.team = team;
            this.code = code;
            this.group = group;
        }

        int size() {
            if (size < 0) {
                if (team < 0) {
                    size = bucket.size;
                } else {
                    int kept = group.count(code);
                    if (kept >= 0) {
                        size = kept;
                    } else {
                        int n = 0;
                        for (AgentBucket.Cursor cursor = bucket.cursor(); cursor.hasNext(); ) {
                            if (fits(entries[cursor.next()], team, code)) {
                                n++;
                            }
                        }
                        group.keepCount(code, n);
                        size = n;
                    }
                }
            }
            return size;
        }

        Iterator<Slot> iterator() {
            Channel channel = lane.channel;
            AgentBucket.Cursor cursor = bucket.cursor();
            return new Iterator<>() {
                private int next = advance();

                private int advance() {
                    while (cursor.hasNext()) {
                        int number = cursor.next();
                        if (team < 0 || fits(entries[number], team, code)) {
                            return number;
                        }
                    }
                    return -1;
                }

                @Override
                public boolean hasNext() {
                    return next >= 0;
                }

                @Override
                public Slot next() {
                    if (next < 0) {
                        throw new NoSuchElementException();
                    }
                    int number = next;
                    next = advance();
                    Entry entry = entries[number];
                    Agent agent = entry.effective;
                    return new Slot(lane.rank[number], lane.tie[number], entry.id.value(),
                            agent.spareCapacity(channel), agent.capacity().getOrDefault(channel, 0), entry);
                }
            };
        }
    }


    @Override
    public String toString() {
        return "AgentIndex[agents=" + count + ", placed=" + placed + ", skills="
                + Arrays.toString(skillNames.toArray()) + "]";
    }
}
