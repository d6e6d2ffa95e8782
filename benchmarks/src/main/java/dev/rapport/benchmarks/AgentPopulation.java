package dev.rapport.benchmarks;

import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A realistic, reproducible contact-centre population for the routing benchmarks: 50 skills whose popularity
 * follows a Zipf curve, levels 1 to 10, English for most agents plus a second language for some, chat, email and
 * phone capacity, a presence mix, existing load, 20 teams, and requests with one or two skills. Same seed, same
 * population. Thread-safe: stateless.
 */
public final class AgentPopulation {

    /** How many skills exist. */
    public static final int SKILLS = 50;
    /** How many teams exist. */
    public static final int TEAMS = 20;

    private static final Locale[] OTHER_LANGUAGES = {
        Locale.forLanguageTag("es"), Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("pt"), Locale.ITALIAN,
        Locale.forLanguageTag("nl"), Locale.forLanguageTag("pl")};
    private static final double[] SKILL_WEIGHTS = zipf(SKILLS);

    private AgentPopulation() {
    }

    /** The code of skill {@code i}, 0-based. */
    public static String skill(int i) {
        return String.format(Locale.ROOT, "skill-%02d", i);
    }

    /** {@code count} agents, created before {@code now}. */
    public static List<Agent> agents(int count, long seed, Instant now) {
        Random random = new Random(seed);
        List<Agent> agents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Integer> skills = new LinkedHashMap<>();
            int skillCount = 3 + random.nextInt(4);
            while (skills.size() < skillCount) {
                skills.put(skill(pickSkill(random)), 1 + random.nextInt(10));
            }
            Set<Locale> languages = new HashSet<>();
            if (random.nextDouble() < 0.9) {
                languages.add(Locale.ENGLISH);
            }
            if (languages.isEmpty() || random.nextDouble() < 0.3) {
                languages.add(OTHER_LANGUAGES[random.nextInt(OTHER_LANGUAGES.length)]);
            }
            Map<Channel, Integer> capacity = new LinkedHashMap<>();
            Map<Channel, Integer> load = new LinkedHashMap<>();
            Map<Channel, Instant> last = new LinkedHashMap<>();
            double channels = random.nextDouble();
            if (channels < 0.8) {
                capacity.put(Channel.CHAT, 2 + random.nextInt(3));
            }
            if (channels > 0.2) {
                capacity.put(Channel.EMAIL, 4 + random.nextInt(5));
            }
            if (random.nextDouble() < 0.4) {
                capacity.put(Channel.PHONE, 1);
            }
            capacity.forEach((channel, units) -> {
                int used = random.nextInt(units + 1);
                if (used > 0) {
                    load.put(channel, used);
                }
                last.put(channel, now.minusSeconds(1 + random.nextInt(3_600)));
            });
            double p = random.nextDouble();
            Presence presence = p < 0.65 ? Presence.AVAILABLE : p < 0.80 ? Presence.BUSY
                    : p < 0.90 ? Presence.AWAY : Presence.OFFLINE;
            agents.add(Agent.builder().id(new AgentId(new UUID(random.nextLong(), random.nextLong())))
                    .name("Agent " + i).skills(skills).languages(languages).capacity(capacity).load(load)
                    .lastAssignedAt(last).presence(presence)
                    .team(TeamId.of(String.format(Locale.ROOT, "team-%02d", random.nextInt(TEAMS))))
                    .createdAt(now.minusSeconds(86_400)).updatedAt(now.minusSeconds(86_400)).build());
        }
        return agents;
    }

    /** {@code count} routing requests: chat, email and phone work needing one or two skills. */
    public static List<RoutingRequest> requests(int count, long seed) {
        Random random = new Random(seed);
        List<RoutingRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double c = random.nextDouble();
            Channel channel = c < 0.5 ? Channel.CHAT : c < 0.85 ? Channel.EMAIL : Channel.PHONE;
            Map<String, Integer> skills = new LinkedHashMap<>();
            int skillCount = random.nextDouble() < 0.6 ? 1 : 2;
            while (skills.size() < skillCount) {
                skills.put(skill(pickSkill(random)), 1 + random.nextInt(5));
            }
            Locale language = random.nextDouble() < 0.8 ? Locale.ENGLISH
                    : OTHER_LANGUAGES[random.nextInt(OTHER_LANGUAGES.length)];
            TeamId team = random.nextDouble() < 0.3
                    ? TeamId.of(String.format(Locale.ROOT, "team-%02d", random.nextInt(TEAMS))) : null;
            requests.add(RoutingRequest.builder().caseId(new CaseId(new UUID(random.nextLong(), random.nextLong())))
                    .channel(channel).priority(Priority.values()[random.nextInt(Priority.values().length)])
                    .requiredSkills(skills).language(language).team(team).build());
        }
        return requests;
    }

    private static int pickSkill(Random random) {
        double r = random.nextDouble();
        for (int i = 0; i < SKILL_WEIGHTS.length; i++) {
            r -= SKILL_WEIGHTS[i];
            if (r <= 0) {
                return i;
            }
        }
        return SKILL_WEIGHTS.length - 1;
    }

    private static double[] zipf(int n) {
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / (i + 1);
            sum += weights[i];
        }
        for (int i = 0; i < n; i++) {
            weights[i] /= sum;
        }
        return weights;
    }
}
