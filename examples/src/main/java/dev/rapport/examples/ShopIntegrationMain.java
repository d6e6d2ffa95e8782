package dev.rapport.examples;

import static dev.rapport.examples.ShopText.at;
import static dev.rapport.examples.ShopText.hours;

import dev.rapport.Rapport;
import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.cases.OpenCase;
import dev.rapport.complaint.ComplaintCaseHook;
import dev.rapport.complaint.ComplaintPolicy;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.SurveyAnswer;
import dev.rapport.feedback.SurveySettings;
import dev.rapport.followup.AcknowledgementPolicy;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.MessageValues;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.test.SettableClock;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A web shop with Rapport embedded, end to end, in one week: customers known on email, chat, phone, WhatsApp,
 * Facebook and X; purchases; contacts on four channels routed to agents by skill, language and per-channel capacity;
 * a complaint handled from receipt to closing with a refund and a voucher; thank-you notes, surveys and a check-in
 * sent by the follow-up dispatcher; SLA targets; and the week's KPIs by channel. It prints the story as it goes.
 *
 * <p>Run it from the root of the project:
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.rapport.examples.ShopIntegrationMain
 * </pre>
 *
 * <p>It keeps its data in an in-process H2 database through the JDBC adapter, so domain events go through the
 * transactional outbox and a background relay, as in production; {@link ExampleDatabase} says how to point it at an
 * empty PostgreSQL database instead. The story runs on a clock of its own that it moves forward step by step, in the
 * first week of March 2025, so every run prints the same thing. Messages to customers go to the console through
 * {@link ConsoleMessenger}, rendered with {@link dev.rapport.followup.MessageTemplate}.
 *
 * <p>On the JDBC adapter the dispatcher finds due follow-ups by the database's clock, so that several nodes agree on
 * what is due. The story's clock is in the past, so everything scheduled is due for the database at once; the story
 * therefore runs the dispatcher only at moments when everything scheduled is due in its own time as well, and checks
 * that it is. Before each move of its clock it lets the outbox relay deliver every event so far, so that the
 * follow-up rules see each event at the story time it happened.
 *
 * <p>What a shop wires, in the order the story shows it: {@code Rapport.builder()} with the storage, the messenger,
 * the clock, follow-up rules, an SLA policy and a complaint policy whose case hook puts complaints in the routing
 * queue; agents in the agent repository; then the facade's services as the shop's own code would call them from its
 * checkout, its inbox webhooks and its back office, and {@code followUpDispatcher().dispatchDue()} and
 * {@code slaSweeper().sweep()} from its scheduler.
 */
public final class ShopIntegrationMain {

    /** The shop's time zone; the story prints its times in it. */
    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");

    /** The Monday the story's week starts, at midnight in the shop's zone: 3 March 2025. */
    public static final Instant WEEK_START = LocalDateTime.of(2025, 3, 3, 0, 0).atZone(SHOP_ZONE).toInstant();

    /** The currency of every purchase, remedy and money KPI. */
    public static final String CURRENCY = "EUR";

    /** A channel of the shop's own: orders placed in its web shop. Channels are open; any code can be one. */
    static final Channel WEB_SHOP = Channel.of("web_shop");

    private static final AtomicInteger RUNS = new AtomicInteger();

    private ShopIntegrationMain() {
    }

