package dev.rapport.routing;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chooses the agent for one piece of work from the agent index: requirements, sticky preferences, overflow, optional
 * skills, and the strategy's ranking, with an explanation of every decision. Not thread-safe: the router calls it under
 * its lock, and it never touches storage.
 */
final class Decider {

    private static final int RECORDED_EXCLUSIONS = 20;
    private static final int RUNNER_UP_LOOKAHEAD = 25;

    private final RoutingPolicy config;
    private final AgentIndex index;

    Decider(RoutingPolicy config, AgentIndex index) {
        this.config = config;
        this.index = index;
    }

    /** Chooses an agent for the work now. Call under the router's lock. */
    Choice decide(Work work, Instant now) {
        RoutingRequest request = work.request;
        Channel channel = request.channel();
        Duration waited = work.waited(now);
        TreeMap<String, Integer> skills = new TreeMap<>(request.requiredSkills());
        Map<String, Integer> dropped = Map.of();
        if (waited.compareTo(config.optionalSkillsWait()) < 0) {
            request.optionalSkills().forEach((skill, level) -> skills.merge(skill, level, Math::max));
        } else {
            dropped = request.optionalSkills();
        }
        List<TeamId> teams = new ArrayList<>(2);
        request.team().ifPresent(team -> {
            teams.add(team);
            RoutingPolicy.Overflow overflow = config.overflows().get(team);
            if (overflow != null && waited.compareTo(overflow.after()) >= 0) {
                teams.add(overflow.secondary());
            }
        });
        String language = request.language().map(l -> l.getLanguage()).filter(l -> !l.isEmpty()).orElse(null);
        Explainer explainer = new Explainer(work, channel, skills, dropped, teams);

        Optional<Duration> stickyWait = config.strategy().preferredAgentWait();
        // preferred agents (the customer's own, the previous agent of a reopened case) are tried first by every
        // strategy; sticky strategies also wait a while for them
        if (!request.preferredAgents().isEmpty()) {
            for (AgentId preferred : request.preferredAgents()) {
                Optional<AgentIndex.Entry> entry = index.entry(preferred);
                explainer.examined++;
                Exclusion exclusion = entry.isEmpty()
                        ? new Exclusion(preferred, ExclusionReason.UNKNOWN_AGENT, "not in the router's index")
                        : work.excluded.getOrDefault(preferred, check(entry.get(), channel, skills, language, List.of()));
                if (exclusion == null) {
                    int units = config.channelCosts().unitsFor(channel, entry.get().effective);
                    return explainer.chosen(preferred, units, "preferred agent (the customer's own or previous agent) "
                            + "tried first by " + config.strategy().name());
                }
                explainer.exclude(exclusion);
            }
            if (stickyWait.isPresent()) {
                Instant until = work.requestedAt.plus(stickyWait.get());
                if (now.isBefore(until)) {
                    return explainer.nobody("waiting for a preferred agent until " + until + "; then any agent");
                }
            }
        }

        List<String> teamKeys = teams.isEmpty() ? List.of(AgentIndex.ANY_TEAM)
                : teams.stream().map(TeamId::code).toList();
        List<String> skillCodes = new ArrayList<>(skills.keySet());
        List<String> dimensions = new ArrayList<>();
        dimensions.add(AgentIndex.ALL);
        for (int i = 0; i < skillCodes.size(); i++) {
            dimensions.add(AgentIndex.skillKey(skillCodes.get(i)));
            for (int j = i + 1; j < skillCodes.size(); j++) {
                dimensions.add(AgentIndex.pairKey(skillCodes.get(i), skillCodes.get(j)));
            }
            if (language != null) {
                dimensions.add(AgentIndex.skillLanguageKey(skillCodes.get(i), language));
            }
        }
        if (language != null) {
            dimensions.add(AgentIndex.languageKey(language));
        }
        // each bucket found and counted once: a team's filtered bucket is counted by walking the one it is cut from
        AgentIndex.Pools pools = index.pools(channel, teamKeys, dimensions);
        for (int d = 0; d < dimensions.size(); d++) {
            explainer.poolSizes.put(dimensions.get(d), pools.size(d));
        }
        Query query = new Query(channel, skillCodes, skills, language, teams);
        Iterator<AgentIndex.Slot> candidates = pools.candidates();
        AgentIndex.Slot chosen = null;
        int lookahead = 0;
        while (candidates.hasNext()) {
            AgentIndex.Slot slot = candidates.next();
            explainer.examined++;
            Exclusion exclusion = work.excluded.isEmpty() ? null : work.excluded.get(new AgentId(slot.id()));
            ExclusionReason reason = exclusion != null ? exclusion.reason() : query.check(slot);
            if (reason != null) {
                if (explainer.wantsExclusions()) {
                    explainer.exclude(exclusion != null ? exclusion : query.exclusion(slot, reason));
                }
            } else {
                if (chosen == null) {
                    chosen = slot;
                }
                explainer.eligible.add(new AgentId(slot.id()));
            }
            if (chosen != null && (explainer.eligible.size() > config.runnersUp()
                    || ++lookahead > RUNNER_UP_LOOKAHEAD)) {
                break;
            }
        }
        if (chosen == null) {
            return explainer.nobody("no available agent with spare capacity on " + channel
                    + " meets every requirement; the work waits");
        }
        AgentIndex.Entry entry = index.entry(chosen.id());
        return explainer.chosen(entry.id, query.units(chosen), "ranked first by " + config.strategy().name() + ": "
                + config.strategy().describe(entry.effective, channel)
                + "; ties go to the earlier last assignment on the channel, then the lower agent id");
    }

