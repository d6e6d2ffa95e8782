package dev.rapport.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.event.AgentChanged;
import dev.rapport.spi.event.AgentPresenceChanged;
import dev.rapport.spi.event.AgentRegistered;
import dev.rapport.spi.event.AgentRetired;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Every agent command under random and hostile input: it is either accepted and stored exactly, or refused with a
 * {@link ValidationException} naming exactly its bad fields, with the store unchanged, nothing published and the hook
 * not called. No other exception is acceptable.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Agent commands under random and hostile input")
class AgentCommandProperties {

    private static final List<Channel> CHANNELS = List.of(Channel.CHAT, Channel.EMAIL, Channel.PHONE,
            Channel.of("line"));
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN,
            Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("zh-Hant-TW"), Locale.forLanguageTag("sr-Latn-RS"));

    @Property(tries = 400)
    @Label("register stores a valid command exactly and refuses an invalid one by its bad fields")
    void register(@ForAll("registrations") Draft draft) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        RegisterAgent command = new RegisterAgent(Optional.empty(), draft.get("name"), draft.get("skills"),
                draft.get("languages"), draft.get("capacity"), Optional.ofNullable(draft.get("team")),
                draft.get("presence"));
        StoreSnapshot before = fx.t.snapshot();

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.register(command), agent -> {
            assertThat(fx.agents.get(agent.id())).isEqualTo(agent);
            assertThat(agent.name()).isEqualTo(command.name());
            assertThat(agent.skills()).isEqualTo(command.skills());
            assertThat(agent.languages()).isEqualTo(command.languages());
            assertThat(agent.capacity()).isEqualTo(command.capacity());
            assertThat(agent.team()).isEqualTo(command.team());
            assertThat(agent.presence()).isEqualTo(command.presence());
            assertThat(agent.createdAt()).isEqualTo(TestRapport.START_MICROS);
            assertThat(fx.t.snapshot().agents()).containsExactlyInAnyOrderElementsOf(concat(before.agents(), agent));
            assertThat(fx.t.events().events()).singleElement().isInstanceOf(AgentRegistered.class);
            assertThat(fx.hooked).containsExactly(agent);
            assertThat(fx.agents.get(seed.id())).isEqualTo(seed);
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 300)
    @Label("change skills stores valid skills exactly and refuses invalid ones by field")
    void changeSkills(@ForAll("agentIdPresent") In<Boolean> agentId, @ForAll("skills") In<Map<String, Integer>> skills) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        Draft draft = new Draft().with("agentId", agentId).with("skills", skills);
        ChangeSkills command = new ChangeSkills(agentId.value() ? seed.id() : null, skills.value());

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.changeSkills(command), agent -> {
            assertThat(agent).isEqualTo(fx.agents.get(seed.id()));
            assertThat(agent.skills()).isEqualTo(command.skills());
            assertThat(agent.toBuilder().skills(seed.skills()).updatedAt(seed.updatedAt()).version(1).build())
                    .isEqualTo(seed);
            assertThat(fx.t.events().events(AgentChanged.class)).hasSize(agent.equals(seed) ? 0 : 1);
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 200)
    @Label("change languages stores valid languages exactly and refuses invalid ones by field")
    void changeLanguages(@ForAll("agentIdPresent") In<Boolean> agentId,
            @ForAll("languages") In<Set<Locale>> languages) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        Draft draft = new Draft().with("agentId", agentId).with("languages", languages);
        ChangeLanguages command = new ChangeLanguages(agentId.value() ? seed.id() : null, languages.value());

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.changeLanguages(command), agent -> {
            assertThat(agent).isEqualTo(fx.agents.get(seed.id()));
            assertThat(agent.languages()).isEqualTo(command.languages());
            assertThat(agent.capacity()).isEqualTo(seed.capacity());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 300)
    @Label("change capacity stores valid capacity exactly and refuses invalid capacity by field")
    void changeCapacity(@ForAll("agentIdPresent") In<Boolean> agentId,
            @ForAll("capacity") In<Map<Channel, Integer>> capacity) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        Draft draft = new Draft().with("agentId", agentId).with("capacity", capacity);
        ChangeCapacity command = new ChangeCapacity(agentId.value() ? seed.id() : null, capacity.value());

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.changeCapacity(command), agent -> {
            assertThat(agent).isEqualTo(fx.agents.get(seed.id()));
            assertThat(agent.capacity()).isEqualTo(command.capacity());
            assertThat(agent.skills()).isEqualTo(seed.skills());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 100)
    @Label("change team moves the agent and refuses a missing agent id")
    void changeTeam(@ForAll("agentIdPresent") In<Boolean> agentId, @ForAll("team") In<TeamId> team) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        Draft draft = new Draft().with("agentId", agentId).with("team", team);
        ChangeTeam command = ChangeTeam.of(agentId.value() ? seed.id() : null, team.value());

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.changeTeam(command),
                agent -> assertThat(agent.team()).isEqualTo(command.team()));
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("set presence stores any presence but RETIRED and refuses RETIRED, null and a missing agent id by field")
    void setPresence(@ForAll("agentIdPresent") In<Boolean> agentId, @ForAll("presence") In<Presence> presence) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        Draft draft = new Draft().with("agentId", agentId).with("presence", presence);
        SetPresence command = new SetPresence(agentId.value() ? seed.id() : null, presence.value());

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.setPresence(command), agent -> {
            assertThat(agent.presence()).isEqualTo(command.presence());
            assertThat(fx.t.events().events(AgentPresenceChanged.class))
                    .hasSize(command.presence() == seed.presence() ? 0 : 1);
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 50)
    @Label("retire retires the agent and refuses a missing agent id")
    void retire(@ForAll("agentIdPresent") In<Boolean> agentId) {
        // given
        AgentFixtures fx = new AgentFixtures();
        Agent seed = fx.registered();
        Draft draft = new Draft().with("agentId", agentId);

        // when / then
        expect(fx, draft.badFields(), () -> fx.agents.retire(agentId.value() ? seed.id() : null), agent -> {
            assertThat(agent.presence()).isEqualTo(Presence.RETIRED);
            assertThat(fx.t.events().events()).singleElement().isInstanceOf(AgentRetired.class);
        });
        Outcomes.requireBothOutcomes();
    }

    /** {@link Outcomes#expect}, and the hook was called once for an accepted change, never for a refused one. */
    private static <R> void expect(AgentFixtures fx, Set<String> bad, java.util.function.Supplier<R> operation,
            java.util.function.Consumer<R> whenAccepted) {
        fx.hooked.clear();
        Outcomes.expect(fx.t, bad, operation, whenAccepted);
        if (!bad.isEmpty()) {
            assertThat(fx.hooked).as("hook calls after a refusal").isEmpty();
        }
    }

    // ---- generators ----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Draft> registrations() {
        return Builders.withBuilder(Draft::new)
                .use(names()).in((d, v) -> d.with("name", v))
                .use(skillMaps()).in((d, v) -> d.with("skills", v))
                .use(languageSets()).in((d, v) -> d.with("languages", v))
                .use(capacityMaps()).in((d, v) -> d.with("capacity", v))
                .use(team()).in((d, v) -> d.with("team", v))
                .use(presence()).in((d, v) -> d.with("presence", v))
                .build();
    }

    /** Whether the command names the seeded agent (true) or no agent at all (null id, refused). */
    @Provide
    Arbitrary<In<Boolean>> agentIdPresent() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(In.ok(true))),
                Tuple.of(1, Arbitraries.just(In.bad(false))));
    }

    @Provide
    Arbitrary<In<Map<String, Integer>>> skills() {
        return skillMaps();
    }

    @Provide
    Arbitrary<In<Set<Locale>>> languages() {
        return languageSets();
    }

    @Provide
    Arbitrary<In<Map<Channel, Integer>>> capacity() {
        return capacityMaps();
    }

    /** A name as {@link Hostile#requiredText} makes them, and now and then one of 1 MiB. */
    static Arbitrary<In<String>> names() {
        return Arbitraries.frequencyOf(Tuple.of(40, Hostile.requiredText(Limits.NAME, false)),
                Tuple.of(1, Arbitraries.just(In.bad("m".repeat(1 << 20)))));
    }

    /** Skill codes with levels, hostile codes and levels from -2 to 42 included, or more skills than allowed. */
    static Arbitrary<In<Map<String, Integer>>> skillMaps() {
        Arbitrary<In<Integer>> level = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(AgentRules.MIN_LEVEL, AgentRules.MAX_LEVEL).map(In::ok)),
                Tuple.of(2, Arbitraries.of(-2, 0, 11, 42, Integer.MIN_VALUE).map(In::bad)),
                Tuple.of(1, Arbitraries.just(In.bad((Integer) null))));
        Arbitrary<In<Map<String, Integer>>> small = Combinators.combine(Hostile.code(false), level).as(Tuple::of)
                .list().ofMaxSize(4).map(entries -> {
                    Map<String, Integer> map = new LinkedHashMap<>();
                    boolean valid = true;
                    for (var entry : entries) {
                        if (!map.containsKey(entry.get1().value())) {
                            map.put(entry.get1().value(), entry.get2().value());
                            valid &= entry.get1().valid() && entry.get2().valid();
                        }
                    }
                    return new In<>(map, valid);
                });
        Arbitrary<In<Map<String, Integer>>> tooMany = Arbitraries.just(AgentRules.MAX_SKILLS + 1).map(n -> {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put("skill_" + i, 1 + i % 10);
            }
            return In.bad(map);
        });
        Arbitrary<In<Map<String, Integer>>> atLimit = Arbitraries.just(AgentRules.MAX_SKILLS).map(n -> {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put("skill_" + i, 1 + i % 10);
            }
            return In.ok(map);
        });
        return Arbitraries.frequencyOf(Tuple.of(20, small), Tuple.of(1, tooMany), Tuple.of(1, atLimit));
    }

    /** Languages, a null one or more than allowed included. */
    static Arbitrary<In<Set<Locale>>> languageSets() {
        Arbitrary<In<Set<Locale>>> some = Hostile.setWithNulls(Hostile.required(Arbitraries.of(LOCALES)), 4);
        Arbitrary<In<Set<Locale>>> tooMany = Arbitraries.just(AgentRules.MAX_LANGUAGES + 1).map(n -> {
            Set<Locale> set = new LinkedHashSet<>();
            for (int i = 0; set.size() < n; i++) {
                set.add(Locale.forLanguageTag("en-" + String.format(Locale.ROOT, "%03d", 100 + i)));
            }
            return In.bad(set);
        });
        return Arbitraries.frequencyOf(Tuple.of(20, some), Tuple.of(1, tooMany));
    }

    /** Capacity per channel from -3 to 1,001 and beyond; a null channel or capacity is refused. */
    static Arbitrary<In<Map<Channel, Integer>>> capacityMaps() {
        Arbitrary<In<Channel>> channel = Hostile.required(Arbitraries.of(CHANNELS));
        Arbitrary<In<Integer>> units = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(0, AgentRules.MAX_CAPACITY).map(In::ok)),
                Tuple.of(3, Arbitraries.of(0, AgentRules.MAX_CAPACITY).map(In::ok)),
                Tuple.of(2, Arbitraries.of(-3, -1, AgentRules.MAX_CAPACITY + 1, Integer.MAX_VALUE).map(In::bad)),
                Tuple.of(1, Arbitraries.just(In.bad((Integer) null))));
        return Combinators.combine(channel, units).as(Tuple::of).list().ofMaxSize(4).map(entries -> {
            Map<Channel, Integer> map = new LinkedHashMap<>();
            boolean valid = true;
            for (var entry : entries) {
                if (!map.containsKey(entry.get1().value())) {
                    map.put(entry.get1().value(), entry.get2().value());
                    valid &= entry.get1().valid() && entry.get2().valid();
                }
            }
            return new In<>(map, valid);
        });
    }

    /** A team or none; team codes are checked when the {@link TeamId} is made, so every team is valid here. */
    @Provide
    Arbitrary<In<TeamId>> team() {
        return Hostile.optional(Arbitraries.of(TeamId.of("billing"), TeamId.of("Kundendienst-Zürich"),
                TeamId.of("tier-2")));
    }

    /** A presence: RETIRED and null are refused. */
    @Provide
    Arbitrary<In<Presence>> presence() {
        return Hostile.required(Arbitraries.of(Presence.class))
                .map(in -> in.value() == Presence.RETIRED ? In.bad(in.value()) : in);
    }

    private static <T> List<T> concat(List<T> list, T item) {
        List<T> out = new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }
}
