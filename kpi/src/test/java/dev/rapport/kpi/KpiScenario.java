package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.T0;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * A random but plausible world for property tests: customers, cases walked through allowed lifecycle moves (some
 * corrupted on purpose), their interactions, contacts outside cases, purchases and ratings, spread over
 * {@link #SPAN_MINUTES} from {@link KpiFixtures#T0}.
 */
record KpiScenario(List<CustomerSpec> customers, List<CaseSpec> cases, List<ContactSpec> contacts,
        List<PurchaseSpec> purchases, List<FeedbackSpec> feedback, int nowMinute) {

    static final int SPAN_MINUTES = 20 * 1440;
    static final List<Scale> SCALES = List.of(Scale.CSAT_1_TO_5, Scale.NPS_0_TO_10, Scale.CES_1_TO_7,
            Scale.CES_EFFORT_1_TO_5, new Scale(1, 10, ScaleDirection.HIGHER_IS_BETTER));

    record CustomerSpec(int createdDay, boolean gold, CustomerStatus status) {
    }

    record Step(CaseStatus to, int afterMinutes) {
    }

    enum Kind { MESSAGE, REPLY, BOT_REPLY, AUTO_REPLY, NOTE }

    record InteractionSpec(Kind kind, int offsetMinutes, int agent) {
    }

    record CaseSpec(int customer, int createdMinute, String category, boolean chat, int agent, List<Step> steps,
            List<InteractionSpec> interactions, int corruption) {
    }

    record ContactSpec(int customer, int minute, String channel, String reason, boolean bot, int talkSeconds,
            boolean negativeHold, boolean compliment) {
    }

    record PurchaseSpec(int customer, int minute, String currency, int cents) {
    }

    record FeedbackSpec(int customer, int minute, FeedbackMetric metric, int scale, int score, int caseIndex,
            int agent) {
    }

    static Instant minute(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    static Arbitrary<KpiScenario> scenarios() {
        Arbitrary<CustomerSpec> customer = Combinators.combine(uniform(-60, 25),
                Arbitraries.of(true, false),
                Arbitraries.of(CustomerStatus.ACTIVE, CustomerStatus.ACTIVE, CustomerStatus.CHURNED,
                        CustomerStatus.INACTIVE, CustomerStatus.PROSPECT)).as(CustomerSpec::new);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER,
                CaseStatus.ON_HOLD, CaseStatus.RESOLVED, CaseStatus.RESOLVED, CaseStatus.CLOSED),
                uniform(0, 3000)).as(Step::new);
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(4, Kind.MESSAGE), Tuple.of(4, Kind.REPLY),
                Tuple.of(1, Kind.BOT_REPLY), Tuple.of(1, Kind.AUTO_REPLY), Tuple.of(1, Kind.NOTE));
        Arbitrary<InteractionSpec> interaction = Combinators.combine(kind,
                uniform(-90, 6000), uniform(-1, 1))
                .as(InteractionSpec::new);
        Arbitrary<CaseSpec> supportCase = Combinators.combine(uniform(0, 3),
                uniform(0, SPAN_MINUTES - 1),
                Arbitraries.of("billing", "delivery", "").map(s -> s.isEmpty() ? null : s),
                Arbitraries.of(true, false), uniform(-1, 1), step.list().ofMaxSize(5),
                interaction.list().ofMaxSize(8),
                uniform(0, 12).map(i -> i > 3 ? 0 : i)).as(CaseSpec::new);
        Arbitrary<ContactSpec> contact = Combinators.combine(uniform(0, 3),
                uniform(-3000, SPAN_MINUTES + 3000),
                Arbitraries.of("phone", "email", "chatbot", "self_service", "ivr"),
                Arbitraries.of("billing", "delivery", "").map(s -> s.isEmpty() ? null : s),
                Arbitraries.of(true, false), uniform(-1, 900), Arbitraries.of(false, false,
                        false, true), Arbitraries.of(false, false, true)).as(ContactSpec::new);
        Arbitrary<PurchaseSpec> purchase = Combinators.combine(uniform(0, 3),
                uniform(-40 * 1440, SPAN_MINUTES + 3000),
                Arbitraries.of("EUR", "EUR", "EUR", "USD", ""), uniform(1, 50_000))
                .as(PurchaseSpec::new);
        Arbitrary<FeedbackSpec> feedback = Combinators.combine(uniform(0, 3),
                uniform(0, SPAN_MINUTES - 1), Arbitraries.of(FeedbackMetric.class),
                uniform(0, SCALES.size() - 1), uniform(-1, 11),
                uniform(-1, 11), uniform(-1, 1))
                .as(FeedbackSpec::new);
        return Combinators.combine(customer.list().ofMinSize(1).ofMaxSize(4), supportCase.list().ofMinSize(1).ofMaxSize(12),
                contact.list().ofMaxSize(10), purchase.list().ofMaxSize(10), feedback.list().ofMaxSize(12),
                Arbitraries.of(SPAN_MINUTES / 2, SPAN_MINUTES + 60 * 1440)).as(KpiScenario::new);
    }

    /** Stores the scenario; returns the test data holding it. */
    KpiFixtures build() {
        KpiFixtures data = new KpiFixtures(minute(nowMinute));
        List<CustomerId> customerIds = new ArrayList<>();
        for (CustomerSpec c : customers) {
            Instant created = T0.plus(Duration.ofDays(c.createdDay()));
            // a customer field from the customer's place in the list: tier gold, silver, or none
            int tier = customerIds.size() % 3;
            Map<String, FieldValue> fields = tier == 2 ? Map.of()
                    : Map.of("tier", FieldValue.choice(tier == 0 ? "gold" : "silver"));
            customerIds.add(data.customer(b -> b.createdAt(created).updatedAt(created.plus(Duration.ofDays(3)))
                    .status(c.status()).segment(c.gold() ? "gold" : null).fields(fields)));
        }
        List<AgentId> agents = List.of(data.agent("team_a"), data.agent(null));
        List<Case> stored = new ArrayList<>();
        for (CaseSpec spec : cases) {
            CustomerId customer = customerIds.get(spec.customer() % customerIds.size());
            Instant created = minute(spec.createdMinute());
            // a case field from the case's creation minute: carrier dhl, ups, or none
            int carrier = spec.createdMinute() % 3;
            KpiFixtures.CaseBuilder builder = data.newCase(customer, created).category(spec.category())
                    .channel(spec.chat() ? Channel.CHAT : Channel.EMAIL)
                    .raw(b -> b.fields(carrier == 2 ? Map.of()
                            : Map.of("carrier", FieldValue.choice(carrier == 0 ? "dhl" : "ups"))));
            if (spec.agent() >= 0) {
                builder.assignee(agents.get(spec.agent()));
            }
            Instant at = created;
            CaseStatus status = CaseStatus.NEW;
            for (Step step : spec.steps()) {
                at = at.plus(Duration.ofMinutes(step.afterMinutes()));
                if (status.canMoveTo(step.to())) {
                    builder.move(step.to(), at);
                    status = step.to();
                }
            }
            switch (spec.corruption()) {
                case 1 -> builder.raw(b -> b.status(CaseStatus.RESOLVED).firstResolvedAt(created.minusSeconds(3600))
                        .resolvedAt(created.minusSeconds(60)));
                case 2 -> builder.raw(b -> b.status(CaseStatus.CLOSED).resolvedAt(null));
                case 3 -> builder.raw(b -> b.status(CaseStatus.ON_HOLD));
                default -> { }
            }
            Case c = builder.save();
            stored.add(c);
            for (InteractionSpec i : spec.interactions()) {
                Instant when = created.plus(Duration.ofMinutes(i.offsetMinutes()));
                AgentId agent = i.agent() >= 0 ? agents.get(i.agent()) : null;
                switch (i.kind()) {
                    case MESSAGE -> data.message(c, when);
                    case REPLY -> data.save(data.interaction(customer, when).caseId(c.id())
                            .direction(Direction.OUTBOUND).agentId(agent));
                    case BOT_REPLY -> data.machineReply(c, Handler.BOT, when);
                    case AUTO_REPLY -> data.machineReply(c, Handler.AUTOMATIC, when);
                    case NOTE -> data.note(c, agent == null ? agents.get(0) : agent, when);
                    default -> throw new IllegalStateException();
                }
            }
        }
        for (ContactSpec spec : contacts) {
            CustomerId customer = customerIds.get(spec.customer() % customerIds.size());
            Interaction.Builder builder = data.interaction(customer, minute(spec.minute()))
                    .channel(Channel.of(spec.channel())).reason(spec.reason())
                    .handledBy(spec.bot() ? Handler.BOT : Handler.HUMAN)
                    .kind(spec.compliment() ? InteractionKind.COMPLIMENT : InteractionKind.CALL)
                    .agentId(spec.compliment() ? agents.get(spec.minute() & 1) : null);
            if (spec.talkSeconds() >= 0) {
                builder.handleTime(new HandleTime(Duration.ofSeconds(spec.talkSeconds()),
                        Duration.ofSeconds(spec.negativeHold() ? -5 : spec.talkSeconds() / 7),
                        Duration.ofMillis(spec.talkSeconds() * 333L)));
            }
            data.save(builder);
        }
        for (PurchaseSpec spec : purchases) {
            CustomerId customer = customerIds.get(spec.customer() % customerIds.size());
            data.save(data.interaction(customer, minute(spec.minute())).kind(InteractionKind.PURCHASE)
                    .amount(spec.currency().isEmpty() ? null
                            : Money.of(java.math.BigDecimal.valueOf(spec.cents(), 2).toPlainString(),
                                    spec.currency())));
        }
        for (FeedbackSpec spec : feedback) {
            CustomerId customer = customerIds.get(spec.customer() % customerIds.size());
            Scale scale = spec.metric() == FeedbackMetric.NPS && spec.scale() != 4 ? Scale.NPS_0_TO_10
                    : SCALES.get(spec.scale());
            Case about = spec.caseIndex() >= 0 && spec.caseIndex() < stored.size() ? stored.get(spec.caseIndex())
                    : null;
            data.rating(customer, spec.metric(), scale, spec.score(), minute(spec.minute()),
                    b -> b.caseId(about == null ? null : about.id())
                            .agentId(spec.agent() >= 0 ? agents.get(spec.agent()) : null));
        }
        return data;
    }
}
