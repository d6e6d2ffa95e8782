package dev.rapport.examples;

import static dev.rapport.examples.ShopIntegrationMain.CURRENCY;
import static dev.rapport.examples.ShopIntegrationMain.SHOP_ZONE;
import static dev.rapport.examples.ShopIntegrationMain.WEB_SHOP;
import static dev.rapport.examples.ShopIntegrationMain.WEEK_START;
import static dev.rapport.examples.ShopText.COLUMN_ORDER;
import static dev.rapport.examples.ShopText.DAY;
import static dev.rapport.examples.ShopText.INDENT;
import static dev.rapport.examples.ShopText.STAMP;
import static dev.rapport.examples.ShopText.at;
import static dev.rapport.examples.ShopText.describe;
import static dev.rapport.examples.ShopText.due;
import static dev.rapport.examples.ShopText.kpiTable;
import static dev.rapport.examples.ShopText.money;
import static dev.rapport.examples.ShopText.pad;
import static dev.rapport.examples.ShopText.seconds;
import static dev.rapport.examples.ShopText.sorted;

import dev.rapport.Rapport;
import dev.rapport.automation.Action;
import dev.rapport.automation.Age;
import dev.rapport.automation.AutomationRule;
import dev.rapport.automation.Condition;
import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.cases.OpenCase;
import dev.rapport.complaint.AssessComplaint;
import dev.rapport.complaint.ChangeStage;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.complaint.RecordCustomerReply;
import dev.rapport.complaint.RemedyOffer;
import dev.rapport.complaint.RespondToComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.followup.DispatchSummary;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingExplanation;
import dev.rapport.routing.RoutingOutcome;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.sla.SlaClock;
import dev.rapport.sla.SlaOutcome;
import dev.rapport.sla.SlaStatus;
import dev.rapport.sla.SweepReport;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.test.SettableClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The week of {@link ShopIntegrationMain}'s story, day by day: Monday's set-up, purchases and contacts; Tuesday's
 * complaint and first dispatch; Wednesday's settled complaint; Thursday's second dispatch; Friday's KPI report. It
 * calls the facade's services as the shop's own code would, moves the story's clock step by step and prints what
 * happens.
 */
final class ShopWeek {

    private static final TeamId CARE = TeamId.of("care");

    private final Rapport rapport;
    private final JdbcStorage storage;
    private final SettableClock clock;
    private final PrintStream out;
    private final Map<AgentId, String> agentNames = new LinkedHashMap<>();
    private final Map<CaseId, String> caseLabels = new LinkedHashMap<>();
    private final Set<FollowUpId> reported = new HashSet<>();
    private Customer ann;
    private Customer bob;
    private Customer chloe;
    private Customer eva;
    private Customer dev;
    private Agent maya;
    private Agent luca;
    private Agent jonas;
    private Complaint complaint;
    private Case complaintCase;

    ShopWeek(Rapport rapport, JdbcStorage storage, SettableClock clock, PrintStream out) {
        this.rapport = rapport;
        this.storage = storage;
        this.clock = clock;
        this.out = out;
    }

    void play() {
        setUp();
        purchases();
        contacts();
        complaintReceived();
        firstDispatch();
        complaintSettled();
        secondDispatch();
        weekReport();
        closeResolvedCases();
    }

    // ------------------------------------------------------------------------------------------------ Monday