    /** A decision's requirements as the index's small numbers, checked against compact slots. */
    private final class Query {
        final Channel channel;
        final boolean whole;
        final int fixedUnits;
        final int[] skillIds;
        final int[] minLevels;
        final String language;
        final int languageId;
        final int[] teamIds;
        final Map<String, Integer> skillMap;

        Query(Channel channel, List<String> skillCodes, Map<String, Integer> skills, String language,
                List<TeamId> teams) {
            this.channel = channel;
            this.skillMap = skills;
            this.whole = config.channelCosts().takesWholeCapacity(channel);
            this.fixedUnits = config.channelCosts().units(channel);
            this.skillIds = new int[skillCodes.size()];
            this.minLevels = new int[skillCodes.size()];
            for (int i = 0; i < skillCodes.size(); i++) {
                skillIds[i] = index.skillId(skillCodes.get(i));
                minLevels[i] = skills.get(skillCodes.get(i));
            }
            this.language = language;
            this.languageId = language == null ? -1 : index.languageId(language);
            this.teamIds = teams.stream().mapToInt(t -> index.teamId(t.code())).toArray();
        }

        int units(AgentIndex.Slot slot) {
            return whole ? Math.max(1, slot.capacity()) : fixedUnits;
        }

        /** The first rule the slot's agent fails, or null. */
        ExclusionReason check(AgentIndex.Slot slot) {
            if (slot.spare() < units(slot)) {
                return ExclusionReason.NO_CAPACITY;
            }
            AgentIndex.Profile profile = slot.profile();
            for (int i = 0; i < skillIds.length; i++) {
                int level = skillIds[i] < 0 ? 0 : profile.level(skillIds[i]);
                if (level == 0) {
                    return ExclusionReason.MISSING_SKILL;
                }
                if (level < minLevels[i]) {
                    return ExclusionReason.SKILL_LEVEL_TOO_LOW;
                }
            }
            if (language != null && !speaks(slot)) {
                return ExclusionReason.LANGUAGE;
            }
            if (teamIds.length > 0) {
                boolean inTeam = false;
                for (int team : teamIds) {
                    inTeam |= team >= 0 && team == profile.team;
                }
                if (!inTeam) {
                    return ExclusionReason.OTHER_TEAM;
                }
            }
            return null;
        }

        private boolean speaks(AgentIndex.Slot slot) {
            if (languageId < 0) {
                return false;
            }
            if (languageId < 64) {
                return (slot.profile().languages & (1L << languageId)) != 0;
            }
            return index.entry(slot.id()).languages.contains(language);
        }

        /** The exclusion, with its detail, for a slot that failed {@link #check}. */
        Exclusion exclusion(AgentIndex.Slot slot, ExclusionReason reason) {
            AgentIndex.Entry entry = index.entry(slot.id());
            Exclusion full = Decider.this.check(entry, channel, skillsOf(), language, List.of());
            if (full != null && full.reason() == reason) {
                return full;
            }
            return new Exclusion(entry.id, reason, reason == ExclusionReason.OTHER_TEAM
                    ? entry.stored.team().map(TeamId::code).orElse("none") : reason.name());
        }

