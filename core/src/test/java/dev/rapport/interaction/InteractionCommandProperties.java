package dev.rapport.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.validation.Limits;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
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
 * Recording interactions under random and hostile input: a command is either accepted and stored exactly, or
 * refused with a {@link ValidationException} naming exactly its bad fields (or, for a valid command, the references
 * that do not resolve), with the store unchanged and nothing published.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Interaction commands under random and hostile input")
class InteractionCommandProperties {

    /** Which customer a command names. */
    enum CustomerRef { SEED, UNKNOWN }

    /** Which case a command names. */
    enum CaseRef { NONE, OWN, OTHER_CUSTOMERS, UNKNOWN }

    /** Which agent a command names. */
    enum AgentRef { NONE, KNOWN, UNKNOWN }

    @Property(tries = 400)
    @Label("record stores a valid command exactly and refuses an invalid one by its bad fields")
    void record(@ForAll("commands") Draft draft) {
        // given a customer with a case, another customer with a case, and an agent
        TestRapport t = new TestRapport();
        Customer seed = t.customer();
        Case own = t.openCase(seed.id());
        Case others = t.openCase(t.customer().id());
        Agent agent = t.agent(null);
        CustomerRef customerRef = draft.get("customerRef");
        CaseRef caseRef = draft.get("caseRef");
        AgentRef agentRef = draft.get("agentRef");
        CustomerId customerId = customerRef == null ? null
                : customerRef == CustomerRef.SEED ? seed.id() : CustomerId.random();
        CaseId caseId = switch (caseRef) {
            case NONE -> null;
            case OWN -> own.id();
            case OTHER_CUSTOMERS -> others.id();
            case UNKNOWN -> CaseId.random();
        };
        AgentId agentId = switch (agentRef) {
            case NONE -> null;
            case KNOWN -> agent.id();
            case UNKNOWN -> AgentId.random();
        };
        RecordInteraction command = new RecordInteraction(customerId, draft.get("channel"), draft.get("direction"),
                Optional.ofNullable(draft.get("occurredAt")), Optional.ofNullable(agentId),
                Optional.ofNullable(caseId), draft.get("kind"), draft.get("handledBy"), draft.get("visibility"),
                Optional.ofNullable(draft.get("handleTime")), Optional.ofNullable(draft.get("summary")),
                Optional.ofNullable(draft.get("externalId")), Optional.ofNullable(draft.get("orderRef")),
                Optional.ofNullable(draft.get("amount")), Optional.ofNullable(draft.get("reason")),
                Optional.ofNullable(draft.get("waitTime")), draft.<Boolean>get("abandoned"));
        markCallDetailsOffKind(draft);
        if (draft.badFields().isEmpty()) {
            // references are checked only once the command itself is valid
            if (customerRef == CustomerRef.UNKNOWN) {
                draft.markBad("customerId");
            }
            if (caseRef == CaseRef.UNKNOWN || caseRef == CaseRef.OTHER_CUSTOMERS
                    || caseRef == CaseRef.OWN && customerRef != CustomerRef.SEED) {
                draft.markBad("caseId");
            }
            if (agentRef == AgentRef.UNKNOWN) {
                draft.markBad("agentId");
            }
        }
        StoreSnapshot before = t.snapshot();

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().interactions().record(command), recorded -> {
            assertThat(t.rapport().interactions().get(recorded.id())).isEqualTo(recorded);
            assertThat(recorded.customerId()).isEqualTo(command.customerId());
            assertThat(recorded.channel()).isEqualTo(command.channel());
            assertThat(recorded.direction()).isEqualTo(command.direction());
            assertThat(recorded.occurredAt()).isEqualTo(command.occurredAt()
                    .map(at -> at.truncatedTo(ChronoUnit.MICROS)).orElse(TestRapport.START_MICROS));
            assertThat(recorded.agentId()).isEqualTo(command.agentId());
            assertThat(recorded.caseId()).isEqualTo(command.caseId());
            assertThat(recorded.kind()).isEqualTo(command.kind());
            assertThat(recorded.handledBy()).isEqualTo(command.handledBy());
            assertThat(recorded.visibility()).isEqualTo(command.visibility());
            assertThat(recorded.handleTime()).isEqualTo(command.handleTime());
            assertThat(recorded.summary()).isEqualTo(command.summary());
            assertThat(recorded.externalId()).isEqualTo(command.externalId());
            assertThat(recorded.orderRef()).isEqualTo(command.orderRef());
            assertThat(recorded.amount()).isEqualTo(command.amount());
            assertThat(recorded.reason()).isEqualTo(command.reason());
            assertThat(recorded.waitTime()).isEqualTo(command.waitTime());
            assertThat(recorded.abandoned()).isEqualTo(command.abandoned());
            assertThat(t.snapshot().interactions()).containsExactly(recorded);
            assertThat(t.snapshot().customers()).isEqualTo(before.customers());
            assertThat(t.events().events(InteractionRecorded.class)).singleElement()
                    .satisfies(e -> assertThat(e.interactionId()).isEqualTo(recorded.id()));
            Case ownNow = t.rapport().cases().get(own.id());
            assertThat(ownNow.firstReplyAt()).isEqualTo(
                    recorded.caseId().isPresent() && recorded.isHumanPublicReply()
                            ? Optional.of(recorded.occurredAt()) : Optional.<Instant>empty());
            assertThat(ownNow.status()).isEqualTo(own.status());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 150)
    @Label("recording the same external id again returns the first interaction and changes nothing")
    void idempotent(@ForAll("commands") Draft draft) {
        // given a valid interaction recorded under an external id
        TestRapport t = new TestRapport();
        Customer seed = t.customer();
        String externalId = draft.get("externalId");
        if (externalId == null || !draft.badFields().isEmpty()) {
            return; // only valid commands with an external id are of interest here
        }
        RecordInteraction command = RecordInteraction.builder().customerId(seed.id()).channel(Channel.WHATSAPP)
                .externalId(externalId).summary(draft.get("summary")).build();
        Interaction first = t.rapport().interactions().record(command);
        StoreSnapshot before = t.snapshot();
        t.events().clear();

        // when
        Interaction again = t.rapport().interactions().record(command);

        // then
        assertThat(again).isEqualTo(first);
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(t.events().events()).isEmpty();
    }

    @Provide
    Arbitrary<Draft> commands() {
        return Builders.withBuilder(Draft::new)
                .use(Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(In.ok(CustomerRef.SEED))),
                        Tuple.of(1, Arbitraries.just(In.ok(CustomerRef.UNKNOWN))),
                        Tuple.of(1, Arbitraries.just(In.bad((CustomerRef) null)))))
                .in((d, v) -> d.with("customerRef", In.ok(v.value())).with("customerId", v))
                .use(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(CaseRef.NONE, CaseRef.OWN)),
                        Tuple.of(1, Arbitraries.of(CaseRef.OTHER_CUSTOMERS, CaseRef.UNKNOWN))).map(In::ok))
                .in((d, v) -> d.with("caseRef", v))
                .use(Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(AgentRef.NONE, AgentRef.KNOWN)),
                        Tuple.of(1, Arbitraries.just(AgentRef.UNKNOWN))).map(In::ok))
                .in((d, v) -> d.with("agentRef", v))
                .use(Hostile.required(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("channel", v))
                .use(Hostile.required(Arbitraries.of(Direction.class))).in((d, v) -> d.with("direction", v))
                .use(Hostile.optional(Hostile.instant())).in((d, v) -> d.with("occurredAt", v))
                .use(Hostile.required(Arbitraries.of(InteractionKind.class))).in((d, v) -> d.with("kind", v))
                .use(Hostile.required(Arbitraries.of(Handler.class))).in((d, v) -> d.with("handledBy", v))
                .use(Hostile.required(Arbitraries.of(Visibility.class))).in((d, v) -> d.with("visibility", v))
                .use(handleTimes()).in((d, v) -> d.with("handleTime", v))
                .use(Hostile.optionalText(Limits.TEXT, true)).in((d, v) -> d.with("summary", v))
                .use(Hostile.optionalNonBlankText(Limits.KEY)).in((d, v) -> d.with("externalId", v))
                .use(Hostile.optionalNonBlankText(Limits.KEY)).in((d, v) -> d.with("orderRef", v))
                .use(Arbitraries.frequencyOf(Tuple.of(3, Hostile.money()),
                        Tuple.of(2, Arbitraries.just(In.ok(null))))).in((d, v) -> d.with("amount", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("reason", v))
                .use(waitTimes()).in((d, v) -> d.with("waitTime", v))
                .use(Arbitraries.of(true, false).map(In::ok)).in((d, v) -> d.with("abandoned", v))
                .build();
    }

    /** A wait time on a kind that is not a call, or abandoned on a kind that is not a missed call, is refused. */
    private static void markCallDetailsOffKind(Draft draft) {
        InteractionKind kind = draft.get("kind");
        if (kind == null) {
            return; // the missing kind is reported; the details are not compared with it
        }
        if (draft.get("waitTime") != null && kind != InteractionKind.CALL && kind != InteractionKind.MISSED_CALL) {
            draft.markBad("waitTime");
        }
        if (draft.<Boolean>get("abandoned") && kind != InteractionKind.MISSED_CALL) {
            draft.markBad("abandoned");
        }
    }

    /** No wait time, one in the supported range (0 to 24 h, both ends), or one outside it (negative, too long). */
    private static Arbitrary<In<Duration>> waitTimes() {
        Arbitrary<In<Duration>> valid = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 86_400_000_000_000L).map(Duration::ofNanos),
                Arbitraries.of(Duration.ZERO, Duration.ofHours(24), Duration.ofNanos(1))).map(In::ok);
        Arbitrary<In<Duration>> invalid = Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, -1).map(Duration::ofNanos),
                Arbitraries.of(Duration.ofHours(24).plusNanos(1), Duration.ofDays(365), Duration.ofSeconds(-1),
                        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE))).map(In::bad);
        return Arbitraries.frequencyOf(Tuple.of(3, valid), Tuple.of(2, invalid),
                Tuple.of(4, Arbitraries.just(In.ok((Duration) null))));
    }

    /** No handle time, or one whose parts may be negative or missing. */
    private static Arbitrary<In<HandleTime>> handleTimes() {
        Arbitrary<In<HandleTime>> some = Combinators.combine(Hostile.duration(), Hostile.duration(),
                        Hostile.duration())
                .as((talk, hold, work) -> new In<>(new HandleTime(talk.value(), hold.value(), work.value()),
                        talk.valid() && hold.valid() && work.valid()));
        Arbitrary<In<HandleTime>> missingPart = Arbitraries.just(
                In.bad(new HandleTime(Duration.ofMinutes(1), null, Duration.ZERO)));
        return Arbitraries.frequencyOf(Tuple.of(4, some), Tuple.of(1, missingPart),
                Tuple.of(4, Arbitraries.just(In.ok(null))));
    }
}