    private void setUp() {
        day();
        // 2. Customers with every address they use; one person is one customer whatever the channel.
        ann = register(RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com"))
                .identity(ContactIdentity.primary(Channel.WHATSAPP, "+44 7700 900123"))
                .preferredChannel(Channel.WHATSAPP).consent(Channel.EMAIL, ConsentStatus.OPTED_IN)
                .locale(Locale.UK).timeZone(SHOP_ZONE));
        bob = register(RegisterCustomer.builder().name("Bob Stone")
                .identity(ContactIdentity.primary(Channel.EMAIL, "bob.stone@example.com"))
                .identity(ContactIdentity.primary(Channel.CHAT, "visitor-4711"))
                .locale(Locale.UK).timeZone(SHOP_ZONE));
        chloe = register(RegisterCustomer.builder().name("Chloe Martin")
                .identity(ContactIdentity.primary(Channel.EMAIL, "chloe.martin@example.fr"))
                .identity(ContactIdentity.primary(Channel.FACEBOOK, "chloe.martin.lyon"))
                .identity(ContactIdentity.primary(Channel.PHONE, "+33 6 12 34 56 78"))
                .preferredChannel(Channel.FACEBOOK).locale(Locale.FRANCE).timeZone(ZoneId.of("Europe/Paris")));
        eva = register(RegisterCustomer.builder().name("Eva Schmidt")
                .identity(ContactIdentity.primary(Channel.WHATSAPP, "+49 151 23456789"))
                .identity(ContactIdentity.primary(Channel.PHONE, "+49 151 23456789"))
                .locale(Locale.GERMANY).timeZone(ZoneId.of("Europe/Berlin")));
        dev = register(RegisterCustomer.builder().name("Dev Sharma")
                .identity(ContactIdentity.primary(Channel.EMAIL, "dev.sharma@example.com"))
                .identity(ContactIdentity.primary(Channel.X, "@devsharma"))
                .preferredChannel(Channel.X).locale(Locale.UK).timeZone(SHOP_ZONE));
        say("5 customers registered (addresses on each channel; preferred channel; language and time zone):");
        for (Customer customer : List.of(ann, bob, chloe, eva, dev)) {
            out.println(INDENT + pad(customer.name(), 13) + customer.identities().stream()
                    .map(i -> i.channel().code()).collect(Collectors.joining(", "))
                    + customer.preferredChannel().map(c -> "; prefers " + c).orElse("") + "; "
                    + customer.locale().toLanguageTag() + ", " + customer.timeZone());
        }

        // 3. Agents: skills with levels, languages, and how much work each can hold per channel. Agents are kept by
        //    the storage port; the router reads them when it is first used.
        maya = agent(1, "Maya Patel", Map.of("orders", 8, "returns", 5), Set.of(Locale.ENGLISH),
                Map.of(Channel.EMAIL, 10, Channel.CHAT, 3, Channel.FACEBOOK, 5, Channel.X, 5));
        luca = agent(2, "Luca Rossi", Map.of("orders", 6, "billing", 7, "returns", 4),
                Set.of(Locale.ENGLISH, Locale.FRENCH, Locale.ITALIAN),
                Map.of(Channel.EMAIL, 10, Channel.CHAT, 2, Channel.PHONE, 1, Channel.FACEBOOK, 3));
        jonas = agent(3, "Jonas Weber", Map.of("billing", 5, "returns", 8), Set.of(Locale.GERMAN, Locale.ENGLISH),
                Map.of(Channel.EMAIL, 10, Channel.PHONE, 1, Channel.WHATSAPP, 4, Channel.FACEBOOK, 3, Channel.X, 3));
        say("3 agents on shift (skills and levels | languages | capacity per channel):");
        for (Agent agent : List.of(maya, luca, jonas)) {
            out.println(INDENT + pad(agent.name(), 13) + sorted(agent.skills()) + " | "
                    + agent.languages().stream().map(Locale::getLanguage).sorted().collect(Collectors.joining(", "))
                    + " | " + agent.capacity().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(COLUMN_ORDER::indexOf)))
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        rapport.routing(); // the router loads the agents now
    }

    private void purchases() {
        // 4. The checkout records each order as a purchase; the thank-you rule fires from it.
        purchase(ann, 9, 0, "ORD-1001", "espresso machine", "189.00");
        purchase(bob, 9, 5, "ORD-1002", "coffee beans", "24.50");
        purchase(chloe, 9, 10, "ORD-1003", "blender", "79.00");
        purchase(eva, 9, 15, "ORD-1004", "milk frother", "59.90");
        purchase(dev, 9, 20, "ORD-1005", "kettle", "39.99");
    }

