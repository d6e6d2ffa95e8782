package dev.rapport.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The compact agent index")
class AgentIndexEquivalenceTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final String[] SKILLS = {"billing", "returns", "tech", "vip", "sales", "fraud", "b2b"};
    private static final Locale[] LANGUAGES = {Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
        Locale.forLanguageTag("de-AT"), Locale.forLanguageTag("es")};
    private static final String[] TEAMS = {"red", "blue", "green"};
    private static final Channel[] CHANNELS = {Channel.CHAT, Channel.EMAIL, Channel.PHONE, Channel.SMS};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    @DisplayName("holds the same buckets, in the same order, as the index it replaced, through every kind of change")
    void decidesAlike(long seed) {
        // given both indexes and a random history of agents stored, changed, reserved and given back
        walk(seed, 12, 40, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    @DisplayName("keeps large buckets, held in blocks, in the same order as the index it replaced")
    void decidesAlikeInLargeBuckets(long seed) {
        // given both indexes, thousands of agents and many changes
        walk(seed, 3, 2_500, 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    @DisplayName("keeps the same buckets when agents change only their load, last assignment, presence or capacity, "
            + "and when a reservation is given back together with the agent as stored after its assignment")
    void decidesAlikeThroughAssignments(long seed) {
        // given both indexes and a random history in which most changes keep the agent's skills, languages and team,
        // as assignments and releases do
        walk(seed, 6, 400, 80, true);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31})
    @DisplayName("keeps large buckets in the same order when agents change only their load and last assignment")
    void decidesAlikeThroughAssignmentsInLargeBuckets(long seed) {
        // given both indexes, thousands of agents and many assignment-like changes
        walk(seed, 2, 3_000, 150, true);
    }

    private static void walk(long seed, int rounds, int steps, int queries) {
        walk(seed, rounds, steps, queries, false);
    }

    private static void walk(long seed, int rounds, int steps, int queries, boolean assignments) {
        Random random = new Random(seed);
        RoutingStrategy strategy = switch ((int) (seed % 3)) {
            case 0 -> RoutingStrategies.leastActive();
            case 1 -> RoutingStrategies.mostAvailable();
            default -> RoutingStrategies.roundRobin();
        };
        AgentIndex compact = new AgentIndex(strategy);
        ReferenceAgentIndex reference = new ReferenceAgentIndex(strategy);
        List<Agent> known = new ArrayList<>();
        List<Reservation> reservations = new ArrayList<>();

        for (int round = 0; round < rounds; round++) {
            // when
            for (int step = 0; step < steps; step++) {
                double p = random.nextDouble();
                if (known.isEmpty() || p < 0.4) {
                    Agent agent = agent(random, new AgentId(new UUID(random.nextInt(3), random.nextLong())), 0);
                    known.add(agent);
                    compact.put(agent);
                    reference.put(agent);
                } else if (assignments && p < 0.65) {
                    int i = random.nextInt(known.size());
                    Agent changed = assigned(random, known.get(i));
                    known.set(i, changed);
                    compact.put(changed);
                    reference.put(changed);
                } else if (p < 0.65) {
                    int i = random.nextInt(known.size());
                    Agent old = known.get(i);
                    Agent changed = agent(random, old.id(), old.version() + 1);
                    known.set(i, changed);
                    compact.put(changed);
                    reference.put(changed);
                    compact.put(old);
                    reference.put(old);
                } else if (p < 0.85 || reservations.isEmpty()) {
                    Agent agent = known.get(random.nextInt(known.size()));
                    Reservation reservation = new Reservation(agent.id(), CHANNELS[random.nextInt(3)],
                            1 + random.nextInt(2));
                    reservations.add(reservation);
                    compact.reserve(reservation.agent, reservation.channel, reservation.units);
                    reference.reserve(reservation.agent, reservation.channel, reservation.units);
                } else if (assignments && random.nextBoolean()) {
                    // the reservation given back with the agent as stored after its assignment, or as it was
                    Reservation reservation = reservations.remove(random.nextInt(reservations.size()));
                    int i = indexOf(known, reservation.agent);
                    Agent fresh = random.nextDouble() < 0.8 ? assigned(random, known.get(i)) : known.get(i);
                    known.set(i, fresh);
                    compact.unreserve(reservation.agent, reservation.channel, reservation.units, fresh);
                    reference.unreserve(reservation.agent, reservation.channel, reservation.units);
                    reference.put(fresh);
                } else {
                    Reservation reservation = reservations.remove(random.nextInt(reservations.size()));
                    compact.unreserve(reservation.agent, reservation.channel, reservation.units);
                    reference.unreserve(reservation.agent, reservation.channel, reservation.units);
                }
            }

            // then
            assertThat(compact.size()).isEqualTo(reference.size());
            assertThat(compact.hasSpareCapacity()).isEqualTo(reference.hasSpareCapacity());
            for (Agent agent : known) {
                assertThat(compact.entry(agent.id()).map(e -> e.effective))
                        .isEqualTo(reference.entry(agent.id()).map(e -> e.effective));
            }
            for (int query = 0; query < queries; query++) {
                compareQuery(random, compact, reference);
            }
        }
    }

    private static void compareQuery(Random random, AgentIndex compact, ReferenceAgentIndex reference) {
        Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
        List<String> skills = new ArrayList<>(new java.util.TreeSet<>(pick(random, SKILLS, random.nextInt(3))));
        if (random.nextDouble() < 0.05) {
            skills.add("unknown");
        }
        String language = random.nextDouble() < 0.3 ? null
                : random.nextDouble() < 0.05 ? "ja" : LANGUAGES[random.nextInt(LANGUAGES.length)].getLanguage();
        List<String> teams = switch (random.nextInt(4)) {
            case 0 -> List.of(AgentIndex.ANY_TEAM);
            case 1 -> List.of(TEAMS[random.nextInt(TEAMS.length)]);
            case 2 -> List.of(TEAMS[0], random.nextBoolean() ? TEAMS[2] : "unknown");
            default -> List.of(TEAMS[1], TEAMS[2]);
        };
        List<String> dimensions = new ArrayList<>();
        dimensions.add(AgentIndex.ALL);
        for (int i = 0; i < skills.size(); i++) {
            dimensions.add(AgentIndex.skillKey(skills.get(i)));
            for (int j = i + 1; j < skills.size(); j++) {
                dimensions.add(AgentIndex.pairKey(skills.get(i), skills.get(j)));
            }
            if (language != null) {
                dimensions.add(AgentIndex.skillLanguageKey(skills.get(i), language));
            }
        }
        if (language != null) {
            dimensions.add(AgentIndex.languageKey(language));
        }
        for (String team : teams) {
            for (String dimension : dimensions) {
                assertThat(compact.bucketSize(channel, team, dimension)).as("%s %s %s", channel, team, dimension)
                        .isEqualTo(reference.bucketSize(channel, team, dimension));
            }
        }
        AgentIndex.Pools pools = compact.pools(channel, teams, dimensions);
        for (int d = 0; d < dimensions.size(); d++) {
            int expectedSize = 0;
            for (String team : teams) {
                expectedSize += reference.bucketSize(channel, team, dimensions.get(d));
            }
            assertThat(pools.size(d)).as("%s %s %s", channel, teams, dimensions.get(d)).isEqualTo(expectedSize);
        }
        Iterator<AgentIndex.Slot> walked = compact.candidates(channel, teams, dimensions);
        Iterator<ReferenceAgentIndex.Slot> expected = reference.candidates(channel, teams, dimensions);
        while (expected.hasNext()) {
            assertThat(walked.hasNext()).isTrue();
            AgentIndex.Slot slot = walked.next();
            ReferenceAgentIndex.Slot other = expected.next();
            assertThat(List.of(slot.rank(), slot.tie(), slot.id(), slot.spare(), slot.capacity()))
                    .isEqualTo(List.of(other.rank(), other.tie(), other.id(), other.spare(), other.capacity()));
            for (String skill : SKILLS) {
                int mine = compact.skillId(skill);
                int theirs = reference.skillId(skill);
                assertThat(mine < 0 ? 0 : slot.profile().level(mine))
                        .isEqualTo(theirs < 0 ? 0 : other.profile().level(theirs));
            }
            for (Locale locale : LANGUAGES) {
                int mine = compact.languageId(locale.getLanguage());
                int theirs = reference.languageId(locale.getLanguage());
                assertThat(mine >= 0 && (slot.profile().languages & 1L << mine) != 0)
                        .isEqualTo(theirs >= 0 && (other.profile().languages & 1L << theirs) != 0);
            }
            for (String team : TEAMS) {
                int mine = compact.teamId(team);
                int theirs = reference.teamId(team);
                assertThat(mine >= 0 && slot.profile().team == mine)
                        .isEqualTo(theirs >= 0 && other.profile().team == theirs);
            }
        }
        assertThat(walked.hasNext()).isFalse();
    }

    private static Agent agent(Random random, AgentId id, long version) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (String skill : pick(random, SKILLS, 1 + random.nextInt(4))) {
            skills.put(skill, 1 + random.nextInt(10));
        }
        Map<Channel, Integer> capacity = new LinkedHashMap<>();
        Map<Channel, Integer> load = new LinkedHashMap<>();
        Map<Channel, Instant> last = new LinkedHashMap<>();
        for (Channel channel : CHANNELS) {
            if (random.nextDouble() < 0.6) {
                int units = random.nextInt(4);
                capacity.put(channel, units);
                if (units > 0 && random.nextBoolean()) {
                    load.put(channel, random.nextInt(units + 1));
                }
                if (random.nextBoolean()) {
                    last.put(channel, NOW.minusSeconds(random.nextInt(4)));
                }
            }
        }
        Presence[] presences = Presence.values();
        Presence presence = random.nextDouble() < 0.7 ? Presence.AVAILABLE
                : presences[random.nextInt(presences.length)];
        return Agent.builder().id(id).name("Agent").skills(skills)
                .languages(Set.copyOf(pick(random, LANGUAGES, random.nextInt(3)))).capacity(capacity).load(load)
                .lastAssignedAt(last).presence(presence)
                .team(random.nextDouble() < 0.2 ? null : TeamId.of(TEAMS[random.nextInt(TEAMS.length)]))
                .createdAt(NOW).updatedAt(NOW).version(version).build();
    }

    /**
     * The agent's next version as an assignment, a release or a presence or capacity change leaves it: same skills,
     * languages and team; one channel's load and last assignment, sometimes its capacity, sometimes the presence.
     */
    private static Agent assigned(Random random, Agent agent) {
        Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
        Map<Channel, Integer> capacity = new LinkedHashMap<>(agent.capacity());
        Map<Channel, Integer> load = new LinkedHashMap<>(agent.load());
        Map<Channel, Instant> last = new LinkedHashMap<>(agent.lastAssignedAt());
        double p = random.nextDouble();
        if (p < 0.1) {
            capacity.put(channel, random.nextInt(4));
        } else if (p < 0.15) {
            capacity.remove(channel);
        }
        int units = capacity.getOrDefault(channel, 0);
        if (units > 0) {
            load.put(channel, random.nextInt(units + 1));
            if (random.nextBoolean()) {
                last.put(channel, NOW.minusSeconds(random.nextInt(4)).plusMillis(random.nextInt(1_000)));
            }
        }
        load.keySet().retainAll(capacity.keySet());
        last.keySet().retainAll(capacity.keySet());
        Presence presence = random.nextDouble() < 0.1
                ? Presence.values()[random.nextInt(Presence.values().length)] : agent.presence();
        return agent.toBuilder().capacity(capacity).load(load).lastAssignedAt(last).presence(presence)
                .version(agent.version() + 1).build();
    }

    private static int indexOf(List<Agent> agents, AgentId id) {
        for (int i = 0; i < agents.size(); i++) {
            if (agents.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown agent " + id);
    }

    private static <T> Set<T> pick(Random random, T[] values, int count) {
        Set<T> picked = new HashSet<>();
        while (picked.size() < count) {
            picked.add(values[random.nextInt(values.length)]);
        }
        return picked;
    }

    private record Reservation(AgentId agent, Channel channel, int units) {
    }
}
