package dev.rapport.tck;

import static dev.rapport.tck.KpiDataSet.*;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.StatusChange;
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
import java.time.Duration;
import java.time.Instant;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Draws the records of a {@link KpiDataSet}; one per data set, not thread-safe. */
final class KpiDataGenerator {
    private final long seed;
    private final int scale;
    private final Random random;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Customer> customers = new ArrayList<>();
    private final List<Case> cases = new ArrayList<>();
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<Feedback> feedback = new ArrayList<>();
    private int spoiled;
    private int drawnCases;
    private int ratings;
    private int purchases;

    KpiDataGenerator(long seed, int scale) {
        this.seed = seed;
        this.scale = scale;
        this.random = new Random(seed);
    }

    KpiDataSet generate() {
        for (int i = 0; i < 6; i++) {
            Instant at = T0.minus(Duration.ofDays(100));
            agents.add(Agent.builder().id(new AgentId(uuid())).name("Agent " + i)
                    .team(pick(0.25, List.of(TeamId.of("alpha"), TeamId.of("beta")))).createdAt(at).updatedAt(at)
                    .build());
        }
        int customerCount = 4 * scale;
        for (int i = 0; i < customerCount; i++) {
            customers.add(customer(i));
        }
        for (int i = 0; i < 12 * scale; i++) {
            supportCase();
        }
        for (int i = 0; i < 25 * scale; i++) {
            caselessInteraction();
        }
        for (int i = 0; i < 15 * scale; i++) {
            rating();
        }
        for (int i = 0; i < 3 * Math.max(1, scale / 5); i++) {
            lateReplyCase(i % 3);
        }
        callsAndChurnReasons();
        SurveysAndCompliments extra = new SurveysAndCompliments(new Random(seed * 7919 + 17));
        return new KpiDataSet(seed, agents, customers, cases, interactions, feedback, extra.followUps,
                extra.compliments);
    }

    /**
     * Survey follow-ups with their answers, and compliments through the complaints door, drawn from a random of
     * their own after everything else, so that the other records do not change.
     */
    private final class SurveysAndCompliments {
        final List<FollowUp> followUps = new ArrayList<>();
        final List<Complaint> compliments = new ArrayList<>();
        private final Random r;

        SurveysAndCompliments(Random r) {
            this.r = r;
            for (int i = 0; i < 8 * scale; i++) {
                survey(i);
            }
            for (int i = 0; i < 4 * scale; i++) {
                compliment(i);
            }
        }

        private void survey(int index) {
            Customer customer = customers.get(r.nextInt(customers.size()));
            Case about = r.nextDouble() < 0.25 ? null : cases.get(r.nextInt(cases.size()));
            FollowUpKind kind = r.nextDouble() < 0.85 ? FollowUpKind.SURVEY : FollowUpKind.THANK_YOU;
            FollowUpStatus status = List.of(FollowUpStatus.SENT, FollowUpStatus.SENT, FollowUpStatus.SENT,
                    FollowUpStatus.SCHEDULED, FollowUpStatus.CANCELLED, FollowUpStatus.FAILED)
                    .get(r.nextInt(6));
            Instant due = T0.plus(Duration.ofDays(-5)).plus(Duration.ofNanos(
                    Math.floorMod(r.nextLong(), Duration.ofDays(41).toNanos() / 1000) * 1000));
            FollowUpId id = new FollowUpId(new UUID(r.nextLong(), r.nextLong()));
            Channel channel = CONTACT_CHANNELS.get(r.nextInt(CONTACT_CHANNELS.size()));
            followUps.add(FollowUp.builder().id(id).customerId(customer.id())
                    .caseId(about == null ? null : about.id()).kind(kind).channel(channel).dueAt(due)
                    .status(status).attempts(status == FollowUpStatus.SCHEDULED ? 0 : 1)
                    .idempotencyKey("kpi-survey:" + seed + ":" + index).createdAt(due.minus(Duration.ofDays(1)))
                    .updatedAt(due).build());
            if (status == FollowUpStatus.SCHEDULED || r.nextDouble() < 0.45) {
                return; // not answered
            }
            Instant answered = due.plus(Duration.ofMinutes(1 + r.nextInt(60 * 24 * 20)));
            int questions = 1 + r.nextInt(2);
            for (int q = 0; q < questions; q++) {
                FeedbackMetric metric = q == 0 ? FeedbackMetric.CSAT : FeedbackMetric.NPS;
                Scale scale = q == 0 ? Scale.CSAT_1_TO_5 : Scale.NPS_0_TO_10;
                feedback.add(Feedback.builder().id(new FeedbackId(new UUID(r.nextLong(), r.nextLong())))
                        .customerId(customer.id()).metric(metric).scale(scale)
                        .score(scale.min() + r.nextInt(scale.max() - scale.min() + 1)).receivedAt(answered)
                        .caseId(about == null ? null : about.id())
                        .agentId(about == null ? null : about.assignee().orElse(null)).channel(channel)
                        .followUpId(id).build());
            }
        }

