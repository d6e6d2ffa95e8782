package dev.rapport.agent;

import static dev.rapport.testing.TestRapport.START_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.event.AgentChanged;
import dev.rapport.spi.event.AgentPresenceChanged;
import dev.rapport.spi.event.AgentRegistered;
import dev.rapport.spi.event.AgentRetired;
import dev.rapport.testing.StoreSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("AgentService")
class AgentServiceTest {

    private final AgentFixtures fx = new AgentFixtures();
    private final AgentService agents = fx.agents;

    private static final TeamId BILLING = TeamId.of("billing");

    @Nested
    @DisplayName("register")
    class Register {

        @Test
        @DisplayName("stores every detail exactly, stamps the time to the microsecond, raises AgentRegistered and calls the hook")
        void storesExactly() {
            // given
            RegisterAgent command = RegisterAgent.builder()
                    .name("Kenji Sato 佐藤健二 🎧")
                    .skill("billing", 10)
                    .skill("sprache.de", 1)
                    .language(Locale.forLanguageTag("ja-JP"))
                    .language(Locale.GERMAN)
                    .capacity(Channel.CHAT, 3)
                    .capacity(Channel.EMAIL, 1000)
                    .capacity(Channel.of("line"), 0)
                    .team(BILLING)
                    .presence(Presence.AVAILABLE)
                    .build();

            // when
            Agent agent = agents.register(command);

            // then
            assertThat(agents.get(agent.id())).isEqualTo(agent);
            assertThat(agent.name()).isEqualTo("Kenji Sato 佐藤健二 🎧");
            assertThat(agent.skills()).isEqualTo(Map.of("billing", 10, "sprache.de", 1));
            assertThat(agent.languages()).isEqualTo(Set.of(Locale.forLanguageTag("ja-JP"), Locale.GERMAN));
            assertThat(agent.capacity()).isEqualTo(Map.of(Channel.CHAT, 3, Channel.EMAIL, 1000, Channel.of("line"), 0));
            assertThat(agent.team()).contains(BILLING);
            assertThat(agent.presence()).isEqualTo(Presence.AVAILABLE);
            assertThat(agent.load()).isEmpty();
            assertThat(agent.lastAssignedAt()).isEmpty();
            assertThat(agent.createdAt()).isEqualTo(START_MICROS);
            assertThat(agent.updatedAt()).isEqualTo(START_MICROS);
            assertThat(agent.version()).isEqualTo(1);
            assertThat(fx.t.events().events()).singleElement().isInstanceOfSatisfying(AgentRegistered.class, e -> {
                assertThat(e.agentId()).isEqualTo(agent.id());
                assertThat(e.team()).contains(BILLING);
                assertThat(e.presence()).isEqualTo(Presence.AVAILABLE);
                assertThat(e.occurredAt()).isEqualTo(START_MICROS);
                assertThat(e.aggregateId()).isEqualTo(agent.id().toString());
            });
            assertThat(fx.hooked).containsExactly(agent);
        }

        @Test
        @DisplayName("uses the documented defaults: a random id, offline, no skills, languages, capacity or team")
        void defaults() {
            // when
            Agent agent = agents.register(RegisterAgent.builder().name("Ann").build());

            // then
            assertThat(agent.id()).isNotNull();
            assertThat(agent.presence()).isEqualTo(Presence.OFFLINE);
            assertThat(agent.skills()).isEmpty();
            assertThat(agent.languages()).isEmpty();
            assertThat(agent.capacity()).isEmpty();
            assertThat(agent.team()).isEmpty();
        }

        @Test
        @DisplayName("keeps an id the host chose, and refuses a second agent with it by a DuplicateEntityException")
        void hostChosenId() {
            // given
            AgentId id = AgentId.of("7f9c1c5e-3c1a-4f55-9f0e-2d8c5b1f0a11");
            Agent first = agents.register(RegisterAgent.builder().agentId(id).name("Ann").build());
            StoreSnapshot before = fx.t.snapshot();
            fx.t.events().clear();
            fx.hooked.clear();

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> agents.register(RegisterAgent.builder().agentId(id).name("Bob").build()));

            // then
            assertThat(first.id()).isEqualTo(id);
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(fx.t.snapshot()).isEqualTo(before);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }

