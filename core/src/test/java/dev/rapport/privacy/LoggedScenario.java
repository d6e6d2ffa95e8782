package dev.rapport.privacy;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.Rapport;
import dev.rapport.cases.AssignCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.AddContactIdentity;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.RemoveContactIdentity;
import dev.rapport.customer.SetConsent;
import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.Occasion;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A whole day of customer care run through the facade, the follow-up scheduler and dispatcher, and erasure, with
 * the three customers' names, emails and phone numbers fed in everywhere they can go: details, addresses in other
 * formattings, summaries, subjects, comments, follow-up values, hostile input that is refused, identity conflicts.
 * Run by {@link NoPersonalDataInLogsTest} in a JVM of its own, so that SLF4J's simple binding is set to log
 * everything (trace) before its first use and the whole output of the process can be read.
 *
 * <p>Map keys (attribute and value names) carry no personal data here: a refused key is named in the
 * violation's field path ({@code values[<key>]}), see {@code docs/privacy.md}.
 *
 * <p>Writes to standard error (which the binding logs to as well) one line per exception that reached the caller,
 * its whole chain of causes included, prefixed {@value #CAUGHT}, and a last line {@value #DONE}. Runs in a few
 * hundred milliseconds.
 */
public final class LoggedScenario {

    /** Prefix of the lines that report an exception the scenario caught. */
    static final String CAUGHT = "caught: ";
    /** The last line of a run that got to the end. */
    static final String DONE = "scenario done";

    /** One person whose data must not leak. */
    record Person(String name, String email, String phone, LocalDate birthday) {
        PersonalDataProbe probe() {
            return new PersonalDataProbe(name, email, phone, null);
        }
    }

    static final Person ANN = new Person("Ann Lee", "Ann.Lee@Example.com", "+44 20 7946 0958",
            LocalDate.of(1985, 6, 2));
    static final Person BOB = new Person("Bob Stone", "bob.stone@example.org", "+1 (415) 555-0134",
            LocalDate.of(1979, 11, 23));
    static final Person CHLOE = new Person("Chloé Dubois", "chloe.dubois@exemple.fr", "+33 6 47 82 19 53",
            LocalDate.of(1992, 2, 29));
    static final List<Person> PEOPLE = List.of(ANN, BOB, CHLOE);

    private final PrintStream err = System.err;
    private final AtomicInteger caught = new AtomicInteger();
    private final SettableClock clock = new SettableClock(Instant.parse("2025-03-10T09:15:30.123456Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final Map<String, AtomicInteger> publishAttempts = new ConcurrentHashMap<>();
    private final FollowUpScheduler scheduler;
    private final Rapport rapport;
    private final FollowUpDispatcher dispatcher;
    private final PrivacyService privacy;

    private LoggedScenario() {
        scheduler = FollowUpScheduler.builder(storage).clock(clock).sendWindow(SendWindow.anyTime())
                .rule(FollowUpRule.thankYouAfterPurchase(Duration.ofHours(1)))
                .rule(FollowUpRule.surveyAfterResolution(Duration.ofDays(1)))
                .rule(FollowUpRule.callBackAfterMissedCall(Duration.ofMinutes(10)))
                .rule(FollowUpRule.birthdayGreeting(LocalTime.of(9, 0)))
                .rule(FollowUpRule.builder("manual-wow", FollowUpKind.WOW,
                        dev.rapport.followup.Trigger.manual()).build())
                .build();
        // a broker that refuses the first attempt of every fifth event, and every attempt of the seventh
        Map<String, Integer> sequence = new ConcurrentHashMap<>();
        EventPublisher broker = event -> {
            String id = event.eventId().toString();
            int attempt = publishAttempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            int n = sequence.computeIfAbsent(id, k -> sequence.size() + 1);
            if (n == 7 || n % 5 == 0 && attempt == 1) {
                throw new IllegalStateException("broker unavailable");
            }
        };
        rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(scheduler.publishingTo(broker))
                .build();
        dispatcher = FollowUpDispatcher.builder(storage, flakyGateway()).clock(clock).jitter(0)
                .sendWindow(SendWindow.anyTime()).maxAttempts(3).backoffBase(Duration.ofMinutes(1)).build();
        privacy = new PrivacyService(EngineRuntime.direct(rapport.storage(), rapport.clock(), rapport.validator(),
                rapport.eventPublisher()), LegalHold.NONE);
    }

    /** A gateway that times out now and then, and refuses one address with an error that names it. */
    private CustomerMessenger flakyGateway() {
        AtomicInteger calls = new AtomicInteger();
        return message -> {
            int n = calls.incrementAndGet();
            if (n % 3 == 1) {
                throw new MessageDeliveryException("gateway timeout");
            }
            if (message.address().contains("555")) {
                throw new IllegalStateException("gateway refused " + message.address() + " for "
                        + message.values().get("customerName"));
            }
            return DeliveryReceipt.accepted(clock.instant());
        };
    }

    /** Runs the scenario; see the type's documentation. */
    public static void main(String[] args) {
        new LoggedScenario().run();
    }

    private void run() {
        Agent agent = storage.agents().insert(Agent.builder().id(AgentId.random()).name("Dana Agent")
                .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 5)).createdAt(clock.instant())
                .updatedAt(clock.instant()).build());

        Customer ann = register(ANN, CustomerStatus.ACTIVE);
        Customer bob = register(BOB, CustomerStatus.PROSPECT);
        Customer chloe = register(CHLOE, CustomerStatus.ACTIVE);

        // hostile registrations and details, each carrying personal data
        attempt(() -> rapport.customers().register(RegisterCustomer.builder().name(ANN.name() + "\u0000")
                .identity(ContactIdentity.primary(Channel.EMAIL, "Ann.Lee@@Example.com"))
                .identity(ContactIdentity.of(Channel.PHONE, "+44 20 ABC " + ANN.phone()))
                .attribute("note", "call " + ANN.phone() + "\u0007").birthday(LocalDate.of(2999, 1, 1)).build()));
        attempt(() -> rapport.customers().register(RegisterCustomer.builder().name(BOB.name().repeat(40))
                .identity(ContactIdentity.primary(Channel.SMS, BOB.phone() + " ext. 12345678901234567"))
                .segment(BOB.email()).build()));
        attempt(() -> rapport.customers().updateDetails(new UpdateCustomerDetails(chloe.id(),
                CHLOE.name() + "\n" + CHLOE.email(), Optional.empty(), null, null, Optional.empty(),
                Optional.of(CHLOE.phone()), CustomerStatus.ACTIVE, Optional.empty(), Map.of("-bad key", CHLOE.email() + "\u0000"))));

        // identity conflicts: the same addresses in other letter cases and formattings
        attempt(() -> rapport.customers().register(RegisterCustomer.builder().name(ANN.name())
                .identity(ContactIdentity.primary(Channel.EMAIL, ANN.email().toUpperCase())).build()));
        attempt(() -> rapport.customers().addIdentity(new AddContactIdentity(bob.id(),
                ContactIdentity.of(Channel.WHATSAPP, "0044 (20) 7946-0958"))));
        attempt(() -> rapport.customers().addIdentity(new AddContactIdentity(chloe.id(),
                ContactIdentity.of(Channel.EMAIL, "  " + BOB.email().toUpperCase() + " "))));
        attempt(() -> rapport.customers().removeIdentity(new RemoveContactIdentity(CustomerId.random(),
                Channel.EMAIL, ANN.email())));
        rapport.customers().addIdentity(new AddContactIdentity(ann.id(), ContactIdentity.of(Channel.SMS,
                "020-7946-0958")));
        rapport.customers().setConsent(new SetConsent(bob.id(), Channel.SMS, ConsentStatus.OPTED_OUT));
        rapport.customers().resolve(Channel.WHATSAPP, "+44 (20) 7946 0958");
        rapport.customers().resolve(Channel.CHAT, CHLOE.email().toUpperCase());

        // interactions with personal data in their summaries
        for (Person person : PEOPLE) {
            Customer customer = rapport.customers().resolve(Channel.EMAIL, person.email()).orElseThrow();
            rapport.interactions().record(RecordInteraction.builder().customerId(customer.id())
                    .channel(Channel.EMAIL).summary("From " + person.name() + " <" + person.email() + ">, tel. "
                            + person.phone()).externalId("mail-" + customer.id()).build());
            rapport.interactions().record(RecordInteraction.builder().customerId(customer.id())
                    .channel(Channel.EMAIL).summary("duplicate of the first, " + person.name())
                    .externalId("mail-" + customer.id()).build());
            rapport.interactions().record(RecordInteraction.builder().customerId(customer.id())
                    .channel(Channel.WEB_FORM).kind(InteractionKind.PURCHASE).orderRef("order-" + person.name())
                    .build());
            rapport.interactions().record(RecordInteraction.builder().customerId(customer.id())
                    .channel(Channel.PHONE).kind(InteractionKind.MISSED_CALL).summary("missed " + person.phone())
                    .build());
            attempt(() -> rapport.interactions().record(RecordInteraction.builder().customerId(customer.id())
                    .channel(Channel.EMAIL).summary(person.name() + "\u0000" + person.email())
                    .externalId(" ").reason(person.email()).build()));
        }

        // cases, replies, resolutions, illegal moves
        Case parcel = rapport.cases().open(OpenCase.builder().customerId(ann.id()).originChannel(Channel.EMAIL)
                .subject("Parcel for " + ANN.name() + " at " + ANN.phone()).category("delivery").build());
        attempt(() -> rapport.cases().open(OpenCase.builder().customerId(bob.id()).originChannel(Channel.EMAIL)
                .subject(BOB.name() + "\u0001" + BOB.email()).category(BOB.email()).build()));
        rapport.cases().assign(new AssignCase(parcel.id(), agent.id()));
        attempt(() -> rapport.cases().assign(new AssignCase(parcel.id(), AgentId.random())));
        rapport.interactions().record(RecordInteraction.builder().customerId(ann.id()).caseId(parcel.id())
                .channel(Channel.EMAIL).direction(Direction.OUTBOUND).agentId(agent.id())
                .summary("Dear " + ANN.name() + ", we will call " + ANN.phone()).build());
        rapport.cases().resolve(parcel.id());
        attempt(() -> rapport.cases().startWork(parcel.id()));
        attempt(() -> rapport.interactions().record(RecordInteraction.builder().customerId(bob.id())
                .caseId(parcel.id()).channel(Channel.EMAIL).summary(BOB.name()).build()));

        // feedback
        rapport.feedback().record(RecordFeedback.builder().customerId(ann.id()).metric(FeedbackMetric.CSAT)
                .scale(Scale.CSAT_1_TO_5).score(2).caseId(parcel.id())
                .comment(ANN.name() + " says: call me on " + ANN.phone()).build());
        attempt(() -> rapport.feedback().record(RecordFeedback.builder().customerId(chloe.id())
                .metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(11)
                .comment(CHLOE.name() + "\u0000").orderRef(CHLOE.email() + "\n").build()));

        // follow-ups: direct, manual, hostile, cancelled; then dispatched through a flaky gateway
        FollowUpId direct = scheduler.schedule(ScheduleFollowUp.builder().customerId(bob.id())
                .kind(FollowUpKind.CHECK_IN).dueAt(clock.instant())
                .values(Map.of("customerName", BOB.name(), "callBackOn", BOB.phone()))
                .idempotencyKey("check-in/" + BOB.email()).build()).followUpId().orElseThrow();
        FollowUpId wow = scheduler.trigger("manual-wow", new Occasion(Optional.of(chloe.id()), Optional.empty(),
                "wow:" + CHLOE.email(), clock.instant(), Map.of("note", "flowers for " + CHLOE.name()),
                Optional.empty())).followUpId().orElseThrow();
        attempt(() -> scheduler.schedule(ScheduleFollowUp.builder().customerId(ann.id())
                .kind(FollowUpKind.WOW).dueAt(clock.instant()).values(Map.of("bad key!", ANN.name() + "\u0000"))
                .idempotencyKey(ANN.phone() + "\n").build()));
        attempt(() -> scheduler.trigger("manual-wow", new Occasion(Optional.of(ann.id()), Optional.empty(),
                ANN.name() + "\n" + ANN.email(), clock.instant(), Map.of(), Optional.empty())));
        attempt(() -> scheduler.trigger(ANN.email(), Occasion.forCustomer(ann.id(), "x", clock.instant())));
        attempt(() -> scheduler.cancel(direct, ANN.name() + " asked\u0000 " + ANN.phone()));
        scheduler.cancel(direct, "no longer needed");
        attempt(() -> scheduler.cancel(FollowUpId.random(), "no longer needed"));
        scheduler.schedule(ScheduleFollowUp.builder().customerId(bob.id()).kind(FollowUpKind.CALL_BACK)
                .channel(Channel.PHONE).dueAt(clock.instant()).values(Map.of("customerName", BOB.name())).build());
        for (int round = 0; round < 8; round++) {
            clock.advance(Duration.ofHours(6));
            dispatcher.dispatchDue();
        }
        attempt(() -> scheduler.cancel(wow, "too late"));

        // privacy: export, hostile erasure, erasure, erasure again, export after
        privacy.export(chloe.id());
        attempt(() -> privacy.erase(ann.id(), ANN.name() + " asked by " + ANN.email()));
        attempt(() -> privacy.erase(CustomerId.random(), "gdpr_request"));
        privacy.erase(ann.id(), "gdpr_request");
        privacy.erase(ann.id(), "gdpr_request");
        privacy.export(ann.id());
        attempt(() -> privacy.erase(bob.id(), null));
        privacy.erase(bob.id(), "account_closed");
        clock.advance(Duration.ofDays(2));
        dispatcher.dispatchDue();

        err.println(DONE + ": caught " + caught.get() + " exception(s), " + publishAttempts.size()
                + " event(s) offered");
    }

    private Customer register(Person person, CustomerStatus status) {
        return rapport.customers().register(RegisterCustomer.builder().name(person.name())
                .identity(ContactIdentity.primary(Channel.EMAIL, person.email()))
                .identity(ContactIdentity.primary(Channel.PHONE, person.phone()))
                .birthday(person.birthday()).status(status).preferredChannel(Channel.EMAIL)
                .attribute("note", person.name() + " prefers " + person.phone())
                .build());
    }

    /** Runs what is expected to fail and reports the failure, with every cause, on standard error. */
    private void attempt(Supplier<?> operation) {
        try {
            operation.get();
            err.println("unexpectedly accepted");
        } catch (RuntimeException e) {
            caught.incrementAndGet();
            for (Throwable t = e; t != null; t = t.getCause()) {
                err.println(CAUGHT + t);
                for (Throwable suppressed : t.getSuppressed()) {
                    err.println(CAUGHT + "suppressed " + suppressed);
                }
            }
        }
    }
}