        private void compliment(int index) {
            Customer customer = customers.get(r.nextInt(customers.size()));
            Case about = r.nextDouble() < 0.7 ? null : cases.get(r.nextInt(cases.size()));
            Set<AgentId> credited = new LinkedHashSet<>();
            int count = r.nextInt(3);
            while (credited.size() < count) {
                credited.add(agents.get(r.nextInt(agents.size())).id());
            }
            Instant received = T0.plus(Duration.ofDays(-5)).plus(Duration.ofNanos(
                    Math.floorMod(r.nextLong(), Duration.ofDays(41).toNanos() / 1000) * 1000));
            compliments.add(Complaint.builder().id(new ComplaintId(new UUID(r.nextLong(), r.nextLong())))
                    .reference(ComplaintReference.of("KPI", 2024, 1 + index)).kind(ComplaintKind.COMPLIMENT)
                    .customerId(customer.id()).channel(CONTACT_CHANNELS.get(r.nextInt(CONTACT_CHANNELS.size())))
                    .description("Thank you for your help").severity(Severity.LOW).regime("kpi")
                    .receivedAt(received).caseId(about == null ? null : about.id()).agentIds(credited)
                    .stage(ComplaintStage.CLOSED).acknowledgedAt(received).closedAt(received)
                    .updatedAt(received).build());
        }
    }

    private Customer customer(int index) {
        Instant created = chance(0.3) ? T0.minus(micros(Duration.ofDays(OLDEST_DAYS)))
                : at(-30, 36);
        Instant updated = created.plus(micros(Duration.ofDays(40)));
        CustomerStatus status = pick(0, List.of(CustomerStatus.ACTIVE, CustomerStatus.ACTIVE,
                CustomerStatus.INACTIVE, CustomerStatus.CHURNED, CustomerStatus.PROSPECT));
        Money acquisition = chance(0.4) ? null : Money.of(amount(), chance(0.85) ? "EUR" : "USD");
        CustomerId id = new CustomerId(uuid());
        return Customer.builder().id(id).name("Customer " + index)
                .segment(pick(0.2, SEGMENTS)).status(status).acquisitionCost(acquisition)
                .tags(customerTagsOf(id)).fields(customerFieldsOf(id))
                .createdAt(created).updatedAt(updated).build();
    }

