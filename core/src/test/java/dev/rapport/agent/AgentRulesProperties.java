package dev.rapport.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.internal.CommandValidator;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.TestRapport;
import dev.rapport.spi.RapportStorage;
import dev.rapport.testing.TestStores;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * {@link AgentRules}, which storage adapters run without a Jakarta implementation, judges every agent exactly as the
 * Jakarta constraints on {@link Agent} do: the same fields, by the same rules; and the storage port refuses exactly
 * the agents the validator refuses.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("The agent rules of the storage port and the Jakarta constraints of Agent")
class AgentRulesProperties {

    private static final Validator VALIDATOR = new TestRapport().rapport().validator();

    @Property(tries = 1000)
    @Label("name the same fields by the same rules for any agent, hostile or not")
    void sameVerdict(@ForAll("agents") Agent agent) {
        // given
        Set<String> jakarta = verdict(CommandValidator.toViolations(VALIDATOR.validate(agent)));

        // when
        Set<String> rules = verdict(AgentRules.violations(agent));

        // then
        Statistics.label("verdict").collect(jakarta.isEmpty() ? "valid" : "invalid");
        assertThat(rules).as("AgentRules against Jakarta for %s", agent.toString().length() > 400
                ? agent.toString().substring(0, 400) : agent).isEqualTo(jakarta);
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check("valid").count(n -> n > 0);
            coverage.check("invalid").count(n -> n > 0);
        });
    }

    @Property(tries = 200)
    @Label("the storage port stores an agent the validator accepts and refuses, storing nothing, one it refuses")
    void portRefusesWhatTheValidatorRefuses(@ForAll("agents") Agent agent) {
        // given
        RapportStorage storage = TestStores.fresh(java.time.Clock.systemUTC());
        Set<String> jakarta = verdict(CommandValidator.toViolations(VALIDATOR.validate(agent)));

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> storage.agents().insert(agent));

        // then
        if (jakarta.isEmpty()) {
            assertThat(thrown).isNull();
            assertThat(storage.agents().get(agent.id())).isEqualTo(agent.withVersion(1));
        } else {
            assertThat(thrown).isNotNull();
            assertThat(verdict(thrown.violations())).isEqualTo(jakarta);
            assertThat(storage.agents().list(dev.rapport.spi.PageRequest.first()).items()).isEmpty();
        }
    }

    /**
     * The violations as "field:rule", with the container part of the field written one way ({@code [*]}): the
     * Jakarta path keeps a key of digits ({@code skills[0]}) and writes a null or empty key as {@code []}.
     */
    private static Set<String> verdict(Collection<Violation> violations) {
        return violations.stream().map(v -> v.field().replaceAll("\\[[^\\]]*\\]", "[*]") + ":" + v.rule())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    // ---- generators ----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Agent> agents() {
        Arbitrary<In<Map<Channel, Integer>>> load = Combinators.combine(
                        Hostile.required(Arbitraries.of(Channel.CHAT, Channel.EMAIL)),
                        Hostile.required(Arbitraries.integers().between(-2, 2000)))
                .as(Tuple::of).list().ofMaxSize(3).map(entries -> {
                    Map<Channel, Integer> map = new LinkedHashMap<>();
                    entries.forEach(e -> map.putIfAbsent(e.get1().value(), e.get2().value()));
                    return In.ok(map);
                });
        Arbitrary<Map<Channel, Instant>> lastAssigned = Combinators.combine(
                        Hostile.required(Arbitraries.of(Channel.CHAT, Channel.PHONE)),
                        Hostile.required(Hostile.instant()))
                .as(Tuple::of).list().ofMaxSize(2).map(entries -> {
                    Map<Channel, Instant> map = new LinkedHashMap<>();
                    entries.forEach(e -> map.putIfAbsent(e.get1().value(), e.get2().value()));
                    return map;
                });
        return Builders.withBuilder(Agent::builder)
                .use(Hostile.required(Arbitraries.create(AgentId::random))).in((b, v) -> b.id(v.value()))
                .use(AgentCommandProperties.names()).in((b, v) -> b.name(v.value()))
                .use(AgentCommandProperties.skillMaps()).in((b, v) -> b.skills(v.value()))
                .use(AgentCommandProperties.languageSets()).in((b, v) -> b.languages(v.value()))
                .use(AgentCommandProperties.capacityMaps()).in((b, v) -> b.capacity(v.value()))
                .use(Hostile.required(Arbitraries.of(Presence.class))).in((b, v) -> b.presence(v.value()))
                .use(load).in((b, v) -> b.load(v.value()))
                .use(lastAssigned).in(Agent.Builder::lastAssignedAt)
                .use(Hostile.optional(Arbitraries.of(TeamId.of("billing")))).in((b, v) -> b.team(v.value()))
                .use(Hostile.required(Hostile.instant())).in((b, v) -> b.createdAt(v.value()))
                .use(Hostile.required(Hostile.instant())).in((b, v) -> b.updatedAt(v.value()))
                .use(Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.longs().between(0, 5)),
                        Tuple.of(1, Arbitraries.of(-1L, Long.MIN_VALUE)))).in(Agent.Builder::version)
                .build(Agent.Builder::build);
    }
}
