package dev.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.TestRapport;
import java.time.temporal.ChronoUnit;
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
 * Recording feedback under random and hostile input, out-of-range scores and malformed scales included: a command is
 * either accepted and stored exactly, or refused with a {@link ValidationException} naming exactly its bad fields,
 * with the store unchanged and nothing published.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Feedback commands under random and hostile input")
class FeedbackCommandProperties {

    /** What a reference in the command names. */
    enum Ref { NONE, OWN, OTHER_CUSTOMERS, UNKNOWN }

    @Property(tries = 400)
    @Label("record stores a valid answer exactly and refuses an invalid one by its bad fields")
    void record(@ForAll("answers") Draft draft) {
        // given a customer with a case and an interaction, another customer's, and an agent
        TestRapport t = new TestRapport();
        Customer seed = t.customer();
        Customer other = t.customer();
        Case ownCase = t.openCase(seed.id());
        Case othersCase = t.openCase(other.id());
        Interaction ownCall = call(t, seed);
        Interaction othersCall = call(t, other);
        AgentId agent = t.agent(null).id();
        Boolean known = draft.get("customerKnown");
        CustomerId customerId = known == null ? null : known ? seed.id() : CustomerId.random();
        Ref caseRef = draft.get("caseRef");
        Ref interactionRef = draft.get("interactionRef");
        Ref agentRef = draft.get("agentRef");
        CaseId caseId = switch (caseRef) {
            case NONE -> null;
            case OWN -> ownCase.id();
            case OTHER_CUSTOMERS -> othersCase.id();
            case UNKNOWN -> CaseId.random();
        };
        InteractionId interactionId = switch (interactionRef) {
            case NONE -> null;
            case OWN -> ownCall.id();
            case OTHER_CUSTOMERS -> othersCall.id();
            case UNKNOWN -> InteractionId.random();
        };
        AgentId agentId = agentRef == Ref.NONE ? null : agentRef == Ref.UNKNOWN ? AgentId.random() : agent;
        RecordFeedback command = new RecordFeedback(customerId, draft.get("metric"), draft.get("scale"),
                draft.<Integer>get("score"), Optional.ofNullable(draft.get("comment")),
                Optional.ofNullable(draft.get("receivedAt")), Optional.ofNullable(caseId),
                Optional.ofNullable(interactionId), Optional.ofNullable(draft.get("orderRef")),
                Optional.ofNullable(agentId), Optional.ofNullable(draft.get("channel")));
        markScaleRules(draft, command);
        if (draft.badFields().isEmpty()) {
            // references are checked only once the command itself is valid
            boolean seedNamed = Boolean.TRUE.equals(known);
            if (!seedNamed) {
                draft.markBad("customerId");
            }
            if (caseRef == Ref.UNKNOWN || caseRef == Ref.OTHER_CUSTOMERS || caseRef == Ref.OWN && !seedNamed) {
                draft.markBad("caseId");
            }
            if (interactionRef == Ref.UNKNOWN || interactionRef == Ref.OTHER_CUSTOMERS
                    || interactionRef == Ref.OWN && !seedNamed) {
                draft.markBad("interactionId");
            }
            if (agentRef == Ref.UNKNOWN) {
                draft.markBad("agentId");
            }
        }

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().feedback().record(command), recorded -> {
            assertThat(t.rapport().feedback().get(recorded.id())).isEqualTo(recorded);
            assertThat(recorded.customerId()).isEqualTo(command.customerId());
            assertThat(recorded.metric()).isEqualTo(command.metric());
            assertThat(recorded.scale()).isEqualTo(command.scale());
            assertThat(recorded.score()).isEqualTo(command.score());
            assertThat(recorded.comment()).isEqualTo(command.comment());
            assertThat(recorded.receivedAt()).isEqualTo(command.receivedAt()
                    .map(at -> at.truncatedTo(ChronoUnit.MICROS)).orElse(TestRapport.START_MICROS));
            assertThat(recorded.caseId()).isEqualTo(command.caseId());
            assertThat(recorded.interactionId()).isEqualTo(command.interactionId());
            assertThat(recorded.orderRef()).isEqualTo(command.orderRef());
            assertThat(recorded.agentId()).isEqualTo(command.agentId());
            assertThat(recorded.channel()).isEqualTo(command.channel());
            assertThat(t.snapshot().feedback()).containsExactly(recorded);
            assertThat(t.events().events()).singleElement().isInstanceOf(FeedbackReceived.class);
        });
        Outcomes.requireBothOutcomes();
    }

    /**
     * The rules that span scale and score, as documented on {@link ScoreOnScale} and {@link Scale}: a scale with no
     * direction is refused; an unordered scale is refused; NPS only on its preset; otherwise a score off the scale is
     * refused on {@code score}.
     */
    private static void markScaleRules(Draft draft, RecordFeedback command) {
        Scale scale = command.scale();
        if (scale == null) {
            return; // already marked bad by the generator
        }
        if (scale.direction() == null) {
            draft.markBad("scale");
        }
        if (scale.min() >= scale.max()) {
            draft.markBad("scale");
        } else if (command.metric() == FeedbackMetric.NPS && !scale.equals(Scale.NPS_0_TO_10)) {
            draft.markBad("scale");
        } else if (!scale.contains(command.score())) {
            draft.markBad("score");
        }
    }

    private static Interaction call(TestRapport t, Customer customer) {
        Interaction call = t.rapport().interactions().record(RecordInteraction.builder()
                .customerId(customer.id()).channel(Channel.PHONE).build());
        t.events().clear();
        return call;
    }

    @Provide
    Arbitrary<Draft> answers() {
        Arbitrary<Ref> refs = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of(Ref.NONE, Ref.OWN)),
                Tuple.of(1, Arbitraries.of(Ref.OTHER_CUSTOMERS, Ref.UNKNOWN)));
        return Builders.withBuilder(Draft::new)
                .use(Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(In.ok(true))),
                        Tuple.of(1, Arbitraries.just(In.ok(false))), Tuple.of(1, Arbitraries.just(In.bad(null)))))
                .in((d, v) -> d.with("customerKnown", In.ok(v.value())).with("customerId", v))
                .use(Hostile.required(Arbitraries.of(FeedbackMetric.class))).in((d, v) -> d.with("metric", v))
                .use(scales()).in((d, v) -> d.with("scale", v))
                .use(scores()).in((d, v) -> d.with("score", In.ok(v)))
                .use(Hostile.optionalText(Limits.TEXT, true)).in((d, v) -> d.with("comment", v))
                .use(Hostile.optional(Hostile.instant())).in((d, v) -> d.with("receivedAt", v))
                .use(refs).in((d, v) -> d.with("caseRef", In.ok(v)))
                .use(refs).in((d, v) -> d.with("interactionRef", In.ok(v)))
                .use(refs.map(r -> r == Ref.OTHER_CUSTOMERS ? Ref.OWN : r)).in((d, v) -> d.with("agentRef", In.ok(v)))
                .use(Hostile.optionalNonBlankText(Limits.KEY)).in((d, v) -> d.with("orderRef", v))
                .use(Hostile.optional(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("channel", v))
                .build();
    }

    /** The presets mostly, then scales of any shape, and missing ones. */
    private static Arbitrary<In<Scale>> scales() {
        Arbitrary<Scale> presets = Arbitraries.of(Scale.CSAT_1_TO_5, Scale.NPS_0_TO_10, Scale.CES_1_TO_7,
                Scale.CES_EFFORT_1_TO_5);
        Arbitrary<Scale> any = Combinators.combine(Arbitraries.integers().between(-5, 12),
                        Arbitraries.integers().between(-5, 12), Arbitraries.of(ScaleDirection.class).injectNull(0.2))
                .as(Scale::new);
        return Arbitraries.frequencyOf(Tuple.of(12, presets.map(In::ok)), Tuple.of(3, any.map(In::ok)),
                Tuple.of(1, Arbitraries.just(In.bad((Scale) null))));
    }

    /** Scores on every common scale, just off them, and far off them. */
    private static Arbitrary<Integer> scores() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.integers().between(0, 10)),
                Tuple.of(2, Arbitraries.integers().between(-20, 20)),
                Tuple.of(1, Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 11)));
    }
}