    private void supportCase() {
        Customer customer = customers.get(random.nextInt(customers.size()));
        Instant created = at(-12, 36);
        CaseId caseId = new CaseId(uuid());
        Case c = Case.builder().id(caseId).customerId(customer.id()).subject("Subject")
                .tags(tagsOf(caseId)).fields(fieldsOf(caseId))
                .category(pick(0.15, CATEGORIES)).originChannel(pick(0, CASE_CHANNELS))
                .priority(pick(0, List.of(Priority.values()))).assignee(pick(0.2, agentIds()))
                .team(chance(0.5) ? null : TeamId.of(chance(0.5) ? "alpha" : "gamma"))
                .createdAt(created).updatedAt(created).build();
        AgentId agent = c.assignee().orElse(agents.get(random.nextInt(agents.size())).id());
        Instant t = created;
        // the customer's first message, sometimes a moment before the case is opened
        message(c, chance(0.1) ? created.minusSeconds(5) : created, Direction.INBOUND, Handler.HUMAN, null);
        if (chance(0.2)) {
            t = later(t, 2);
            message(c, t, Direction.OUTBOUND, Handler.AUTOMATIC, null);
        }
        if (chance(0.15)) {
            t = later(t, 3);
            message(c, t, Direction.OUTBOUND, Handler.BOT, null);
        }
        int rounds = random.nextInt(4);
        boolean replied = false;
        for (int round = 0; round < rounds; round++) {
            if (chance(0.8)) {
                t = later(t, 30);
                if (chance(0.3)) {
                    c = move(c, CaseStatus.OPEN, t);
                }
                message(c, t, Direction.OUTBOUND, Handler.HUMAN, chance(0.15) ? null : agent);
                replied = true;
            }
            if (chance(0.2)) {
                t = later(t, 5);
                note(c, t, agent);
            }
            if (chance(0.3)) {
                t = later(t, 20);
                c = move(c, CaseStatus.PENDING_CUSTOMER, t);
            }
            if (chance(0.6)) {
                t = later(t, 40);
                message(c, t, Direction.INBOUND, Handler.HUMAN, null);
                if (chance(0.4)) {
                    t = later(t, 1);
                    message(c, t, Direction.INBOUND, Handler.HUMAN, null);
                }
            }
            if (chance(0.2)) {
                t = later(t, 10);
                c = move(c, CaseStatus.ON_HOLD, t);
            }
        }
        if (replied && chance(0.08)) {
            // a reply dated before the case was created
            message(c, created.minus(micros(Duration.ofHours(3))), Direction.OUTBOUND, Handler.HUMAN, agent);
        }
        if (chance(0.65)) {
            t = later(t, 60 * 24);
            c = move(c, CaseStatus.RESOLVED, t);
            int reopens = chance(0.3) ? 1 + random.nextInt(2) : 0;
            for (int r = 0; r < reopens; r++) {
                t = later(t, 60 * 24);
                message(c, t, Direction.INBOUND, Handler.HUMAN, null);
                c = move(c, CaseStatus.OPEN, t);
                if (chance(0.7)) {
                    t = later(t, 60 * 8);
                    message(c, t, Direction.OUTBOUND, Handler.HUMAN, agent);
                }
                if (chance(0.7)) {
                    t = later(t, 60 * 24);
                    c = move(c, CaseStatus.RESOLVED, t);
                }
            }
            if (c.status() == CaseStatus.RESOLVED && chance(0.3)) {
                c = move(c, CaseStatus.CLOSED, later(t, 60 * 24));
            }
        }
        if (chance(0.1) && c.firstResolvedAt().isEmpty()) {
            c = c.toBuilder().firstReplyAt(later(created, 90)).build(); // a stamp without a stored reply
        }
        cases.add(spoil(imported(c)));
    }

    /**
     * A case resolved before its first reply (drawn after everything else, so the other records do not change):
     * variant 0 with a stored human reply after the resolution, 1 with only a first-reply stamp after it (both
     * never reopened, so they contradict themselves), 2 reopened by the customer before the late reply (which is
     * then consistent).
     */
    private void lateReplyCase(int variant) {
        Customer customer = customers.get(random.nextInt(customers.size()));
        Instant created = at(0, 30);
        CaseId caseId = new CaseId(uuid());
        Case c = Case.builder().id(caseId).customerId(customer.id()).subject("Subject")
                .tags(tagsOf(caseId)).fields(fieldsOf(caseId))
                .category(pick(0.15, CATEGORIES)).originChannel(pick(0, CASE_CHANNELS))
                .priority(pick(0, List.of(Priority.values()))).assignee(pick(0.2, agentIds()))
                .createdAt(created).updatedAt(created).build();
        AgentId agent = c.assignee().orElse(agents.get(random.nextInt(agents.size())).id());
        message(c, created, Direction.INBOUND, Handler.HUMAN, null);
        Instant t = later(created, 60);
        c = c.moveTo(CaseStatus.RESOLVED, t);
        if (variant == 2) {
            t = later(t, 60);
            message(c, t, Direction.INBOUND, Handler.HUMAN, null);
            c = c.moveTo(CaseStatus.OPEN, t);
        }
        t = later(t, 180);
        if (variant == 1) {
            c = c.toBuilder().firstReplyAt(t).build();
        } else {
            message(c, t, Direction.OUTBOUND, Handler.HUMAN, agent);
        }
        cases.add(c);
    }

    /**
     * Now and then, a case as imported history with no exact creation time (every 13th estimated, every 17th
     * unknown); chosen by count, not drawn, so that the random draws of everything else stay as they were.
     */
    private Case imported(Case c) {
        drawnCases++;
        if (drawnCases % 17 == 0) {
            return c.toBuilder().createdAtQuality(CreationTimeQuality.UNKNOWN).build();
        }
        if (drawnCases % 13 == 0) {
            return c.toBuilder().createdAtQuality(CreationTimeQuality.ESTIMATED).build();
        }
        return c;
    }