    private void contacts() {
        // 5. Contacts arrive on four channels; the sender is found by address, a case opened and routed.
        advance(at(3, 10, 0));
        Customer sender = rapport.customers().resolve(Channel.EMAIL, " Ann.Lee@Example.com").orElseThrow();
        Case annCase = open(sender, Channel.EMAIL, "Where is my order?", "delivery", Priority.NORMAL, Locale.ENGLISH,
                "orders", "Where is my order ORD-1001? It should have shipped by now.");

        advance(at(3, 10, 5));
        Case bobCase = open(bob, Channel.CHAT, "Discount code refused", "billing", Priority.NORMAL, Locale.ENGLISH,
                "billing", "My code SPRING10 is refused at checkout.");
        advance(at(3, 10, 6));
        reply(bobCase, Channel.CHAT, luca, "Sorry about that, the code is valid again now.");

        advance(at(3, 10, 10));
        Case evaCase = open(eva, Channel.PHONE, "Charged twice", "billing", Priority.HIGH, Locale.GERMAN, "billing",
                "Eva calls: her card was charged twice for ORD-1004.");
        advance(at(3, 10, 11));
        rapport.interactions().record(RecordInteraction.builder().customerId(eva.id()).caseId(evaCase.id())
                .channel(Channel.PHONE).outbound().agentId(jonas.id()).kind(InteractionKind.CALL)
                .handleTime(new HandleTime(Duration.ofMinutes(6), Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .summary("Refunded the second charge while on the phone.").build());
        say(jonas.name() + " took the call (6m talk, 1m hold, 2m wrap-up)");

        advance(at(3, 10, 15));
        resolve(bobCase);
        advance(at(3, 10, 20));
        reply(annCase, Channel.EMAIL, maya, "It left our warehouse this morning; here is the tracking link.");
        advance(at(3, 10, 25));
        resolve(evaCase);

        advance(at(3, 10, 30));
        Case chloeCase = open(chloe, Channel.FACEBOOK, "Returning a blender", "returns", Priority.NORMAL,
                Locale.FRENCH, "returns", "Comment retourner le blender ?");

        // Bob writes again: the resolved case reopens and goes back to routing.
        advance(at(3, 10, 40));
        rapport.interactions().record(RecordInteraction.builder().customerId(bob.id()).caseId(bobCase.id())
                .channel(Channel.CHAT).kind(InteractionKind.MESSAGE).summary("Still refused, sorry!").build());
        Case reopened = rapport.cases().get(bobCase.id());
        say("Bob Stone wrote again on chat: case " + reopened.status() + ", reopened " + reopened.reopenCount()
                + " time");
        route(reopened);
        advance(at(3, 10, 42));
        reply(bobCase, Channel.CHAT, luca, "I have taken the discount off your order by hand.");

        advance(at(3, 10, 45));
        resolve(annCase);
        advance(at(3, 10, 50));
        resolve(bobCase);
        reply(chloeCase, Channel.FACEBOOK, luca, "Voici votre etiquette de retour.");
        advance(at(3, 11, 30));
        resolve(chloeCase);
    }

    // ------------------------------------------------------------------------------------------------ Tuesday

    private void complaintReceived() {
        // 6. A complaint on X: a reference, deadlines from the regime, and the acknowledgement at once.
        advance(at(4, 9, 30));
        day();
        say("Dev Sharma complains on x: the kettle from ORD-1005 arrived cracked");
        complaint = rapport.complaints().receive(ReceiveComplaint.builder()
                .customerId(dev.id()).channel(Channel.X)
                .description("The kettle arrived with a cracked lid.").product("kettle-k2").orderRef("ORD-1005")
                .remedySought("A new kettle or my money back").severity(Severity.MEDIUM).build());
        out.println(INDENT + "complaint " + complaint.reference() + " is " + complaint.stage() + "; deadlines: "
                + complaint.deadlines().stream().map(d -> d.code() + " " + due(d)).collect(Collectors.joining(", ")));

        advance(at(4, 9, 45));
        complaint = rapport.complaints().assess(new AssessComplaint(complaint.id(), Severity.MEDIUM,
                Complexity.SIMPLE, Optional.of("One damaged item; courier photos show the dent."),
                "agent:" + maya.id()));
        complaintCase = rapport.cases().get(complaint.caseId().orElseThrow());
        caseLabels.put(complaintCase.id(), complaintCase.subject());
        Assessment assessment = complaint.assessment().orElseThrow();
        say("complaint " + complaint.stage() + ": severity " + assessment.severity() + ", complexity "
                + assessment.complexity() + ", priority " + assessment.priority() + "; case \""
                + complaintCase.subject() + "\" opened on " + complaintCase.originChannel());
        route(complaintCase);
        advance(at(4, 9, 55));
        reply(complaintCase, Channel.X, maya, "So sorry about the kettle. We are looking into it now.");
        advance(at(4, 10, 0));
        complaint = rapport.complaints().changeStage(new ChangeStage(complaint.id(), ComplaintStage.INVESTIGATING,
                Optional.of("Asked the courier for the delivery photos."), "agent:" + maya.id()));
        say("complaint " + complaint.stage());
    }

    private void firstDispatch() {
        // 7. The host's scheduler runs the follow-up dispatcher: thank-you notes and surveys are due.
        advance(at(4, 12, 30));
        dispatch();

        // The customers answer the survey.
        advance(at(4, 13, 0));
        answer(ann, "Where is my order?", 5, 9);
        answer(bob, "Discount code refused", 3, 6);
        answer(eva, "Charged twice", 5, 10);
        answer(chloe, "Returning a blender", 4, 8);
    }

    // ---------------------------------------------------------------------------------------------- Wednesday

    private void complaintSettled() {
        // 8. The complaint case has missed its 24-hour resolution target; the SLA sweep raises the breach.
        advance(at(5, 10, 0));
        day();
        SlaStatus status = rapport.sla().status(complaintCase.id());
        say("SLA of \"" + complaintCase.subject() + "\" (" + complaintCase.originChannel() + ", "
                + complaintCase.priority() + "):");
        for (SlaClock slaClock : status.clocks()) {
            out.println(INDENT + "  " + pad(slaClock.target().name().toLowerCase(Locale.ROOT), 17)
                    + describe(slaClock));
        }
        SweepReport sweep = rapport.slaSweeper().sweep();
        out.println(INDENT + "SLA sweep over " + sweep.casesChecked() + " open case: raised "
                + sweep.warningsRaised() + " warning and " + sweep.breachesRaised() + " breach, as events");

        // 9. The response: upheld, with a refund and a voucher, sent to the customer at once.
        advance(at(5, 10, 5));
        say(maya.name() + " responds to " + complaint.reference() + ": upheld, with a refund and a voucher");
        complaint = rapport.complaints().respond(new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD,
                "The courier dropped the parcel; the photos show it.",
                List.of(RemedyOffer.of(RemedyType.REFUND, "39.99", CURRENCY).withNote("The full price of the kettle"),
                        RemedyOffer.of(RemedyType.VOUCHER_OR_CREDIT, "10.00", CURRENCY)
                                .withNote("For the trouble")),
                "agent:" + maya.id()));
        out.println(INDENT + "complaint " + complaint.stage() + ": " + complaint.outcome().orElseThrow().decision()
                + ", remedies " + complaint.outcome().orElseThrow().remedies().stream()
                .map(r -> r.type() + r.amount().map(m -> " " + money(m)).orElse(""))
                .collect(Collectors.joining(" and ")));
        reply(complaintCase, Channel.X, maya, "Refund and voucher are on their way.");

        // 10. The customer accepts: the complaint closes, which is what the check-in rule waits for.
        advance(at(5, 12, 0));
        complaint = rapport.complaints().recordCustomerReply(new RecordCustomerReply(complaint.id(), true,
                Optional.of("Thanks, that is fair."), "customer"));
        say("Dev Sharma accepted: complaint " + complaint.reference() + " " + complaint.stage() + ", deadlines met: "
                + complaint.deadlines().stream().filter(d -> d.isMet() && !d.isMissed(clock.instant()))
                .map(ComplaintDeadline::code).collect(Collectors.joining(", ")));
        advance(at(5, 12, 5));
        resolve(complaintCase);
    }

    // ----------------------------------------------------------------------------------------------- Thursday

    private void secondDispatch() {
        advance(at(6, 12, 30));
        day();
        dispatch();
        advance(at(6, 13, 0));
        answer(dev, complaintCase.subject(), 4, 9);
    }

    // ------------------------------------------------------------------------------------------------- Friday

    private void weekReport() {
        advance(at(7, 9, 0));
        day();
        // 11. SLA over the week: every case's clocks, from its history under the policy.
        Map<SlaOutcome, Integer> firstReply = new TreeMap<>();
        Map<SlaOutcome, Integer> resolution = new TreeMap<>();
        List<String> breached = new ArrayList<>();
        for (Map.Entry<CaseId, String> entry : caseLabels.entrySet()) {
            SlaStatus status = rapport.sla().status(entry.getKey());
            status.clock(SlaTarget.FIRST_REPLY).ifPresent(c -> firstReply.merge(c.outcome(), 1, Integer::sum));
            status.clock(SlaTarget.FIRST_RESOLUTION).ifPresent(c -> {
                resolution.merge(c.outcome(), 1, Integer::sum);
                if (c.outcome() == SlaOutcome.BREACHED) {
                    breached.add(entry.getValue());
                }
            });
        }
        say("SLA over the week: first reply achieved in " + firstReply.getOrDefault(SlaOutcome.ACHIEVED, 0) + " of "
                + caseLabels.size() + " cases, first resolution in " + resolution.getOrDefault(SlaOutcome.ACHIEVED, 0)
                + " of " + caseLabels.size() + (breached.isEmpty() ? "" : "; breached: \""
                + String.join("\", \"", breached) + "\""));

        // 12. The week's KPIs, by channel.
        Instant from = WEEK_START;
        Instant to = WEEK_START.plus(Duration.ofDays(7));
        KpiReport report = rapport.kpis().report(KpiRequest.over(from, to).by(Dimension.CHANNEL),
                List.of(Kpi.CSAT, Kpi.NPS, Kpi.FIRST_REPLY_TIME, Kpi.FIRST_RESOLUTION_TIME,
                        Kpi.FIRST_CONTACT_RESOLUTION, Kpi.REOPEN_RATE));
        say("KPIs for the week of " + DAY.format(from) + ":");
        kpiTable(out, report);
    }

    // ------------------------------------------------------------------------------------------------ steps

    private Customer register(RegisterCustomer.Builder builder) {
        return rapport.customers().register(builder.build());
    }

    private Agent agent(int number, String name, Map<String, Integer> skills, Set<Locale> languages,
            Map<Channel, Integer> capacity) {
        Instant now = clock.instant();
        // Fixed ids, so that ties between equally loaded agents (broken by id) go the same way on every run.
        Agent agent = rapport.storage().agents().insert(Agent.builder()
                .id(new AgentId(new UUID(0, number))).name(name).team(CARE).skills(skills).languages(languages)
                .capacity(capacity).presence(Presence.AVAILABLE).createdAt(now).updatedAt(now).build());
        agentNames.put(agent.id(), agent.name());
        return agent;
    }

    private void purchase(Customer customer, int hour, int minute, String order, String item, String amount) {
        advance(at(3, hour, minute));
        rapport.interactions().record(RecordInteraction.builder().customerId(customer.id()).channel(WEB_SHOP)
                .kind(InteractionKind.PURCHASE).orderRef(order).amount(Money.of(amount, CURRENCY))
                .externalId("order:" + order).summary(item).build());
        say(customer.name() + " bought " + order + " on " + WEB_SHOP + ": " + item + ", " + amount + " "
                + CURRENCY);
    }

    private Case open(Customer customer, Channel channel, String subject, String category, Priority priority,
            Locale language, String skill, String message) {
        Case opened = rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject(subject)
                .category(category).priority(priority).originChannel(channel).language(language)
                .requiredSkill(skill).build());
        rapport.interactions().record(RecordInteraction.builder().customerId(customer.id()).caseId(opened.id())
                .channel(channel).kind(channel.equals(Channel.PHONE) ? InteractionKind.CALL : InteractionKind.QUESTION)
                .summary(message).build());
        caseLabels.put(opened.id(), subject);
        say(channel + " from " + customer.name() + ": case \"" + subject + "\" opened [" + category + ", "
                + priority + ", " + language.getLanguage() + "]");
        route(opened);
        return opened;
    }

