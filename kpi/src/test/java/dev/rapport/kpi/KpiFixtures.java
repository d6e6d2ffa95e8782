package dev.rapport.kpi;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * Test data for KPI tests: an in-memory store with a fixed clock, and short ways to put customers, cases,
 * interactions and ratings in it. Times are given as offsets from {@link #T0}, a Monday at midnight UTC.
 */
final class KpiFixtures {

    /** Monday 4 March 2024, 00:00 UTC. */
    static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");

    final Clock clock;
    final InMemoryStorage storage;

    KpiFixtures() {
        this(T0.plus(Duration.ofDays(365)));
    }

    KpiFixtures(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        storage = new InMemoryStorage(clock);
    }

    KpiEngine engine() {
        return new KpiEngine(storage, clock);
    }

    KpiEngine engine(KpiSettings settings) {
        return KpiEngine.builder().storage(storage).clock(clock).settings(settings).build();
    }

    static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    static Instant days(long d) {
        return T0.plus(Duration.ofDays(d));
    }

    static TimeRange daysRange(long fromDay, long toDay) {
        return TimeRange.of(days(fromDay), days(toDay));
    }

    // ------------------------------------------------------------------------------------------ customers, agents

    CustomerId customer() {
        return customer(c -> c);
    }

    CustomerId customer(UnaryOperator<Customer.Builder> adjust) {
        Customer.Builder builder = Customer.builder().id(CustomerId.random()).name("Customer")
                .createdAt(T0.minus(Duration.ofDays(30))).updatedAt(T0.minus(Duration.ofDays(30)));
        return storage.customers().insert(adjust.apply(builder).build()).id();
    }

    AgentId agent(String team) {
        Agent agent = Agent.builder().id(AgentId.random()).name("Agent").team(team == null ? null : TeamId.of(team))
                .createdAt(T0).updatedAt(T0).build();
        return storage.agents().insert(agent).id();
    }

    // ------------------------------------------------------------------------------------------ cases

    CaseBuilder newCase(CustomerId customer, Instant createdAt) {
        return new CaseBuilder(customer, createdAt);
    }

    /** Builds a case through its real lifecycle moves, then lets a test bend the result. */
    final class CaseBuilder {
        private Case current;
        private UnaryOperator<Case.Builder> raw = b -> b;

        private CaseBuilder(CustomerId customer, Instant createdAt) {
            current = Case.builder().id(CaseId.random()).customerId(customer).subject("Subject")
                    .originChannel(Channel.EMAIL).createdAt(createdAt).updatedAt(createdAt).build();
        }

        CaseBuilder category(String value) {
            current = current.toBuilder().category(value).build();
            return this;
        }

        CaseBuilder channel(Channel value) {
            current = current.toBuilder().originChannel(value).build();
            return this;
        }

        CaseBuilder assignee(AgentId value) {
            current = current.toBuilder().assignee(value).build();
            return this;
        }

        CaseBuilder team(String value) {
            current = current.toBuilder().team(TeamId.of(value)).build();
            return this;
        }

        CaseBuilder priority(Priority value) {
            current = current.toBuilder().priority(value).build();
            return this;
        }

        CaseBuilder move(CaseStatus to, Instant at) {
            current = current.moveTo(to, at);
            return this;
        }

        CaseBuilder resolve(Instant at) {
            return move(CaseStatus.RESOLVED, at);
        }

        CaseBuilder reopen(Instant at) {
            return move(CaseStatus.OPEN, at);
        }

        /** Changes fields directly, bypassing the lifecycle: for inconsistent data. */
        CaseBuilder raw(UnaryOperator<Case.Builder> change) {
            UnaryOperator<Case.Builder> before = raw;
            raw = b -> change.apply(before.apply(b));
            return this;
        }

        Case save() {
            return storage.cases().insert(raw.apply(current.toBuilder()).build());
        }
    }

    // ------------------------------------------------------------------------------------------ interactions

    Interaction.Builder interaction(CustomerId customer, Instant at) {
        return Interaction.builder().id(InteractionId.random()).customerId(customer).channel(Channel.EMAIL)
                .occurredAt(at).recordedAt(at);
    }

    Interaction save(Interaction.Builder builder) {
        return storage.interactions().insert(builder.build());
    }

    /** A public message from the customer on the case. */
    Interaction message(Case c, Instant at) {
        return save(interaction(c.customerId(), at).caseId(c.id()).direction(Direction.INBOUND));
    }

    /** A public reply by a human agent on the case. */
    Interaction reply(Case c, AgentId agent, Instant at) {
        return save(interaction(c.customerId(), at).caseId(c.id()).direction(Direction.OUTBOUND).agentId(agent));
    }

    /** An outbound message on the case handled by a bot or an automatic process. */
    Interaction machineReply(Case c, Handler handler, Instant at) {
        return save(interaction(c.customerId(), at).caseId(c.id()).direction(Direction.OUTBOUND).handledBy(handler));
    }

    /** An internal note by an agent on the case. */
    Interaction note(Case c, AgentId agent, Instant at) {
        return save(interaction(c.customerId(), at).caseId(c.id()).direction(Direction.OUTBOUND).agentId(agent)
                .kind(InteractionKind.NOTE).visibility(Visibility.INTERNAL));
    }

    /** An inbound contact outside any case, with a contact reason. */
    Interaction contact(CustomerId customer, Channel channel, String reason, Instant at) {
        return save(interaction(customer, at).channel(channel).reason(reason));
    }

    Interaction purchase(CustomerId customer, Instant at, String amount, String currency) {
        return save(interaction(customer, at).kind(InteractionKind.PURCHASE).channel(Channel.WEB_FORM)
                .amount(amount == null ? null : Money.of(amount, currency)));
    }

    Interaction handled(CustomerId customer, Instant at, Handler handler, HandleTime time) {
        return save(interaction(customer, at).channel(Channel.PHONE).kind(InteractionKind.CALL).handledBy(handler)
                .handleTime(time));
    }

    // ------------------------------------------------------------------------------------------ feedback

    Feedback rating(CustomerId customer, FeedbackMetric metric, Scale scale, int score, Instant at) {
        return rating(customer, metric, scale, score, at, b -> b);
    }

    Feedback rating(CustomerId customer, FeedbackMetric metric, Scale scale, int score, Instant at,
            UnaryOperator<Feedback.Builder> adjust) {
        Feedback.Builder builder = Feedback.builder().id(FeedbackId.random()).customerId(customer).metric(metric)
                .scale(scale).score(score).receivedAt(at);
        return storage.feedback().insert(adjust.apply(builder).build());
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Duration between(Instant a, Instant b) {
        return Duration.between(a, b);
    }

    static CustomerStatus status(String name) {
        return CustomerStatus.valueOf(name);
    }
}