        @Test
        @DisplayName("a rejected command names every bad field, stores nothing, raises nothing and calls no hook")
        void rejectsEveryBadField() {
            // given
            fx.registered();
            StoreSnapshot before = fx.t.snapshot();
            Set<Locale> languages = new LinkedHashSet<>();
            languages.add(null);
            RegisterAgent command = RegisterAgent.builder()
                    .name(" ")
                    .skill("billing", 42)
                    .skill("has space", 3)
                    .languages(languages)
                    .capacity(Channel.CHAT, -3)
                    .presence(null)
                    .build();

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class,
                    () -> agents.register(command));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.fields()).containsExactly("capacity[*]", "languages[]", "name", "presence", "skills[*]");
            assertThat(thrown.violations()).extracting(ValidationException.Violation::rule)
                    .contains("NotBlank", "Max", "Pattern", "Min", "NotNull");
            assertThat(thrown.getMessage()).startsWith("RegisterAgent is invalid");
            assertThat(fx.t.snapshot()).isEqualTo(before);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }

        @Test
        @DisplayName("a name of 1 MiB, or with NUL in it, is refused naming name")
        void hostileNames() {
            // when
            ValidationException huge = catchThrowableOfType(ValidationException.class,
                    () -> agents.register(RegisterAgent.builder().name("n".repeat(1 << 20)).build()));
            ValidationException nul = catchThrowableOfType(ValidationException.class,
                    () -> agents.register(RegisterAgent.builder().name("Ann\u0000Lee").build()));

            // then
            assertThat(huge.fields()).containsExactly("name");
            assertThat(huge.violations()).extracting(ValidationException.Violation::rule).containsExactly("Size");
            assertThat(nul.fields()).containsExactly("name");
            assertThat(nul.violations()).extracting(ValidationException.Violation::rule).containsExactly("PlainText");
            assertThat(agents.list(PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("an agent cannot start retired: presence RETIRED is refused naming presence, with the other bad fields")
        void cannotStartRetired() {
            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class,
                    () -> agents.register(RegisterAgent.builder().name("").presence(Presence.RETIRED).build()));

            // then
            assertThat(thrown.fields()).containsExactly("name", "presence");
            assertThat(thrown.violations()).extracting(ValidationException.Violation::rule)
                    .contains("NotRetired", "NotBlank");
            assertThat(agents.list(PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("a null command is refused naming command")
        void nullCommand() {
            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents.register(null));

            // then
            assertThat(thrown.fields()).containsExactly("command");
        }
    }

    @Nested
    @DisplayName("profile changes")
    class ProfileChanges {

        @Test
        @DisplayName("change skills replaces the skills only, keeps load and assignment times, raises AgentChanged(SKILLS) and calls the hook")
        void changeSkills() {
            // given
            Agent before = withRoutingLoad(fx.registered());
            fx.t.clock().advance(Duration.ofMinutes(5));

            // when
            Agent after = agents.changeSkills(ChangeSkills.builder(before.id()).skill("refunds", 8)
                    .skill("billing", 9).build());

            // then
            assertThat(after.skills()).isEqualTo(Map.of("refunds", 8, "billing", 9));
            assertThat(after).isEqualTo(before.toBuilder().skills(after.skills())
                    .updatedAt(START_MICROS.plus(Duration.ofMinutes(5))).version(before.version() + 1).build());
            assertThat(agents.get(before.id())).isEqualTo(after);
            assertChangedEvent(after, AgentChanged.Aspect.SKILLS);
            assertThat(fx.hooked).containsExactly(after);
        }

        @Test
        @DisplayName("change languages replaces the languages only and raises AgentChanged(LANGUAGES)")
        void changeLanguages() {
            // given
            Agent before = withRoutingLoad(fx.registered());

            // when
            Agent after = agents.changeLanguages(ChangeLanguages.of(before.id(), Locale.FRENCH,
                    Locale.forLanguageTag("pt-BR")));

            // then
            assertThat(after.languages()).containsExactly(Locale.FRENCH, Locale.forLanguageTag("pt-BR"));
            assertThat(after).isEqualTo(before.toBuilder().languages(after.languages()).version(before.version() + 1).build());
            assertChangedEvent(after, AgentChanged.Aspect.LANGUAGES);
            assertThat(fx.hooked).containsExactly(after);
        }

        @Test
        @DisplayName("change capacity replaces the channels and capacity only, keeps load above a lowered capacity, and raises AgentChanged(CAPACITY)")
        void changeCapacity() {
            // given
            Agent before = withRoutingLoad(fx.registered());

            // when
            Agent after = agents.changeCapacity(ChangeCapacity.builder(before.id()).capacity(Channel.CHAT, 1)
                    .capacity(Channel.PHONE, 1).build());

            // then
            assertThat(after.capacity()).isEqualTo(Map.of(Channel.CHAT, 1, Channel.PHONE, 1));
            assertThat(after.load()).isEqualTo(before.load());
            assertThat(after.spareCapacity(Channel.CHAT)).isZero();
            assertThat(after).isEqualTo(before.toBuilder().capacity(after.capacity()).version(before.version() + 1).build());
            assertChangedEvent(after, AgentChanged.Aspect.CAPACITY);
        }

        @Test
        @DisplayName("change team moves the agent to a team and out of every team, raising AgentChanged(TEAM) with the new team")
        void changeTeam() {
            // given
            Agent before = fx.registered();

            // when
            Agent inTeam = agents.changeTeam(ChangeTeam.of(before.id(), BILLING));
            Agent noTeam = agents.changeTeam(ChangeTeam.of(before.id(), null));

            // then
            assertThat(inTeam.team()).contains(BILLING);
            assertThat(noTeam.team()).isEmpty();
            assertThat(noTeam.version()).isEqualTo(3);
            assertThat(fx.t.events().events(AgentChanged.class)).extracting(AgentChanged::team)
                    .containsExactly(Optional.of(BILLING), Optional.empty());
            assertThat(agents.listTeam(BILLING, PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("a change to the values the agent already has writes nothing, raises nothing and calls no hook")
        void noChange() {
            // given
            Agent before = fx.registered();

            // when
            Agent skills = agents.changeSkills(new ChangeSkills(before.id(), Map.of("billing", 5)));
            Agent capacity = agents.changeCapacity(new ChangeCapacity(before.id(), Map.of(Channel.CHAT, 3)));
            Agent team = agents.changeTeam(ChangeTeam.of(before.id(), null));
            Agent languages = agents.changeLanguages(ChangeLanguages.of(before.id()));

            // then
            assertThat(List.of(skills, capacity, team, languages)).containsOnly(before);
            assertThat(agents.get(before.id()).version()).isEqualTo(1);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }

        @Test
        @DisplayName("a change of an unknown agent throws AgentNotFoundException with its id and stores nothing")
        void unknownAgent() {
            // given
            fx.registered();
            StoreSnapshot before = fx.t.snapshot();
            AgentId unknown = AgentId.random();

            // when
            AgentNotFoundException thrown = catchThrowableOfType(AgentNotFoundException.class,
                    () -> agents.changeSkills(ChangeSkills.builder(unknown).skill("billing", 3).build()));

            // then
            assertThat(thrown.agentId()).isEqualTo(unknown);
            assertThat(fx.t.snapshot()).isEqualTo(before);
            assertThat(fx.t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("rejected changes name their bad fields and change nothing: skill level 42, capacity -3, null language, no agent id")
        void rejectsBadChanges() {
            // given
            Agent agent = fx.registered();
            StoreSnapshot before = fx.t.snapshot();
            Set<Locale> withNull = new LinkedHashSet<>();
            withNull.add(null);

            // when
            ValidationException skills = catchThrowableOfType(ValidationException.class,
                    () -> agents.changeSkills(ChangeSkills.builder(agent.id()).skill("billing", 42).build()));
            ValidationException capacity = catchThrowableOfType(ValidationException.class,
                    () -> agents.changeCapacity(ChangeCapacity.builder(agent.id()).capacity(Channel.CHAT, -3)
                            .build()));
            ValidationException languages = catchThrowableOfType(ValidationException.class,
                    () -> agents.changeLanguages(new ChangeLanguages(agent.id(), withNull)));
            ValidationException team = catchThrowableOfType(ValidationException.class,
                    () -> agents.changeTeam(ChangeTeam.of(null, BILLING)));

            // then
            assertThat(skills.fields()).containsExactly("skills[*]");
            assertThat(capacity.fields()).containsExactly("capacity[*]");
            assertThat(languages.fields()).containsExactly("languages[]");
            assertThat(team.fields()).containsExactly("agentId");
            assertThat(fx.t.snapshot()).isEqualTo(before);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }
    }

    @Nested
    @DisplayName("presence and retirement")
    class PresenceAndRetirement {

        @Test
        @DisplayName("set presence stores the presence and raises AgentPresenceChanged from the old to the new one")
        void setPresence() {
            // given
            Agent agent = fx.registered(RegisterAgent.builder().name("Ann").team(BILLING).build());

            // when
            Agent available = agents.setPresence(new SetPresence(agent.id(), Presence.AVAILABLE));
            Agent away = agents.setPresence(new SetPresence(agent.id(), Presence.AWAY));

            // then
            assertThat(available.presence()).isEqualTo(Presence.AVAILABLE);
            assertThat(away.presence()).isEqualTo(Presence.AWAY);
            assertThat(agents.get(agent.id())).isEqualTo(away);
            assertThat(fx.t.events().events(AgentPresenceChanged.class))
                    .extracting(AgentPresenceChanged::from, AgentPresenceChanged::to, AgentPresenceChanged::team)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Presence.OFFLINE, Presence.AVAILABLE, Optional.of(BILLING)),
                            org.assertj.core.groups.Tuple.tuple(Presence.AVAILABLE, Presence.AWAY, Optional.of(BILLING)));
            assertThat(fx.hooked).containsExactly(available, away);
        }

        @Test
        @DisplayName("setting the presence an agent has writes nothing and raises nothing")
        void samePresence() {
            // given
            Agent agent = fx.registered();

            // when
            Agent same = agents.setPresence(new SetPresence(agent.id(), Presence.AVAILABLE));

            // then
            assertThat(same).isEqualTo(agent);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }

        @Test
        @DisplayName("set presence refuses RETIRED by a ValidationException naming presence: agents are retired by retire")
        void setPresenceRefusesRetired() {
            // given
            Agent agent = fx.registered();

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class,
                    () -> agents.setPresence(new SetPresence(agent.id(), Presence.RETIRED)));

            // then
            assertThat(thrown.fields()).containsExactly("presence");
            assertThat(thrown.violations()).extracting(ValidationException.Violation::rule)
                    .containsExactly("NotRetired");
            assertThat(agents.get(agent.id())).isEqualTo(agent);
        }

        @Test
        @DisplayName("retire makes the agent RETIRED, keeps the work they hold, raises AgentRetired and calls the hook")
        void retire() {
            // given
            Agent before = withRoutingLoad(fx.registered(RegisterAgent.builder().name("Ann").team(BILLING)
                    .presence(Presence.AVAILABLE).capacity(Channel.CHAT, 3).build()));

            // when
            Agent retired = agents.retire(before.id());

            // then
            assertThat(retired.presence()).isEqualTo(Presence.RETIRED);
            assertThat(retired.load()).isEqualTo(before.load());
            assertThat(retired.lastAssignedAt()).isEqualTo(before.lastAssignedAt());
            assertThat(agents.get(before.id())).isEqualTo(retired);
            assertThat(fx.t.events().events()).singleElement().isInstanceOfSatisfying(AgentRetired.class, e -> {
                assertThat(e.agentId()).isEqualTo(before.id());
                assertThat(e.from()).isEqualTo(Presence.AVAILABLE);
                assertThat(e.team()).contains(BILLING);
            });
            assertThat(fx.hooked).containsExactly(retired);
        }

        @Test
        @DisplayName("retiring a retired agent changes nothing and raises nothing")
        void retireTwice() {
            // given
            Agent retired = agents.retire(fx.registered().id());
            fx.t.events().clear();
            fx.hooked.clear();

            // when
            Agent again = agents.retire(retired.id());

            // then
            assertThat(again).isEqualTo(retired);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }

        @ParameterizedTest(name = "retired -> {0}")
        @EnumSource(value = Presence.class, names = "RETIRED", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("a retired agent never comes back: every other presence throws IllegalTransitionException naming RETIRED and it, and changes nothing")
        void retiredIsFinal(Presence presence) {
            // given
            Agent retired = agents.retire(fx.registered().id());
            fx.t.events().clear();
            fx.hooked.clear();

            // when
            IllegalTransitionException thrown = catchThrowableOfType(IllegalTransitionException.class,
                    () -> agents.setPresence(new SetPresence(retired.id(), presence)));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.entity()).isEqualTo("agent");
            assertThat(thrown.id()).isEqualTo(retired.id().toString());
            assertThat(thrown.from()).isEqualTo(Presence.RETIRED);
            assertThat(thrown.to()).isEqualTo(presence);
            assertThat(thrown.getMessage()).contains("RETIRED").contains(presence.name());
            assertThat(agents.get(retired.id())).isEqualTo(retired);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }

        @Test
        @DisplayName("a retired agent's skills, languages, capacity and team may still be corrected, and they stay retired")
        void retiredProfileCanBeCorrected() {
            // given
            Agent retired = agents.retire(fx.registered().id());

            // when
            Agent corrected = agents.changeTeam(ChangeTeam.of(retired.id(), BILLING));

            // then
            assertThat(corrected.team()).contains(BILLING);
            assertThat(corrected.presence()).isEqualTo(Presence.RETIRED);
        }

        @Test
        @DisplayName("retire refuses a null id by a ValidationException naming agentId")
        void retireNull() {
            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents.retire(null));

            // then
            assertThat(thrown.fields()).containsExactly("agentId");
        }
    }

    @Nested
    @DisplayName("concurrent changes")
    class ConcurrentChanges {

        @Test
        @DisplayName("a change that meets a stale version reads the agent again and keeps the load and assignment time routing stored meanwhile")
        void staleRetryKeepsRoutingLoad() {
            // given an agent whose load routing raised after the service's first read
            Agent read = fx.registered();
            Agent routed = withRoutingLoad(read);
            fx.t.storage().answerNext("agents.get", 1, args -> read);

            // when
            Agent after = agents.changeSkills(ChangeSkills.builder(read.id()).skill("refunds", 6).build());

            // then
            assertThat(after.skills()).isEqualTo(Map.of("refunds", 6));
            assertThat(after.load()).isEqualTo(routed.load()).isEqualTo(Map.of(Channel.CHAT, 2));
            assertThat(after.lastAssignedAt()).isEqualTo(routed.lastAssignedAt());
            assertThat(after.version()).isEqualTo(routed.version() + 1);
            assertThat(agents.get(read.id())).isEqualTo(after);
            assertThat(fx.t.events().events()).singleElement().isInstanceOf(AgentChanged.class);
            assertThat(fx.hooked).containsExactly(after);
        }

        @Test
        @DisplayName("every command re-applies itself to the fresh agent after a stale version, never writing a stale load")
        void everyCommandRetries() {
            // given
            List<Function<AgentId, Agent>> commands = List.of(
                    id -> agents.changeSkills(ChangeSkills.builder(id).skill("refunds", 6).build()),
                    id -> agents.changeLanguages(ChangeLanguages.of(id, Locale.ITALIAN)),
                    id -> agents.changeCapacity(ChangeCapacity.builder(id).capacity(Channel.CHAT, 7).build()),
                    id -> agents.changeTeam(ChangeTeam.of(id, BILLING)),
                    id -> agents.setPresence(new SetPresence(id, Presence.BUSY)),
                    agents::retire);

            for (Function<AgentId, Agent> command : commands) {
                Agent read = fx.registered();
                Agent routed = withRoutingLoad(read);
                fx.t.storage().answerNext("agents.get", 1, args -> read);

                // when
                Agent after = command.apply(read.id());

                // then
                assertThat(after.load()).isEqualTo(routed.load());
                assertThat(after.lastAssignedAt()).isEqualTo(routed.lastAssignedAt());
                assertThat(after.version()).isEqualTo(routed.version() + 1);
            }
        }

        @Test
        @DisplayName("after five stale versions in a row the change gives up with StaleVersionException and changes nothing")
        void givesUp() {
            // given
            Agent read = fx.registered();
            Agent routed = withRoutingLoad(read);
            fx.t.storage().answerNext("agents.get", AgentService.MAX_ATTEMPTS, args -> read);

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> agents.changeSkills(ChangeSkills.builder(read.id()).skill("refunds", 6).build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(agents.get(read.id())).isEqualTo(routed);
            assertThat(fx.t.events().events()).isEmpty();
            assertThat(fx.hooked).isEmpty();
        }
    }

    @Nested
    @DisplayName("queries and the hook")
    class QueriesAndHook {

        @Test
        @DisplayName("find, get, list and listTeam return agents as stored, retired ones included, in registration order")
        void queries() {
            // given
            Agent ann = fx.registered(RegisterAgent.builder().name("Ann").team(BILLING).build());
            fx.t.clock().advance(Duration.ofSeconds(1));
            Agent bob = fx.registered(RegisterAgent.builder().name("Bob").build());
            fx.t.clock().advance(Duration.ofSeconds(1));
            Agent cleo = agents.retire(fx.registered(RegisterAgent.builder().name("Cleo").team(BILLING).build())
                    .id());

            // when / then
            assertThat(agents.find(ann.id())).contains(ann);
            assertThat(agents.find(AgentId.random())).isEmpty();
            assertThat(agents.get(bob.id())).isEqualTo(bob);
            assertThat(agents.list(PageRequest.first()).items()).containsExactly(ann, bob, cleo);
            assertThat(agents.listTeam(BILLING, PageRequest.first()).items()).containsExactly(ann, cleo);
            assertThat(catchThrowableOfType(AgentNotFoundException.class, () -> agents.get(AgentId.random())))
                    .isNotNull();
        }

        @Test
        @DisplayName("queries refuse null arguments by a ValidationException naming each")
        void nullArguments() {
            assertThat(catchThrowableOfType(ValidationException.class, () -> agents.find(null)).fields())
                    .containsExactly("agentId");
            assertThat(catchThrowableOfType(ValidationException.class, () -> agents.get(null)).fields())
                    .containsExactly("agentId");
            assertThat(catchThrowableOfType(ValidationException.class, () -> agents.list(null)).fields())
                    .containsExactly("page");
            assertThat(catchThrowableOfType(ValidationException.class, () -> agents.listTeam(null, null)).fields())
                    .containsExactly("page", "team");
        }

        @Test
        @DisplayName("a hook that throws is logged and neither undoes nor fails the committed change")
        void failingHook() {
            // given
            AgentService withFailingHook = new AgentService(fx.runtime, agent -> {
                throw new IllegalStateException("router gone");
            });

            // when
            Agent agent = withFailingHook.register(RegisterAgent.builder().name("Ann").build());

            // then
            assertThat(agents.get(agent.id())).isEqualTo(agent);
            assertThat(fx.t.events().events()).singleElement().isInstanceOf(AgentRegistered.class);
        }

        @Test
        @DisplayName("events are published after commit, when the change is visible, and never carry the agent's name")
        void eventsAfterCommitWithoutNames() {
            // given
            fx.t.events().onPublish(event -> assertThat(fx.t.storage().inTransaction()).isFalse());

            // when
            Agent agent = agents.register(RegisterAgent.builder().name("Zoë Unique-Name").build());
            agents.changeSkills(ChangeSkills.builder(agent.id()).skill("billing", 2).build());
            agents.setPresence(new SetPresence(agent.id(), Presence.AVAILABLE));
            agents.retire(agent.id());

            // then
            assertThat(fx.t.events().publications()).hasSize(4)
                    .allSatisfy(p -> assertThat(p.duringTransaction()).isFalse())
                    .allSatisfy(p -> assertThat(p.event().toString()).doesNotContain("Zoë"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Stores load and an assignment time on the agent straight through the port, as routing does; returns it. */
    private Agent withRoutingLoad(Agent agent) {
        Instant assigned = START_MICROS.plus(Duration.ofSeconds(30)).truncatedTo(ChronoUnit.MICROS);
        return fx.t.storage().delegate().agents().update(fx.t.storage().delegate().agents().get(agent.id())
                .toBuilder().load(Map.of(Channel.CHAT, 2)).lastAssignedAt(Map.of(Channel.CHAT, assigned)).build());
    }

    private void assertChangedEvent(Agent after, AgentChanged.Aspect aspect) {
        assertThat(fx.t.events().events()).singleElement().isInstanceOfSatisfying(AgentChanged.class, e -> {
            assertThat(e.agentId()).isEqualTo(after.id());
            assertThat(e.changed()).containsExactly(aspect);
            assertThat(e.team()).isEqualTo(after.team());
            assertThat(e.occurredAt()).isEqualTo(after.updatedAt());
        });
    }
}