        private Map<String, Integer> skillsOf() {
            return skillMap;
        }
    }

    /** The first rule the agent fails for the work, or null if it can take it. */
    private Exclusion check(AgentIndex.Entry entry, Channel channel, Map<String, Integer> skills, String language,
            List<TeamId> teams) {
        Agent agent = entry.effective;
        AgentId id = agent.id();
        if (agent.presence() != Presence.AVAILABLE) {
            return new Exclusion(id, ExclusionReason.NOT_AVAILABLE, agent.presence().name());
        }
        int capacity = agent.capacity().getOrDefault(channel, 0);
        if (capacity == 0) {
            return new Exclusion(id, ExclusionReason.NO_CHANNEL, channel.code());
        }
        int units = config.channelCosts().unitsFor(channel, agent);
        if (agent.spareCapacity(channel) < units) {
            return new Exclusion(id, ExclusionReason.NO_CAPACITY,
                    agent.spareCapacity(channel) + " of " + capacity + " units spare, " + units + " needed");
        }
        for (Map.Entry<String, Integer> skill : skills.entrySet()) {
            int level = agent.skillLevel(skill.getKey());
            if (level == 0) {
                return new Exclusion(id, ExclusionReason.MISSING_SKILL, skill.getKey());
            }
            if (level < skill.getValue()) {
                return new Exclusion(id, ExclusionReason.SKILL_LEVEL_TOO_LOW,
                        skill.getKey() + " at level " + level + ", " + skill.getValue() + " needed");
            }
        }
        if (language != null && !entry.languages.contains(language)) {
            return new Exclusion(id, ExclusionReason.LANGUAGE, language);
        }
        if (!teams.isEmpty() && (agent.team().isEmpty() || !teams.contains(agent.team().get()))) {
            return new Exclusion(id, ExclusionReason.OTHER_TEAM, agent.team().map(TeamId::code).orElse("none"));
        }
        return null;
    }

    Comparator<Work> urgency(Instant now) {
        return Comparator.comparingInt((Work w) -> -effectivePriority(w, now))
                .thenComparing(w -> w.request.slaDueAt().orElse(Instant.MAX))
                .thenComparing(w -> w.requestedAt)
                .thenComparing(w -> w.caseId().value());
    }

    private int effectivePriority(Work work, Instant now) {
        int base = work.request.priority().ordinal();
        Duration step = config.agingStep();
        if (step.isZero()) {
            return base;
        }
        long steps = work.waited(now).toNanos() / step.toNanos();
        return (int) Math.min(Priority.URGENT.ordinal(), base + steps);
    }

    record Choice(AgentId agent, int units, RoutingExplanation explanation) {
    }

    /** Collects what a decision looked at. */
    private final class Explainer {
        final Work work;
        final Channel channel;
        final Map<String, Integer> skills;
        final Map<String, Integer> dropped;
        final List<TeamId> teams;
        final Map<String, Integer> poolSizes = new LinkedHashMap<>();
        final List<AgentId> eligible = new ArrayList<>();
        final List<Exclusion> excluded = new ArrayList<>();
        int examined;

        Explainer(Work work, Channel channel, Map<String, Integer> skills, Map<String, Integer> dropped,
                List<TeamId> teams) {
            this.work = work;
            this.channel = channel;
            this.skills = skills;
            this.dropped = dropped;
            this.teams = teams;
        }

        boolean wantsExclusions() {
            return excluded.size() < RECORDED_EXCLUSIONS;
        }

        void exclude(Exclusion exclusion) {
            if (excluded.size() < RECORDED_EXCLUSIONS) {
                excluded.add(exclusion);
            }
        }

        Choice chosen(AgentId agent, int units, String reason) {
            if (!eligible.contains(agent)) {
                eligible.add(0, agent);
            }
            return new Choice(agent, units, explanation(Optional.of(agent), units, reason));
        }

        Choice nobody(String reason) {
            return new Choice(null, 0, explanation(Optional.empty(), 0, reason));
        }

        private RoutingExplanation explanation(Optional<AgentId> agent, int units, String reason) {
            return new RoutingExplanation(config.strategy().name(), channel, units, skills, dropped,
                    work.request.language(), teams, poolSizes, examined, eligible, excluded, agent, reason);
        }
    }
}
