package dev.rapport.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.TestRapport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Routing requests and declines under random and hostile input: skill maps with malformed codes, null keys and
 * levels out of 1 to 10 (0, 11, negatives, the int extremes), too many skills, preferred-agent lists with nulls or
 * beyond 10, decline reasons that are not codes. Each request is either accepted and queued exactly as given, or
 * refused with a {@link ValidationException} naming exactly its bad fields, with the store, the queue and the events
 * unchanged.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Routing commands under random and hostile input")
class RoutingRequestProperties {

    @Property(tries = 300)
    @Label("submit queues a valid request exactly and refuses an invalid one by its bad fields")
    void submit(@ForAll("requests") Draft d) {
        // given an open case and no agent, so that a valid request waits in the queue
        TestRapport t = new TestRapport();
        Case supportCase = t.openCase(t.customer().id());
        Router router = t.rapport().routing();
        RoutingRequest request = new RoutingRequest(supportCase.id(), d.get("channel"), d.get("priority"),
                d.get("requiredSkills"), d.get("optionalSkills"), Optional.empty(), Optional.empty(),
                d.get("preferredAgents"), Optional.empty(), Optional.empty());

        // when / then
        Outcomes.expect(t, d.badFields(), () -> router.submit(request), decision -> {
            assertThat(decision.outcome()).isEqualTo(RoutingOutcome.WAITING);
            assertThat(router.waiting()).singleElement().satisfies(item -> {
                assertThat(item.request().requiredSkills()).isEqualTo(request.requiredSkills());
                assertThat(item.request().optionalSkills()).isEqualTo(request.optionalSkills());
                assertThat(item.request().preferredAgents()).isEqualTo(request.preferredAgents());
                assertThat(item.request().channel()).isEqualTo(request.channel());
                assertThat(item.request().priority()).isEqualTo(request.priority());
            });
        });
        if (!d.badFields().isEmpty()) {
            assertThat(router.waiting()).as("the queue after a refusal").isEmpty();
        }
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 200)
    @Label("decline refuses a reason that is not a code, naming it, before it looks for the offer")
    void decline(@ForAll("reasons") In<String> reason) {
        // given no open offer at all
        TestRapport t = new TestRapport();
        Router router = t.rapport().routing();
        java.util.UUID offerId = java.util.UUID.randomUUID();

        // when / then: a bad reason is refused by field; a good one gets to the offer, which does not exist
        try {
            router.decline(offerId, reason.value());
            throw new AssertionError("declining an offer that does not exist succeeded");
        } catch (ValidationException e) {
            assertThat(reason.valid()).as("reason %s was refused", reason).isFalse();
            assertThat(e.fields()).containsExactly("reason");
        } catch (dev.rapport.spi.NotFoundException e) {
            assertThat(reason.valid()).as("reason %s was accepted", reason).isTrue();
        }
        assertThat(t.events().events()).isEmpty();
    }

    @Provide
    Arbitrary<Draft> requests() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.required(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("channel", v))
                .use(Hostile.required(Arbitraries.of(Priority.class))).in((d, v) -> d.with("priority", v))
                .use(skills()).in((d, v) -> d.with("requiredSkills", v))
                .use(skills()).in((d, v) -> d.with("optionalSkills", v))
                .use(preferredAgents()).in((d, v) -> d.with("preferredAgents", v))
                .build();
    }

    @Provide
    Arbitrary<In<String>> reasons() {
        return Hostile.code(false);
    }

    /** A skill map: hostile codes, levels in and out of 1 to 10, null levels, sometimes more than 50 skills. */
    private static Arbitrary<In<Map<String, Integer>>> skills() {
        Arbitrary<In<Integer>> levels = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(1, 10).map(In::ok)),
                Tuple.of(1, Arbitraries.of(0, 11, -1, Integer.MAX_VALUE, Integer.MIN_VALUE).map(In::bad)),
                Tuple.of(1, Arbitraries.just(In.bad((Integer) null))));
        Arbitrary<In<Map<String, Integer>>> some = Combinators.combine(Hostile.code(false), levels).as(Tuple::of)
                .list().ofMaxSize(4).map(entries -> {
                    Map<String, Integer> map = new LinkedHashMap<>();
                    boolean valid = true;
                    for (var entry : entries) {
                        if (map.containsKey(entry.get1().value())) {
                            continue;
                        }
                        map.put(entry.get1().value(), entry.get2().value());
                        valid &= entry.get1().valid() && entry.get2().valid();
                    }
                    return new In<>(map, valid);
                });
        Arbitrary<In<Map<String, Integer>>> tooMany = Arbitraries.just(51).map(n -> {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put("skill" + i, 1);
            }
            return In.bad(map);
        });
        return Arbitraries.frequencyOf(Tuple.of(20, some), Tuple.of(1, tooMany));
    }

    /** Up to 12 preferred agents, sometimes with a null among them; more than 10 is refused. */
    private static Arbitrary<In<List<AgentId>>> preferredAgents() {
        return Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.of(false, false, false, true))
                .as((n, withNull) -> {
                    List<AgentId> agents = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        agents.add(AgentId.random());
                    }
                    if (withNull && n > 0) {
                        agents.set(n / 2, null);
                    }
                    return new In<>(agents, n <= 10 && !(withNull && n > 0));
                });
    }
}