    /** Now and then, a case whose data contradicts itself in one of the ways the KPIs exclude. */
    private Case spoil(Case c) {
        if (!chance(0.2)) {
            return c;
        }
        Instant created = c.createdAt();
        List<StatusChange> history = new ArrayList<>(c.history());
        return switch (spoiled++ % 7) {
            case 0 -> c.toBuilder().status(CaseStatus.RESOLVED).resolvedAt(null)
                    .firstResolvedAt(created.plusSeconds(600)).build(); // resolved, no resolution time
            case 1 -> c.toBuilder().resolvedAt(created.minus(micros(Duration.ofHours(2))))
                    .firstResolvedAt(created.minus(micros(Duration.ofHours(3)))).status(CaseStatus.RESOLVED)
                    .build(); // resolved before created
            case 2 -> c.toBuilder().firstResolvedAt(created.plus(micros(Duration.ofDays(2))))
                    .resolvedAt(created.plus(micros(Duration.ofDays(1)))).status(CaseStatus.CLOSED)
                    .build(); // last resolution before the first
            case 3 -> c.toBuilder().reopenCount(1).firstResolvedAt(null).resolvedAt(null)
                    .status(CaseStatus.OPEN).build(); // reopened, never resolved
            case 4 -> {
                history.add(0, new StatusChange(CaseStatus.NEW, CaseStatus.OPEN,
                        created.minus(micros(Duration.ofHours(1)))));
                yield c.toBuilder().history(history).build(); // a move before creation
            }
            case 5 -> {
                history.add(new StatusChange(CaseStatus.ON_HOLD, CaseStatus.PENDING_CUSTOMER,
                        later(c.updatedAt(), 30)));
                yield c.toBuilder().history(history).status(CaseStatus.PENDING_CUSTOMER).build(); // bad from
            }
            default -> c.toBuilder().status(c.status() == CaseStatus.OPEN ? CaseStatus.NEW : CaseStatus.OPEN)
                    .build(); // the last move does not end in the status
        };
    }

    private Case move(Case c, CaseStatus to, Instant at) {
        return c.status().canMoveTo(to) ? c.moveTo(to, at) : c;
    }

    private void message(Case c, Instant at, Direction direction, Handler handler, AgentId agent) {
        InteractionKind kind = direction == Direction.INBOUND
                ? pick(0, List.of(InteractionKind.MESSAGE, InteractionKind.QUESTION, InteractionKind.COMPLAINT,
                        InteractionKind.CALL))
                : InteractionKind.MESSAGE;
        Channel channel = chance(0.8) ? c.originChannel() : pick(0, CONTACT_CHANNELS);
        interactions.add(interaction(c.customerId(), at).caseId(c.id()).direction(direction).handledBy(handler)
                .agentId(agent).kind(kind).channel(channel).reason(chance(0.1) ? pick(0, CATEGORIES) : null)
                .handleTime(handler == Handler.HUMAN && chance(0.3) ? handleTime() : null).build());
    }

    private void note(Case c, Instant at, AgentId agent) {
        interactions.add(interaction(c.customerId(), at).caseId(c.id()).direction(Direction.OUTBOUND)
                .agentId(agent).kind(InteractionKind.NOTE).visibility(Visibility.INTERNAL).build());
    }

