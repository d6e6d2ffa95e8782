package dev.rapport.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.WithNull;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Case commands under random and hostile input, and random walks through the lifecycle: every command is either
 * accepted and stored exactly, or refused with a typed exception that leaves the store unchanged and publishes
 * nothing.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Case commands under random and hostile input")
class CaseCommandProperties {

    @Property(tries = 400)
    @Label("open stores a valid command exactly and refuses an invalid one by its bad fields")
    void open(@ForAll("openings") Draft draft) {
        // given
        TestRapport t = new TestRapport();
        Customer seed = t.customer();
        Boolean known = draft.get("customerKnown");
        CustomerId customerId = known == null ? null : known ? seed.id() : CustomerId.random();
        OpenCase command = new OpenCase(customerId, draft.get("subject"), Optional.ofNullable(draft.get("category")),
                Optional.ofNullable(draft.get("type")), draft.get("priority"), draft.get("originChannel"),
                Optional.ofNullable(draft.get("language")), draft.get("requiredSkills"));
        if (draft.badFields().isEmpty() && Boolean.FALSE.equals(known)) {
            draft.markBad("customerId");
        }

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().cases().open(command), opened -> {
            assertThat(t.rapport().cases().get(opened.id())).isEqualTo(opened);
            assertThat(opened.customerId()).isEqualTo(command.customerId());
            assertThat(opened.subject()).isEqualTo(command.subject());
            assertThat(opened.category()).isEqualTo(command.category());
            assertThat(opened.type()).isEqualTo(command.type());
            assertThat(opened.priority()).isEqualTo(command.priority());
            assertThat(opened.originChannel()).isEqualTo(command.originChannel());
            assertThat(opened.language()).isEqualTo(command.language());
            assertThat(opened.requiredSkills()).isEqualTo(command.requiredSkills());
            assertThat(opened.status()).isEqualTo(CaseStatus.NEW);
            assertThat(t.snapshot().cases()).containsExactly(opened);
            assertThat(t.events().events()).singleElement().isInstanceOf(CaseOpened.class);
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 200)
    @Label("a random walk through the lifecycle makes exactly the allowed moves and refuses the others by type")
    void lifecycle(@ForAll @Size(max = 12) List<@WithNull(0.1) CaseStatus> targets) {
        // given
        TestRapport t = new TestRapport();
        Case opened = t.openCase(t.customer().id());
        CaseStatus expected = CaseStatus.NEW;
        int reopens = 0;
        Instant firstResolved = null;
        int moves = 0;

        for (CaseStatus to : targets) {
            t.clock().advance(Duration.ofMinutes(7));
            StoreSnapshot before = t.snapshot();
            t.events().clear();
            if (to == null) {
                // when no state is given, the command is refused on that field
                assertThatThrownBy(() -> t.rapport().cases().move(new MoveCase(opened.id(), null)))
                        .isInstanceOfSatisfying(ValidationException.class,
                                e -> assertThat(e.fields()).containsExactly("to"));
                assertThat(t.snapshot()).isEqualTo(before);
                assertThat(t.events().events()).isEmpty();
            } else if (expected.canMoveTo(to)) {
                // when the move is allowed
                Case moved = t.rapport().cases().move(new MoveCase(opened.id(), to));

                // then it is made, recorded and published
                reopens += expected == CaseStatus.RESOLVED && to == CaseStatus.OPEN ? 1 : 0;
                if (to == CaseStatus.RESOLVED && firstResolved == null) {
                    firstResolved = moved.updatedAt();
                }
                assertThat(moved.status()).isEqualTo(to);
                assertThat(moved.reopenCount()).isEqualTo(reopens);
                assertThat(moved.firstResolvedAt()).isEqualTo(Optional.ofNullable(firstResolved));
                assertThat(moved.history()).last().satisfies(move -> assertThat(move.to()).isEqualTo(to));
                assertThat(t.events().events(CaseStatusChanged.class)).singleElement()
                        .satisfies(e -> assertThat(e.to()).isEqualTo(to));
                expected = to;
                moves++;
            } else {
                // when it is not, it is refused naming from and to, and nothing changes
                CaseStatus from = expected;
                assertThatThrownBy(() -> t.rapport().cases().move(new MoveCase(opened.id(), to)))
                        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                            assertThat(e.from()).isEqualTo(from);
                            assertThat(e.to()).isEqualTo(to);
                        });
                assertThat(t.snapshot()).isEqualTo(before);
                assertThat(t.events().events()).isEmpty();
            }
        }
        assertThat(t.rapport().cases().get(opened.id()).history()).hasSize(moves);
    }

    @Property(tries = 200)
    @Label("assign gives a case to a known agent and refuses nulls and unknown agents by field")
    void assign(@ForAll("caseIdPresent") In<Boolean> caseId, @ForAll("agentRefs") In<String> agent) {
        // given
        TestRapport t = new TestRapport();
        Case opened = t.openCase(t.customer().id());
        Agent known = t.agent(TeamId.of("support"));
        AgentId agentId = agent.value() == null ? null
                : agent.value().equals("known") ? known.id() : AgentId.random();
        Draft draft = new Draft().with("caseId", caseId).with("agentId", agent);
        AssignCase command = new AssignCase(caseId.value() ? opened.id() : null, agentId);
        if (draft.badFields().isEmpty() && "unknown".equals(agent.value())) {
            draft.markBad("agentId");
        }

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().cases().assign(command), assigned -> {
            assertThat(assigned.assignee()).contains(known.id());
            assertThat(assigned.team()).contains(TeamId.of("support"));
            assertThat(t.rapport().cases().get(opened.id())).isEqualTo(assigned);
        });
        Outcomes.requireBothOutcomes();
    }

    @Provide
    Arbitrary<Draft> openings() {
        return Builders.withBuilder(Draft::new)
                .use(Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(In.ok(true))),
                        Tuple.of(1, Arbitraries.just(In.ok(false))), Tuple.of(1, Arbitraries.just(In.bad(null)))))
                .in((d, v) -> d.with("customerKnown", In.ok(v.value())).with("customerId", v))
                .use(Hostile.requiredText(Limits.SUBJECT, false)).in((d, v) -> d.with("subject", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("category", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("type", v))
                .use(Hostile.required(Arbitraries.of(Priority.class))).in((d, v) -> d.with("priority", v))
                .use(Hostile.required(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("originChannel", v))
                .use(Hostile.optional(Arbitraries.of(Locale.GERMAN, Locale.JAPANESE, Locale.forLanguageTag("es-MX"))))
                .in((d, v) -> d.with("language", v))
                .use(skills()).in((d, v) -> d.with("requiredSkills", v))
                .build();
    }

    @Provide
    Arbitrary<In<Boolean>> caseIdPresent() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(In.ok(true))),
                Tuple.of(1, Arbitraries.just(In.bad(false))));
    }

    @Provide
    Arbitrary<In<String>> agentRefs() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(In.ok("known"))),
                Tuple.of(1, Arbitraries.just(In.ok("unknown"))), Tuple.of(1, Arbitraries.just(In.bad(null))));
    }

    /** Up to a few skill codes, some hostile, sometimes more than the limit of 50. */
    private static Arbitrary<In<Set<String>>> skills() {
        Arbitrary<In<Set<String>>> tooMany = Arbitraries.just(In.bad(java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> "skill" + i).collect(java.util.stream.Collectors.toSet())));
        return Arbitraries.frequencyOf(Tuple.of(20, Hostile.setWithNulls(Hostile.code(false), 4)),
                Tuple.of(1, tooMany));
    }
}
