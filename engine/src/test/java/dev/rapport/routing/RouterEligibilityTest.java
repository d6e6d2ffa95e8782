package dev.rapport.routing;

import static dev.rapport.routing.RoutingFixtures.agentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A router choosing among agents")
class RouterEligibilityTest extends RoutingFixtures {

    @Test
    @DisplayName("explains which agents it passed over and why, and why it chose the one it did")
    void explainsExclusions() {
        // given work needing billing at level 5 in German
        agent(1).skills(Map.of("billing", 3)).languages(Locale.GERMAN).store();
        agent(2).skills(Map.of("billing", 9)).languages(Locale.FRENCH).store();
        agent(3).skills(Map.of("returns", 9)).languages(Locale.GERMAN).store();
        agent(4).skills(Map.of("billing", 6)).languages(Locale.GERMAN, Locale.ENGLISH)
                .load(Map.of(Channel.CHAT, 1)).store();
        Router router = router();

        // when
        RoutingDecision decision = router.preview(chat(storeCase()).requiredSkills(Map.of("billing", 5))
                .language(Locale.forLanguageTag("de-AT")).build());

        // then
        RoutingExplanation why = decision.explanation();
        assertThat(decision.agentId()).contains(agentId(4));
        assertThat(why.exclusionOf(agentId(1))).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(ExclusionReason.SKILL_LEVEL_TOO_LOW);
            assertThat(e.detail()).contains("billing");
        });
        assertThat(why.exclusionOf(agentId(2))).isEmpty(); // never looked at: not in the billing-in-German bucket
        assertThat(why.exclusionOf(agentId(3))).isEmpty();
        assertThat(why.examined()).isEqualTo(2);
        assertThat(why.poolSizes()).containsEntry("skill:billing", 3).containsEntry("language:de", 3)
                .containsEntry("skill-language:billing@de", 2).containsEntry("all", 4);
        assertThat(why.requiredSkills()).containsExactly(Map.entry("billing", 5));
        assertThat(why.reason()).contains("ranked first by least-active");
    }

    @Test
    @DisplayName("names the language and skill level a preferred agent lacks")
    void explainsPreferredAgentExclusions() {
        // given a sticky router and two preferred agents who cannot take the work
        agent(1).skills(Map.of("billing", 9)).languages(Locale.FRENCH).store();
        agent(2).skills(Map.of("billing", 2)).languages(Locale.GERMAN).store();
        agent(3).skills(Map.of("billing", 7)).languages(Locale.GERMAN).store();
        Router router = router(RoutingPolicy.builder()
                .strategy(RoutingStrategies.sticky(RoutingStrategies.leastActive(), Duration.ZERO)).build());

        // when
        RoutingDecision decision = router.preview(chat(storeCase()).requiredSkills(Map.of("billing", 5))
                .language(Locale.GERMAN).preferredAgents(java.util.List.of(agentId(1), agentId(2))).build());

        // then
        assertThat(decision.agentId()).contains(agentId(3));
        assertThat(decision.explanation().exclusionOf(agentId(1))).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(ExclusionReason.LANGUAGE);
            assertThat(e.detail()).isEqualTo("de");
        });
        assertThat(decision.explanation().exclusionOf(agentId(2))).hasValueSatisfying(
                e -> assertThat(e.reason()).isEqualTo(ExclusionReason.SKILL_LEVEL_TOO_LOW));
    }

    @Test
    @DisplayName("never offers work to agents who are away, offline or at capacity")
    void skipsUnavailableAndFull() {
        // given
        agent(1).presence(Presence.AWAY).store();
        agent(2).presence(Presence.OFFLINE).store();
        agent(3).load(Map.of(Channel.CHAT, 3)).store();
        agent(4).capacity(Map.of(Channel.EMAIL, 5)).store();
        Router router = router();

        // when
        RoutingDecision decision = router.submit(chat(storeCase()).build());

        // then
        assertThat(decision.outcome()).isEqualTo(RoutingOutcome.WAITING);
        assertThat(decision.explanation().poolSizes()).containsEntry("all", 0);
        assertThat(router.waiting()).hasSize(1);
    }

    @Test
    @DisplayName("lets a call take an agent's whole phone capacity while chats cost one unit each")
    void channelCosts() {
        // given an agent with phone capacity 2 and chat capacity 3
        agent(1).capacity(Map.of(Channel.PHONE, 2, Channel.CHAT, 3)).store();
        Router router = router();

        // when
        RoutingDecision call = router.submit(chat(storeCase(Channel.PHONE, Priority.NORMAL)).build());
        RoutingDecision secondCall = router.submit(chat(storeCase(Channel.PHONE, Priority.NORMAL)).build());
        RoutingDecision chat = router.submit(chat(storeCase()).build());

        // then
        assertThat(call.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(call.explanation().units()).isEqualTo(2);
        assertThat(secondCall.outcome()).isEqualTo(RoutingOutcome.WAITING);
        assertThat(chat.explanation().units()).isEqualTo(1);
        assertThat(storage.agents().get(agentId(1)).load()).containsEntry(Channel.PHONE, 2).containsEntry(Channel.CHAT, 1);
    }

    @Test
    @DisplayName("overflows work to the secondary team once it waited past the limit")
    void overflow() {
        // given only the secondary team has a free agent
        agent(1).team("billing").presence(Presence.BUSY).store();
        agent(2).team("billing-backup").store();
        Router router = router(RoutingPolicy.builder()
                .overflow(TeamId.of("billing"), TeamId.of("billing-backup"), Duration.ofMinutes(3)).build());
        Case supportCase = storeCase();

        // when
        RoutingDecision first = router.submit(chat(supportCase).team(TeamId.of("billing")).build());
        clock.advance(Duration.ofMinutes(3));
        RoutingDecision later = router.dispatch().get(0);

        // then
        assertThat(first.outcome()).isEqualTo(RoutingOutcome.WAITING);
        assertThat(first.explanation().teams()).containsExactly(TeamId.of("billing"));
        assertThat(later.agentId()).contains(agentId(2));
        assertThat(later.explanation().teams()).containsExactly(TeamId.of("billing"), TeamId.of("billing-backup"));
        assertThat(storage.cases().get(supportCase.id()).team()).contains(TeamId.of("billing-backup"));
    }

    @Test
    @DisplayName("drops optional skills after the configured wait")
    void dropsOptionalSkills() {
        // given nobody speaks the optional product skill
        agent(1).skills(Map.of("billing", 5)).store();
        Router router = router(RoutingPolicy.builder().optionalSkillsWait(Duration.ofMinutes(2)).build());

        // when
        RoutingDecision first = router.submit(chat(storeCase()).requiredSkills(Map.of("billing", 1))
                .optionalSkills(Map.of("premium-plan", 1)).build());
        clock.advance(Duration.ofMinutes(2));
        RoutingDecision later = router.dispatch().get(0);

        // then
        assertThat(first.outcome()).isEqualTo(RoutingOutcome.WAITING);
        assertThat(first.explanation().requiredSkills()).containsOnlyKeys("billing", "premium-plan");
        assertThat(later.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(later.explanation().droppedSkills()).containsOnlyKeys("premium-plan");
    }

    @Test
    @DisplayName("rejects a bad request naming every bad field, and stores nothing")
    void rejectsBadRequest() {
        // given
        agent(1).store();
        Router router = router();
        Case supportCase = storeCase();
        var request = chat(supportCase).requiredSkills(Map.of("billing", 11, "bad skill!", 2)).priority(null).build();

        // when / then
        assertThatThrownBy(() -> router.submit(request)).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.fields()).contains("priority");
                    // both bad skills are reported; map keys are not named in paths, they may hold personal data
                    assertThat(e.violations()).filteredOn(v -> v.field().startsWith("requiredSkills")).hasSize(2);
                });
        assertThat(storage.cases().get(supportCase.id()).assignee()).isEmpty();
        assertThat(router.waiting()).isEmpty();
    }

    @Test
    @DisplayName("refuses to route a resolved case")
    void refusesResolvedCase() {
        // given
        Case resolved = storage.cases().update(storeCase().moveTo(CaseStatus.RESOLVED, START));
        Router router = router();

        // when / then
        assertThatThrownBy(() -> router.submit(chat(resolved).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("caseId"));
    }
}