    private void caselessInteraction() {
        Customer customer = customers.get(random.nextInt(customers.size()));
        Instant at = at(-15, 36);
        Interaction.Builder b = interaction(customer.id(), at);
        switch (random.nextInt(9)) {
            case 0, 1 -> b.channel(pick(0, CONTACT_CHANNELS)).reason(pick(0.25, CATEGORIES))
                    .handledBy(chance(0.2) ? Handler.BOT : Handler.HUMAN)
                    .kind(pick(0, List.of(InteractionKind.MESSAGE, InteractionKind.QUESTION,
                            InteractionKind.REQUEST)));
            case 2 -> b.channel(pick(0, List.of(Channel.CHATBOT, Channel.SELF_SERVICE, Channel.IVR)))
                    .handledBy(Handler.BOT).reason(pick(0.3, CATEGORIES));
            case 3 -> {
                // a purchase: in euros mostly, sometimes dollars, now and then without amount
                String currency = chance(0.8) ? "EUR" : "USD";
                b.kind(InteractionKind.PURCHASE).channel(Channel.WEB_FORM)
                        .amount(purchases++ % 8 == 3 ? null : Money.of(amount(), currency));
            }
            case 4 -> b.kind(InteractionKind.CALL).channel(Channel.PHONE).handledBy(pick(0, List.of(Handler.HUMAN,
                    Handler.HUMAN, Handler.HUMAN, Handler.BOT))).handleTime(handleTime())
                    .agentId(pick(0.3, agentIds())).reason(pick(0.3, CATEGORIES));
            case 5 -> b.kind(InteractionKind.COMPLIMENT).channel(pick(0, CONTACT_CHANNELS))
                    .agentId(pick(0.3, agentIds()));
            case 6 -> b.direction(Direction.OUTBOUND).kind(InteractionKind.CALL).channel(Channel.PHONE)
                    .agentId(pick(0, agentIds())).handleTime(chance(0.5) ? handleTime() : null);
            case 7 -> b.kind(InteractionKind.FEEDBACK).channel(Channel.EMAIL);
            default -> b.channel(Channel.CHAT).reason(pick(0.2, CATEGORIES))
                    .handledBy(chance(0.5) ? Handler.AUTOMATIC : Handler.HUMAN);
        }
        interactions.add(b.build());
        if (chance(0.3)) {
            // the same customer again soon after, on the same reason: repeats and human follow-ups
            Interaction first = interactions.get(interactions.size() - 1);
            interactions.add(interaction(customer.id(), later(at, 60 * 12)).channel(pick(0, CONTACT_CHANNELS))
                    .reason(first.reason().orElse(null)).handledBy(chance(0.8) ? Handler.HUMAN : Handler.BOT)
                    .build());
        }
    }

    /**
     * Drawn after everything else, so the other records do not change: waits on most answered calls from
     * customers (some not whole microseconds), missed calls from customers (some abandoned, some with a wait) and
     * to them, and churn reasons on most churned customers.
     */
    private void callsAndChurnReasons() {
        for (int i = 0; i < interactions.size(); i++) {
            Interaction call = interactions.get(i);
            if (call.kind() == InteractionKind.CALL && chance(0.75)) {
                interactions.set(i, call.toBuilder().waitTime(waitTime()).build());
            }
        }
        for (int i = 0; i < 4 * scale; i++) {
            Customer customer = customers.get(random.nextInt(customers.size()));
            boolean inbound = chance(0.85);
            boolean abandoned = inbound && chance(0.4);
            interactions.add(interaction(customer.id(), at(-5, 36)).kind(InteractionKind.MISSED_CALL)
                    .channel(chance(0.8) ? Channel.PHONE : Channel.WHATSAPP)
                    .direction(inbound ? Direction.INBOUND : Direction.OUTBOUND)
                    .reason(pick(0.5, CATEGORIES)).waitTime(chance(0.6) ? waitTime() : null)
                    .abandoned(abandoned).build());
        }
        for (int i = 0; i < customers.size(); i++) {
            Customer customer = customers.get(i);
            if (customer.status() == CustomerStatus.CHURNED && chance(0.75)) {
                customers.set(i, customer.toBuilder().churnReason(pick(0, List.of("price", "service", "moved")))
                        .build());
            }
        }
    }

    /** A caller's wait of up to ten minutes, now and then with a part below the microsecond. */
    private Duration waitTime() {
        return micros(Duration.ofMinutes(10)).plusNanos(chance(0.2) ? 1 + random.nextInt(999) : 0);
    }

    private void rating() {
        Customer customer = customers.get(random.nextInt(customers.size()));
        FeedbackMetric metric = pick(0, List.of(FeedbackMetric.CSAT, FeedbackMetric.CSAT, FeedbackMetric.NPS,
                FeedbackMetric.CES));
        Scale scale = switch (metric) {
            case CSAT -> pick(0, CSAT_SCALES);
            case NPS -> chance(0.1) ? Scale.CSAT_1_TO_5 : Scale.NPS_0_TO_10;
            default -> pick(0, CES_SCALES);
        };
        int score = scale.min() + random.nextInt(Math.max(1, scale.max() - scale.min() + 1));
        if (chance(0.05) || ++ratings % 10 == 0) {
            score = scale.max() + 1; // off its scale
        }
        Case about = chance(0.4) ? null : cases.get(random.nextInt(cases.size()));
        feedback.add(Feedback.builder().id(new FeedbackId(uuid())).customerId(customer.id()).metric(metric)
                .scale(scale).score(score).receivedAt(at(-5, 36)).caseId(about == null ? null : about.id())
                .agentId(pick(0.6, agentIds())).channel(pick(0.5, CONTACT_CHANNELS)).build());
    }

