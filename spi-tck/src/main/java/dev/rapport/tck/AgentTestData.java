package dev.rapport.tck;

import static dev.rapport.tck.TestData.LINE;
import static dev.rapport.tck.TestData.NAMES;
import static dev.rapport.tck.TestData.now;
import static dev.rapport.tck.TestData.text;
import static dev.rapport.tck.TestData.unique;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.WorkExclusion;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link TestData} builders of agents and routing state; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class AgentTestData {

    private AgentTestData() {
    }

    // ----------------------------------------------------------------------------------------------------- agents

    /** Builds what {@link TestData#agent} documents. */
    static Agent.Builder agent() {
        Instant now = now();
        return Agent.builder()
                .id(AgentId.random())
                .name(NAMES.get((int) (unique() % NAMES.size())))
                .skills(Map.of("billing", 7, "delivery", 4))
                .languages(Set.of(Locale.ENGLISH, Locale.GERMAN))
                .capacity(Map.of(Channel.CHAT, 3, Channel.EMAIL, 10))
                .presence(Presence.AVAILABLE)
                .createdAt(now)
                .updatedAt(now);
    }

    /** Builds what {@link TestData#agentWithEveryField} documents. */
    static Agent.Builder agentWithEveryField() {
        Instant created = Instant.parse("2022-06-30T23:59:59.000001Z");
        Map<String, Integer> skills = new LinkedHashMap<>();
        skills.put("billing", 10);
        skills.put("delivery", 1);
        skills.put("sprache.de", 5);
        skills.put("tier-2", 7);
        Map<Channel, Integer> capacity = new LinkedHashMap<>();
        capacity.put(Channel.CHAT, 3);
        capacity.put(Channel.EMAIL, 1000);
        capacity.put(Channel.PHONE, 1);
        capacity.put(LINE, 0);
        Map<Channel, Integer> load = new LinkedHashMap<>();
        load.put(Channel.CHAT, 2);
        load.put(Channel.EMAIL, 0);
        load.put(Channel.PHONE, 1);
        Map<Channel, Instant> lastAssigned = new LinkedHashMap<>();
        lastAssigned.put(Channel.CHAT, created.plus(Duration.ofDays(1)).plusNanos(5_000));
        lastAssigned.put(Channel.PHONE, created.plus(Duration.ofDays(2)));
        return agent()
                .name("Kenji Sato 佐藤健二 🎧")
                .skills(skills)
                .languages(new LinkedHashSet<>(List.of(Locale.forLanguageTag("ja-JP"),
                        Locale.forLanguageTag("zh-Hans-CN"), Locale.forLanguageTag("pt-BR"),
                        Locale.forLanguageTag("de-CH"))))
                .capacity(capacity)
                .presence(Presence.BUSY)
                .load(load)
                .lastAssignedAt(lastAssigned)
                .team(TeamId.of("Kundendienst-Zürich"))
                .createdAt(created)
                .updatedAt(created.plusSeconds(3600));
    }

    /** Builds what {@link TestData#agentAtLimits} documents. */
    static Agent.Builder agentAtLimits() {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            skills.put(String.format(Locale.ROOT, "skill_%03d", i), 1 + i % 10);
        }
        return agent()
                .name(text(Limits.NAME))
                .skills(skills)
                .languages(new LinkedHashSet<>(FIFTY_LANGUAGES.stream().map(Locale::forLanguageTag).toList()));
    }

    // ---------------------------------------------------------------------------------------------------- routing

    /** Builds what {@link TestData#routingWork} documents. */
    static RoutingWork routingWork() {
        return routingWork(CaseId.random());
    }

    /** Builds what {@link TestData#routingWork} documents. */
    static RoutingWork routingWork(CaseId caseId) {
        Instant now = now();
        return new RoutingWork(caseId, Channel.CHAT, Priority.NORMAL, Map.of(), Map.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), now, now, List.of(), Optional.empty(),
                Optional.empty(), 0);
    }

    /** Builds what {@link TestData#routingWorkWithEveryField} documents. */
    static RoutingWork routingWorkWithEveryField() {
        Instant requested = Instant.parse("2024-02-29T23:59:59.123456Z");
        CaseId caseId = CaseId.random();
        Map<String, Integer> required = new LinkedHashMap<>();
        required.put("tier-2", 10);
        required.put("billing", 1);
        Map<String, Integer> optional = new LinkedHashMap<>();
        optional.put("sprache.de", 5);
        return new RoutingWork(caseId, LINE, Priority.URGENT, required, optional,
                Optional.of(Locale.forLanguageTag("zh-Hans-CN")), Optional.of(TeamId.of("Kundendienst-Zürich")),
                List.of(AgentId.random(), AgentId.random()), Optional.of(requested.plus(Duration.ofHours(4))),
                requested, requested.plusNanos(1_000),
                List.of(new WorkExclusion(AgentId.random(), "DECLINED", "\"Not my area\" – please try billing 🙏"),
                        new WorkExclusion(AgentId.random(), "TIMED_OUT", "")),
                Optional.of(new RoutingHolding(caseId, AgentId.random(), Channel.EMAIL, 2,
                        requested.minus(Duration.ofDays(1)))),
                Optional.of(new RoutingOffer(UUID.randomUUID(), AgentId.random(), LINE, 1000,
                        requested.plusSeconds(1), requested.plusSeconds(31))),
                0);
    }

    /** Builds what {@link TestData#routingWorkAtLimits} documents. */
    static RoutingWork routingWorkAtLimits() {
        Map<String, Integer> required = new LinkedHashMap<>();
        Map<String, Integer> optional = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            required.put(String.format(Locale.ROOT, "skill_%03d", i), 1 + i % 10);
            optional.put(String.format(Locale.ROOT, "extra_%03d", i), 10 - i % 10);
        }
        List<AgentId> preferred = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            preferred.add(AgentId.random());
        }
        List<WorkExclusion> excluded = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            excluded.add(new WorkExclusion(AgentId.random(), "DECLINED", text(500)));
        }
        RoutingWork base = routingWork();
        return new RoutingWork(base.caseId(), Channel.EMAIL, Priority.HIGH, required, optional, Optional.empty(),
                Optional.empty(), preferred, Optional.empty(), base.requestedAt(), base.queuedAt(), excluded,
                Optional.empty(), Optional.empty(), 0);
    }

    /** Builds what {@link TestData#holding} documents. */
    static RoutingHolding holding(CaseId caseId, AgentId agentId) {
        return new RoutingHolding(caseId, agentId, Channel.CHAT, 1, now());
    }

    private static final List<String> FIFTY_LANGUAGES = List.of(
            "en", "en-GB", "en-US", "en-IN", "de", "de-DE", "de-AT", "de-CH", "fr", "fr-FR", "fr-CA", "fr-BE",
            "it", "it-CH", "es", "es-ES", "es-MX", "es-419", "pt", "pt-BR", "pt-PT", "nl", "nl-BE", "sv", "da", "nb",
            "fi", "is", "pl", "cs", "sk", "hu", "ro", "bg", "el", "tr", "ru", "uk", "ar", "ar-EG", "he", "fa",
            "hi", "bn", "ja", "ko", "zh-Hans-CN", "zh-Hant-TW", "sr-Latn-RS", "sr-Cyrl-RS");
}