    private void route(Case supportCase) {
        RoutingDecision decision = rapport.routing().submit(RoutingRequest.forCase(supportCase).build());
        RoutingExplanation why = decision.explanation();
        if (decision.outcome() != RoutingOutcome.ASSIGNED) {
            out.println(INDENT + "routing: " + decision.outcome() + ", " + why.reason());
            return;
        }
        // The reason says why this agent; the pools say how many agents could take the work at all.
        String reason = why.reason().contains(";") ? why.reason().substring(0, why.reason().indexOf(';'))
                : why.reason();
        out.println(INDENT + "routed to " + agentNames.get(decision.agentId().orElseThrow()) + ", " + reason);
        List<String> details = new ArrayList<>();
        details.add(pools(why));
        why.eligible().stream().filter(a -> !decision.agentId().get().equals(a))
                .forEach(a -> details.add(agentNames.get(a) + " also eligible"));
        why.excluded().forEach(e -> details.add(agentNames.get(e.agentId()) + " passed over: " + e.reason()));
        out.println(INDENT + "  (" + String.join("; ", details) + ")");
    }

    /** The explanation's pool sizes, in words: "3 available on email, 2 with orders, 3 speak en". */
    private static String pools(RoutingExplanation why) {
        List<String> parts = new ArrayList<>();
        Integer all = why.poolSizes().get("all");
        if (all != null) {
            parts.add(all + " available on " + why.channel());
        }
        new TreeMap<>(why.poolSizes()).forEach((bucket, size) -> {
            if (bucket.startsWith("skill:")) {
                parts.add(size + " with " + bucket.substring("skill:".length()));
            }
        });
        new TreeMap<>(why.poolSizes()).forEach((bucket, size) -> {
            if (bucket.startsWith("language:")) {
                parts.add(size + " speak " + bucket.substring("language:".length()));
            } else if (bucket.startsWith("skill-language:")) {
                String[] skillAt = bucket.substring("skill-language:".length()).split("@", 2);
                parts.add(size + " with " + skillAt[0] + " speaking " + skillAt[1]);
            }
        });
        return String.join(", ", parts);
    }