    /**
     * Plays the week and prints it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
        surveyAnsweredThroughItsToken(System.out);
    }

    /**
     * A survey that comes back: the shop sets a survey secret and a link prefix, the survey's message carries a
     * signed, expiring token in {@code surveyLink}, the customer's answer (a CSAT score with a comment and an NPS
     * score) is recorded with that token, a replay of the same link is refused, and the response rate is read.
     */
    private static void surveyAnsweredThroughItsToken(PrintStream out) {
        JdbcStorage storage = ExampleDatabase.open("shop-survey-" + RUNS.incrementAndGet());
        Clock clock = Clock.fixed(at(7, 10, 0), ZoneOffset.UTC);
        List<OutboundMessage> surveys = new ArrayList<>();
        try (Rapport rapport = Rapport.builder().storage(storage).clock(clock)
                .surveys(SurveySettings.builder()
                        .secret("the shop's survey secret: 32 bytes at least, from the vault")
                        .linkPrefix("https://shop.example/survey?t=").build())
                .messenger(message -> {
                    surveys.add(message);
                    return DeliveryReceipt.accepted(clock.instant());
                }).build()) {
            Customer ann = rapport.customers().register(RegisterCustomer.builder().name("Ann Survey")
                    .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "ann.survey@example.com"))).build());
            Case parcel = rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel late")
                    .originChannel(Channel.EMAIL).build());
            FollowUpId survey = rapport.followUps().schedule(ScheduleFollowUp.builder()
                    .customerId(ann.id()).kind(FollowUpKind.SURVEY).caseId(parcel.id())
                    .channel(Channel.EMAIL).dueAt(clock.instant()).build()).followUpId().orElseThrow();
            rapport.followUpDispatcher().dispatchDue();
            String link = surveys.get(0).values().get(MessageValues.SURVEY_LINK);
            // the shop's survey page reads the token from the link and passes the answer on
            String token = link.substring(link.indexOf("?t=") + 3);
            out.println("Survey about \"" + parcel.subject() + "\" sent with a link: " + link.substring(0, link.indexOf("?t=") + 3) + "<a "
                    + token.length() + "-character signed token, good for 14 days>");
            List<Feedback> answer = rapport.feedback().answerSurvey(
                    SurveyAnswer.with(token).csat(5, "Quick and kind").nps(9).build());
            out.println("Survey answered through its token: " + answer.stream()
                    .map(f -> f.metric() + " " + f.score()).collect(Collectors.joining(", ")) + ", linked to its"
                    + (answer.get(0).followUpId().equals(java.util.Optional.of(survey)) ? " follow-up" : "")
                    + (answer.get(0).caseId().equals(java.util.Optional.of(parcel.id())) ? " and its case" : ""));
            try {
                rapport.feedback().answerSurvey(SurveyAnswer.with(token).csat(1, null).build());
            } catch (ValidationException e) {
                out.println("The same link used again is refused: " + e.violations().get(0));
            }
            KpiResult rate = rapport.kpis().compute(Kpi.SURVEY_RESPONSE_RATE, KpiRequest.over(
                    TimeRange.of(WEEK_START, WEEK_START.plus(Duration.ofDays(7)))));
            out.println("Survey response rate: " + rate.total().numerator() + " answered of "
                    + rate.total().denominator() + " sent");
        }
    }

    /** Plays the week on a fresh database, printing to {@code out}. */
    static void run(PrintStream out) {
        // Each run gets its own in-memory database, so running twice in one JVM never mixes two weeks.
        String name = "shop-" + RUNS.incrementAndGet();
        JdbcStorage storage = ExampleDatabase.open(name);
        out.println("Storing in " + ExampleDatabase.describe(name));
        SettableClock clock = new SettableClock(at(3, 8, 30));
        ConsoleMessenger messenger = templates(new ConsoleMessenger(out, clock));
        Map<String, Integer> events = Collections.synchronizedMap(new TreeMap<>());

        // 1. Wiring: storage is required; everything else has a documented default, overridden here.
        List<FollowUpRule> rules = List.of(
                FollowUpRule.thankYouAfterPurchase(Duration.ofDays(1)),
                FollowUpRule.surveyAfterResolution(Duration.ofDays(1)),
                FollowUpRule.checkInAfterComplaintClosed(Duration.ofDays(1)));
        SlaPolicy sla = SlaPolicy.builder()
                .rule(SlaRule.builder().channels(Channel.CHAT, Channel.PHONE)
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofMinutes(5)))
                        .target(SlaTarget.FIRST_RESOLUTION, SlaTargetSpec.calendarTime(Duration.ofHours(4))).build())
                .rule(SlaRule.builder().channels(Channel.WHATSAPP, Channel.FACEBOOK, Channel.X)
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(1)))
                        .target(SlaTarget.FIRST_RESOLUTION, SlaTargetSpec.calendarTime(Duration.ofHours(24))).build())
                .rule(SlaRule.builder()
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(4)))
                        .target(SlaTarget.FIRST_RESOLUTION, SlaTargetSpec.calendarTime(Duration.ofHours(48))).build())
                .build();
        // The default regime (UK-style, Monday to Friday 09:00-17:00 London); assessed complaints become cases.
        ComplaintPolicy complaints = ComplaintPolicy.builder()
                .caseHook(ComplaintCaseHook.openCases(storage))
                .build();
        try (Rapport rapport = Rapport.builder()
                .storage(storage)
                .clock(clock)
                .messenger(messenger)
                .eventPublisher(event -> events.merge(event.type(), 1, Integer::sum))
                .followUpRules(rules)
                .slaPolicy(sla)
                .complaintPolicy(complaints)
                .build()) {
            out.println("Follow-up rules: " + rules.stream().map(r -> r.id() + " (" + hours(r.delay()) + ")")
                    .collect(Collectors.joining(", ")));
            out.println("SLA: chat and phone reply in 5m, resolve in 4h; WhatsApp, Facebook and X reply in 1h, "
                    + "resolve in 24h; other channels reply in 4h, resolve in 48h");
            ShopWeek shop = new ShopWeek(rapport, storage, clock, out);
            shop.play();
            shop.drainOutbox(); // so that closing the Rapport interrupts no delivery
        }
        out.println("Messages sent: " + messenger.sent() + " " + messenger.sentByKind() + ", repeats refused: "
                + messenger.duplicates());
        out.println("Domain events published: " + events.values().stream().mapToInt(Integer::intValue).sum() + " "
                + events);
        promisedAnswerTime(out);
    }

    /**
     * A new case acknowledged with a promised answer time: Rapport computes the first reply from the SLA's
     * business-time target on the shop's calendar, tells it in the customer's zone and language, with the
     * out-of-hours wording, from a template kept in the database (the German one, for a customer in Austria).
     */
    private static void promisedAnswerTime(PrintStream out) {
        JdbcStorage storage = ExampleDatabase.open("shop-acknowledgement-" + RUNS.incrementAndGet());
        SettableClock clock = new SettableClock(at(7, 16, 30)); // Friday 16:30 in London, after the shop closed
        List<OutboundMessage> sent = new ArrayList<>();
        BusinessCalendar office = BusinessCalendar.builder(SHOP_ZONE)
                .weekdays(TimeWindow.of("09:00", "16:00")).build();
        try (Rapport rapport = Rapport.builder().storage(storage).clock(clock)
                .templates(storage.templates())
                .calendars(BusinessCalendars.of("shop", office))
                .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder().channels(Channel.EMAIL)
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.businessTime(Duration.ofHours(4), "shop"))
                        .build()).build())
                .acknowledge(AcknowledgementPolicy.builder().channels(Channel.EMAIL).build())
                .sendWindow(SendWindow.anyTime())
                .messenger(message -> {
                    sent.add(message);
                    return DeliveryReceipt.accepted(clock.instant());
                })
                .build()) {
            rapport.templates().put("case_acknowledgement_out_of_hours", Locale.GERMAN,
                    "Danke, {customerName}! Wir sind gerade nicht erreichbar und antworten bis {promisedAt}.");
            Customer lena = rapport.customers().register(RegisterCustomer.builder().name("Lena Huber")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "lena.huber@example.at"))
                    .locale(Locale.forLanguageTag("de-AT")).timeZone(ZoneId.of("Europe/Vienna")).build());
            rapport.cases().open(OpenCase.builder().customerId(lena.id()).subject("Lieferung fehlt")
                    .originChannel(Channel.EMAIL).build());
            rapport.followUpDispatcher().dispatchDue();
            out.println("Promised answer time: a case by email on Friday 16:30 London time, shop open 09:00-16:00, "
                    + "first reply within 4 business hours");
            for (OutboundMessage message : sent) {
                out.println("  ack " + message.channel() + " " + message.kind() + " (" + message.locale()
                        .toLanguageTag() + "): " + message.values().get(MessageValues.TEXT));
            }
        }
    }

    /** The shop's message texts; French and German where the customers need them, English otherwise. */
    private static ConsoleMessenger templates(ConsoleMessenger messenger) {
        return messenger
                .template("thank_you", Locale.ENGLISH, "Thank you for your order, {customerName}! We hope you love it.")
                .template("thank_you", Locale.FRENCH, "Merci pour votre commande, {customerName} !")
                .template("thank_you", Locale.GERMAN, "Vielen Dank, {customerName}! Ihre Bestellung ist unterwegs.")
                .template("survey", Locale.ENGLISH,
                        "{customerName}, how did {agentName} do with \"{caseSubject}\"? Rate us from 1 to 5.")
                .template("survey", Locale.FRENCH,
                        "{customerName}, votre avis compte : notez l'aide de {agentName} (1 - 5).")
                .template("survey", Locale.GERMAN,
                        "{customerName}, wie hat {agentName} Ihnen geholfen? Bewerten Sie uns (1 - 5).")
                .template("check_in", Locale.ENGLISH,
                        "{customerName}, your complaint is closed. Are you happy with how we handled it?")
                .template("complaint_acknowledgement", Locale.ENGLISH,
                        "Sorry, {customerName}. Your complaint is {complaintReference}; we aim to settle it by "
                                + "{deadline.summary_resolution.date}, at the latest by "
                                + "{deadline.final_response.date}.")
                .template("complaint_response", Locale.ENGLISH,
                        "{complaintReference}: {decision}. {reasons} We offer: {remedies}.");
    }
}