    private Interaction.Builder interaction(CustomerId customer, Instant at) {
        return Interaction.builder().id(new InteractionId(uuid())).customerId(customer).channel(Channel.EMAIL)
                .occurredAt(at).recordedAt(at);
    }

    private HandleTime handleTime() {
        Duration talk = micros(Duration.ofMinutes(15));
        Duration hold = micros(Duration.ofMinutes(3));
        Duration work = micros(Duration.ofMinutes(5));
        if (chance(0.07)) {
            hold = hold.negated();
        }
        return new HandleTime(talk, hold, work);
    }

    private List<AgentId> agentIds() {
        return agents.stream().map(Agent::id).toList();
    }

    /** A random instant between the given days after {@link #T0}, to the microsecond. */
    private Instant at(int fromDay, int toDay) {
        return T0.plus(Duration.ofDays(fromDay)).plus(micros(Duration.ofDays(toDay - fromDay)));
    }

    /** A random instant up to the given minutes after {@code t}. */
    private Instant later(Instant t, int minutes) {
        return t.plus(micros(Duration.ofMinutes(minutes))).plusNanos(1000);
    }

    /** A random duration from zero up to the given one, in whole microseconds. */
    private Duration micros(Duration upTo) {
        long bound = upTo.toNanos() / 1000;
        return Duration.ofNanos(Math.floorMod(random.nextLong(), bound) * 1000);
    }

    private String amount() {
        return (1 + random.nextInt(500)) + "." + String.format(java.util.Locale.ROOT, "%02d", random.nextInt(100));
    }

    /**
     * Tags of a case, from bits of its id rather than the random source, so that the rest of the data set stays
     * as it was: none, one or several of {@code vip}, {@code late} and {@code fragile}.
     */
    private static Set<String> tagsOf(CaseId id) {
        long bits = id.value().getLeastSignificantBits();
        Set<String> tags = new java.util.TreeSet<>();
        if ((bits & 1) != 0) {
            tags.add("vip");
        }
        if ((bits & 2) != 0) {
            tags.add("late");
        }
        if ((bits & 12) == 12) {
            tags.add("fragile");
        }
        return tags;
    }

    /**
     * Tags of a customer, from bits of its id rather than the random source (as {@link #tagsOf}): none, one or
     * several of {@code b2b}, {@code newsletter} and {@code partner}.
     */
    private static Set<String> customerTagsOf(CustomerId id) {
        long bits = id.value().getLeastSignificantBits() >>> 8;
        Set<String> tags = new java.util.TreeSet<>();
        if ((bits & 1) != 0) {
            tags.add("b2b");
        }
        if ((bits & 2) != 0) {
            tags.add("newsletter");
        }
        if ((bits & 12) == 12) {
            tags.add("partner");
        }
        return tags;
    }

    /** Custom field values of a customer, from bits of its id: a tier choice and a credit number, or none. */
    private static Map<String, FieldValue> customerFieldsOf(CustomerId id) {
        long bits = id.value().getLeastSignificantBits() >>> 12;
        Map<String, FieldValue> fields = new java.util.TreeMap<>();
        int tier = (int) (bits & 3);
        if (tier > 0) {
            fields.put("tier", FieldValue.choice(List.of("gold", "silver", "bronze").get(tier - 1)));
        }
        int credit = (int) ((bits >>> 2) & 7);
        if (credit > 1) {
            fields.put("credit", FieldValue.number(new java.math.BigDecimal(credit * 10 + ".25")));
        }
        return fields;
    }

    /** Custom field values of a case, from bits of its id: a carrier choice and an order value, or none. */
    private static Map<String, FieldValue> fieldsOf(CaseId id) {
        long bits = id.value().getLeastSignificantBits() >>> 4;
        Map<String, FieldValue> fields = new java.util.TreeMap<>();
        int carrier = (int) (bits & 3);
        if (carrier > 0) {
            fields.put("carrier", FieldValue.choice(List.of("dhl", "ups", "post").get(carrier - 1)));
        }
        int value = (int) ((bits >>> 2) & 7);
        if (value > 1) {
            fields.put("order_value", FieldValue.number(new java.math.BigDecimal(value * 25 + ".50")));
        }
        return fields;
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** One of the values, or null with the given probability. */
    private <T> T pick(double noneChance, List<T> values) {
        if (noneChance > 0 && chance(noneChance)) {
            return null;
        }
        return values.get(random.nextInt(values.size()));
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }
}
