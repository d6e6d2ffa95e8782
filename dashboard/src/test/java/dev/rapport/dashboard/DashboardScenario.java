package dev.rapport.dashboard;

import dev.rapport.kpi.KpiCalculator;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two weeks of support in the in-memory store, written straight into the storage so that it can hold what the
 * services would refuse (a category with markup in it): cases on four channels, replies, resolutions, a backlog at
 * the end, CSAT and NPS ratings, chatbot contacts, and three agents, two of them with hostile names.
 */
final class DashboardScenario {

    /** Monday 4 March 2024, 00:00 UTC. */
    static final Instant FROM = Instant.parse("2024-03-04T00:00:00Z");
    /** Two weeks later. */
    static final Instant TO = FROM.plus(Duration.ofDays(14));
    /** When the report is computed: the morning after. */
    static final Instant NOW = TO.plus(Duration.ofHours(6));
    /** The two weeks. */
    static final TimeRange PERIOD = TimeRange.of(FROM, TO);

    /** An agent name that would run a script if written raw. */
    static final String SCRIPT_NAME = "<script>alert(1)</script>";
    /** An agent name that would break out of an attribute if written raw. */
    static final String BREAKOUT_NAME = "\"><img src=x onerror=alert(2)>";
    /** A category that would close an SVG title and open an element if written raw. */
    static final String HOSTILE_CATEGORY = "</title><svg onload=alert(3)>&amp;";

    static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.CHAT, Channel.PHONE, Channel.WHATSAPP);
    static final List<String> CATEGORIES = List.of("delivery", "returns", HOSTILE_CATEGORY);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final Map<String, String> agentNames = new LinkedHashMap<>();
    final List<AgentId> agents = new ArrayList<>();

    private DashboardScenario() {
    }

    /** An empty store. */
    static DashboardScenario empty() {
        return new DashboardScenario();
    }

    /**
     * The standard two weeks: six cases a day, rotating over channels, categories and agents; the last case of each
     * day of the second week is left unresolved, so the backlog grows; every case is rated, and one in three
     * customers answers NPS.
     */
    static DashboardScenario standard() {
        DashboardScenario s = new DashboardScenario();
        s.agent("Maya Patel");
        s.agent(SCRIPT_NAME);
        s.agent(BREAKOUT_NAME);
        int[] csat = {5, 4, 5, 3, 5, 2, 4, 5, 1, 5, 4};
        Duration[] reply = {Duration.ofHours(2), Duration.ofMinutes(2), Duration.ofSeconds(30),
            Duration.ofMinutes(20)};
        int n = 0;
        for (int day = 0; day < 14; day++) {
            for (int i = 0; i < 6; i++) {
                n++;
                Channel channel = CHANNELS.get(i % CHANNELS.size());
                String category = CATEGORIES.get((day + i) % CATEGORIES.size());
                AgentId agent = s.agents.get((day + i) % s.agents.size());
                Instant created = FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(8 + i));
                Duration replyAfter = reply[i % reply.length].multipliedBy(1 + day % 3);
                boolean unresolved = day >= 7 && i == 5;
                CustomerId customer = s.customer(created.minus(Duration.ofDays(30)));
                Case c = s.handled(customer, channel, category, agent, created, replyAfter,
                        unresolved ? null : replyAfter.plus(Duration.ofHours(1 + i)));
                if (!unresolved) {
                    s.rating(customer, c.id(), agent, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5,
                            csat[n % csat.length], created.plus(Duration.ofHours(10)));
                }
                if (n % 3 == 0) {
                    s.rating(customer, null, null, FeedbackMetric.NPS, Scale.NPS_0_TO_10, n % 11,
                            created.plus(Duration.ofHours(12)));
                }
            }
            CustomerId botUser = s.customer(FROM.minus(Duration.ofDays(10)));
            s.save(Interaction.builder().id(InteractionId.random()).customerId(botUser).channel(Channel.CHATBOT)
                    .direction(Direction.INBOUND).handledBy(Handler.BOT).reason("delivery")
                    .occurredAt(FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(21)))
                    .recordedAt(FROM.plus(Duration.ofDays(day)).plus(Duration.ofHours(21))));
        }
        AgentId newcomer = s.agent("Ravi Iyer");
        for (int i = 0; i < 2; i++) {
            Instant created = TO.minus(Duration.ofHours(20 - i));
            CustomerId customer = s.customer(created.minus(Duration.ofDays(3)));
            Case c = s.handled(customer, Channel.CHAT, "returns", newcomer, created, Duration.ofMinutes(1),
                    Duration.ofMinutes(30));
            s.rating(customer, c.id(), newcomer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5,
                    created.plus(Duration.ofHours(1)));
        }
        return s;
    }

    KpiEngine engine() {
        return new KpiEngine(storage, clock);
    }

    KpiEngine engine(KpiCalculator calculator) {
        return KpiEngine.builder().storage(storage).clock(clock).calculator(calculator).build();
    }

    AgentId agent(String name) {
        Agent agent = Agent.builder().id(AgentId.random()).name(name).createdAt(FROM.minus(Duration.ofDays(60)))
                .updatedAt(FROM.minus(Duration.ofDays(60))).build();
        storage.agents().insert(agent);
        agents.add(agent.id());
        agentNames.put(agent.id().toString(), name);
        return agent.id();
    }

    CustomerId customer(Instant createdAt) {
        Customer customer = Customer.builder().id(CustomerId.random()).name("Customer").createdAt(createdAt)
                .updatedAt(createdAt).build();
        return storage.customers().insert(customer).id();
    }

    /** A case opened by a customer message, answered by the agent, and resolved unless {@code resolveAfter} is null. */
    Case handled(CustomerId customer, Channel channel, String category, AgentId agent, Instant created,
            Duration replyAfter, Duration resolveAfter) {
        Case c = Case.builder().id(CaseId.random()).customerId(customer).subject("Subject").category(category)
                .originChannel(channel).assignee(agent).createdAt(created).updatedAt(created).build();
        c = c.moveTo(CaseStatus.OPEN, created.plusSeconds(1));
        if (resolveAfter != null) {
            c = c.moveTo(CaseStatus.RESOLVED, created.plus(resolveAfter));
        }
        c = storage.cases().insert(c.toBuilder().firstReplyAt(created.plus(replyAfter)).build());
        save(Interaction.builder().id(InteractionId.random()).customerId(customer).caseId(c.id()).channel(channel)
                .direction(Direction.INBOUND).kind(InteractionKind.QUESTION).occurredAt(created).recordedAt(created));
        save(Interaction.builder().id(InteractionId.random()).customerId(customer).caseId(c.id()).channel(channel)
                .direction(Direction.OUTBOUND).agentId(agent).occurredAt(created.plus(replyAfter))
                .recordedAt(created.plus(replyAfter)));
        return c;
    }

    void rating(CustomerId customer, CaseId caseId, AgentId agent, FeedbackMetric metric, Scale scale, int score,
            Instant at) {
        storage.feedback().insert(Feedback.builder().id(FeedbackId.random()).customerId(customer).metric(metric)
                .scale(scale).score(score).receivedAt(at).caseId(caseId).agentId(agent).build());
    }

    private void save(Interaction.Builder builder) {
        storage.interactions().insert(builder.build());
    }
}