    private void reply(Case supportCase, Channel channel, Agent agent, String text) {
        rapport.interactions().record(RecordInteraction.builder().customerId(supportCase.customerId())
                .caseId(supportCase.id()).channel(channel).direction(Direction.OUTBOUND).agentId(agent.id())
                .summary(text).build());
        say(agent.name() + " replied on " + channel + " to \"" + caseLabels.get(supportCase.id()) + "\"");
    }

    private void resolve(Case supportCase) {
        Case resolved = rapport.cases().resolve(supportCase.id());
        rapport.routing().release(supportCase.id()); // gives the agent's capacity back
        say("\"" + caseLabels.get(supportCase.id()) + "\" " + resolved.status());
    }

    private void answer(Customer customer, String subject, int csat, int nps) {
        CaseId caseId = caseLabels.entrySet().stream().filter(e -> e.getValue().equals(subject))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        rapport.feedback().record(RecordFeedback.csat(customer.id(), csat).caseId(caseId).build());
        rapport.feedback().record(RecordFeedback.nps(customer.id(), nps).caseId(caseId).build());
        say(customer.name() + " answered the survey: CSAT " + csat + "/5, NPS " + nps + "/10");
    }

    /**
     * Runs the follow-up dispatcher as the host's scheduler would. The events that schedule follow-ups reach the
     * rules through the outbox relay, so the outbox is drained first.
     */
    private void dispatch() {
        drainOutbox();
        List<FollowUp> scheduled = storage.followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED),
                PageRequest.first(100)).items();
        List<FollowUp> cancelled = storage.followUps().findByStatus(Set.of(FollowUpStatus.CANCELLED),
                PageRequest.first(100)).items().stream().filter(f -> reported.add(f.id())).toList();
        // The JDBC adapter compares due times with the database's clock, so that several nodes agree on what is
        // due; this story's clock is in the past, so it runs the dispatcher only when, in the story's time too,
        // everything scheduled is due.
        Instant now = clock.instant();
        if (scheduled.stream().anyMatch(f -> f.dueAt().isAfter(now))) {
            throw new IllegalStateException("the story dispatches before a scheduled follow-up is due");
        }
        say("the follow-up dispatcher runs; due: " + countByKind(scheduled)
                + (cancelled.isEmpty() ? "" : "; cancelled before: " + cancelled.stream()
                .map(f -> f.kind().code() + " (" + f.cancelReason().orElse("-") + ")")
                .collect(Collectors.joining(", "))));
        DispatchSummary summary = rapport.followUpDispatcher().dispatchDue();
        DispatchSummary again = rapport.followUpDispatcher().dispatchDue();
        out.println(INDENT + "dispatched: " + summary.sent() + " sent, " + summary.failed() + " failed, "
                + summary.deferred() + " deferred; run again at once: " + again.sent() + " sent");
    }

    private static String countByKind(List<FollowUp> followUps) {
        return followUps.stream().collect(Collectors.groupingBy(f -> f.kind().code(), TreeMap::new,
                Collectors.counting())).toString();
    }

    /**
     * 13. A case automation: on Friday evening, every case resolved at least two business days ago (London,
     * Monday to Friday 09:00-17:00) is closed by the rule, which the case's history names. A shop adds rules with
     * {@code Rapport.builder().automations(...)} and {@code start()} runs them every minute on every node, each
     * firing once per case and occasion; here a second facade over the same storage runs one round on the story's
     * clock, and the first facade's relay delivers its events.
     */
    private void closeResolvedCases() {
        advance(at(7, 18, 0));
        AutomationRule rule = AutomationRule.builder("close after 2 business days")
                .statuses(CaseStatus.RESOLVED)
                .when(new Condition.InStatusFor(Age.businessDays(2, "shop")))
                .then(new Action.ChangeStatus(CaseStatus.CLOSED))
                .build();
        BusinessCalendar shopHours = BusinessCalendar.builder(SHOP_ZONE).weekdays(TimeWindow.of("09:00", "17:00"))
                .build();
        try (Rapport automating = Rapport.builder().storage(storage).clock(clock)
                .calendars(BusinessCalendars.of("shop", shopHours)).automations(rule).build()) {
            int fired = automating.automations().runRound();
            say("Automation \"" + rule.name() + "\" fired " + fired + " times:");
            for (CaseId id : caseLabels.keySet()) {
                Case supportCase = rapport.cases().get(id);
                if (supportCase.status() == CaseStatus.CLOSED) {
                    StatusChange last = supportCase.history().get(supportCase.history().size() - 1);
                    out.println(INDENT + "\"" + caseLabels.get(id) + "\" closed by " + last.actor() + " "
                            + "as " + automating.automations().firings(id).get(0).outcome());
                }
            }
        }
        drainOutbox();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Lets the relay deliver every event written so far, then moves the story's clock to {@code instant}. */
    private void advance(Instant instant) {
        drainOutbox();
        clock.set(instant);
    }

    /**
     * Relays until the outbox is empty, so that the follow-up rules have seen every event so far, at the story time
     * it happened.
     */
    void drainOutbox() {
        rapport.outboxRelay().ifPresent(relay -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (storage.outbox().orElseThrow().pendingCount() > 0) {
                if (relay.relayOnce().claimed() == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the outbox did not drain in 30 seconds");
                    }
                    Thread.onSpinWait(); // the background relay holds the rest; it will deliver them
                }
            }
        });
    }

    private void day() {
        out.println();
        out.println("== " + DAY.format(clock.instant()));
    }

    private void say(String line) {
        out.println(STAMP.format(clock.instant()) + "  " + line);
    }
}
