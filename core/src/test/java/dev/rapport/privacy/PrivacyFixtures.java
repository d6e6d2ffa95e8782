package dev.rapport.privacy;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.cases.OpenCase;
import dev.rapport.complaint.AddNote;
import dev.rapport.complaint.AssessComplaint;
import dev.rapport.complaint.ChangeStage;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.complaint.RemedyOffer;
import dev.rapport.complaint.RespondToComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A customer, Ann, with personal data in every place Rapport keeps it (details, identities on three channels,
 * attributes, interaction summaries, a case subject, feedback comments, follow-up values, a host's idempotency
 * key, and a complaint's description, remedy sought, impact, note, response and remedy note), written in several
 * formattings; and another customer, Bob, who must stay untouched. Built through the facade, the follow-up
 * scheduler and the dispatcher. Not thread-safe; one per test.
 */
final class PrivacyFixtures {

    static final String NAME = "Ann Lee";
    static final String EMAIL = "Ann.Lee@Example.com";
    static final String PHONE = "+44 20 7946 0958";
    static final LocalDate BIRTHDAY = LocalDate.of(1985, 6, 2);

    final TestRapport t = new TestRapport();
    final FollowUpScheduler scheduler = FollowUpScheduler.builder(t.storage()).clock(t.clock())
            .eventPublisher(t.events()).sendWindow(SendWindow.anyTime()).validator(t.rapport().validator()).build();
    final List<String> sentKeys = new ArrayList<>();
    final FollowUpDispatcher dispatcher = FollowUpDispatcher.builder(t.storage(), message -> {
        sentKeys.add(message.idempotencyKey());
        return DeliveryReceipt.accepted(t.clock().instant());
    }).clock(t.clock()).eventPublisher(t.events()).sendWindow(SendWindow.anyTime()).jitter(0).build();
    final PersonalDataProbe probe = new PersonalDataProbe(NAME, EMAIL, PHONE, BIRTHDAY);

    Agent agent;
    Customer ann;
    Customer bob;
    Case parcel;
    List<Interaction> interactions = new ArrayList<>();
    List<Feedback> feedback = new ArrayList<>();
    FollowUp sent;
    FollowUp scheduled;
    FollowUp claimed;
    Complaint complaint;

    /** The privacy service over the fixture's Rapport, with the given hold. */
    PrivacyService privacy(LegalHold hold) {
        return new PrivacyService(EngineRuntime.direct(t.rapport().storage(), t.rapport().clock(),
                t.rapport().validator(), t.rapport().eventPublisher()), hold);
    }

    PrivacyService privacy() {
        return privacy(LegalHold.NONE);
    }

    /** Stores everything; events published while doing so are forgotten. */
    PrivacyFixtures populate() {
        agent = t.agent(null);
        ann = t.rapport().customers().register(RegisterCustomer.builder()
                .name(NAME)
                .identity(ContactIdentity.primary(Channel.EMAIL, EMAIL))
                .identity(ContactIdentity.primary(Channel.PHONE, PHONE))
                .identity(ContactIdentity.of(Channel.WHATSAPP, "0044 (20) 7946-0958"))
                .preferredChannel(Channel.EMAIL)
                .locale(Locale.UK)
                .timeZone(ZoneId.of("Europe/London"))
                .birthday(BIRTHDAY)
                .segment("gold")
                .consent(Channel.EMAIL, ConsentStatus.OPTED_IN)
                .consent(Channel.SMS, ConsentStatus.OPTED_OUT)
                .acquisitionCost(Money.of("25.00", "EUR"))
                .attribute("note", "Ann Lee prefers calls on 020 7946 0958")
                .attribute("loyalty_id", "L-1234")
                .build());
        bob = t.customer("Bob Stone", ContactIdentity.primary(Channel.EMAIL, "bob.stone@example.org"));

        record(RecordInteraction.builder().customerId(ann.id()).channel(Channel.EMAIL)
                .summary("Hi, this is Ann Lee (ANN.LEE@EXAMPLE.COM), my parcel is missing")
                .externalId("msg-1").reason("delivery"));
        record(RecordInteraction.builder().customerId(ann.id()).channel(Channel.WEB_FORM)
                .kind(InteractionKind.PURCHASE).amount(Money.of("49.90", "EUR")).orderRef("order-1001"));
        parcel = t.rapport().cases().open(OpenCase.builder().customerId(ann.id())
                .subject("Missing parcel for Ann Lee").category("delivery").originChannel(Channel.EMAIL).build());
        t.clock().advance(Duration.ofMinutes(5));
        record(RecordInteraction.builder().customerId(ann.id()).caseId(parcel.id()).channel(Channel.EMAIL)
                .direction(Direction.OUTBOUND).agentId(agent.id()).handleTime(HandleTime.talk(Duration.ofMinutes(4)))
                .summary("Dear Ann Lee, we will call you on 020 7946 0958"));
        // a move's reason is free text: the agent wrote the customer's name and number into it
        t.rapport().cases().move(new dev.rapport.cases.MoveCase(parcel.id(), dev.rapport.spi.cases.CaseStatus.RESOLVED,
                dev.rapport.spi.cases.Actor.agent(agent.id()), java.util.Optional.of("called Ann Lee on 020 7946 0958")));
        t.clock().advance(Duration.ofHours(1));
        record(RecordInteraction.builder().customerId(ann.id()).caseId(parcel.id()).channel(Channel.PHONE)
                .kind(InteractionKind.COMPLAINT).summary("Still missing! Call +44 (0)20 7946 0958, Ann"));
        t.rapport().cases().resolve(parcel.id());
        record(RecordInteraction.builder().customerId(bob.id()).channel(Channel.CHAT)
                .summary("Bob Stone asks about opening hours"));

        feedback.add(t.rapport().feedback().record(RecordFeedback.builder().customerId(ann.id())
                .metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(2).caseId(parcel.id())
                .comment("Ann Lee is unhappy, write to ann.lee@example.com").build()));
        feedback.add(t.rapport().feedback().record(RecordFeedback.builder().customerId(ann.id())
                .metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(9).build()));

        complaint = t.rapport().complaints().receive(ReceiveComplaint.builder().customerId(ann.id())
                .channel(Channel.EMAIL).description("Ann Lee here: my parcel never came, call 020 7946 0958")
                .remedySought("A refund, confirmed to ann.lee@example.com").orderRef("order-1001")
                .severity(Severity.HIGH).actor("agent:front-desk").build());
        if (t.rapport().complaints().get(complaint.id()).stage() == ComplaintStage.RECEIVED) {
            t.rapport().complaints().changeStage(new ChangeStage(complaint.id(), ComplaintStage.ACKNOWLEDGED,
                    Optional.empty(), "agent:kim"));
        }
        t.rapport().complaints().assess(new AssessComplaint(complaint.id(), Severity.HIGH, Complexity.SIMPLE,
                Optional.of("Ann Lee lost a birthday present"), "agent:kim"));
        t.rapport().complaints().addNote(new AddNote(complaint.id(), "Spoke to Ann Lee on +44 20 7946 0958",
                "agent:kim"));
        t.rapport().complaints().respond(new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD,
                "Dear Ann Lee, we are sorry the parcel was lost", List.of(new RemedyOffer(RemedyType.REFUND,
                        new java.math.BigDecimal("49.90"), "EUR", Optional.of("Refund to Ann Lee's card"))),
                "agent:kim"));
        complaint = t.rapport().complaints().get(complaint.id());

        sent = schedule(FollowUpKind.THANK_YOU, Duration.ZERO, "thanks/" + EMAIL);
        dispatcher.dispatchDue();
        sent = t.storage().followUps().get(sent.id());
        scheduled = schedule(FollowUpKind.SURVEY, Duration.ofDays(3), null);
        claimed = schedule(FollowUpKind.CHECK_IN, Duration.ZERO, null);
        t.clock().advance(Duration.ofSeconds(1));
        claimed = t.storage().followUps().claimDue("other-node", Duration.ofMinutes(5), 10).get(0);
        t.clock().advance(Duration.ofMinutes(1));
        t.events().clear();
        return this;
    }

    private void record(RecordInteraction.Builder command) {
        interactions.add(t.rapport().interactions().record(command.occurredAt(t.clock().instant()).build()));
        t.clock().advance(Duration.ofMinutes(1));
    }

    private FollowUp schedule(FollowUpKind kind, Duration in, String key) {
        return scheduler.schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(kind).caseId(parcel.id())
                        .dueAt(t.clock().instant().plus(in))
                        .values(Map.of("customerName", NAME, "callBackOn", PHONE, "order", "order-1001"))
                        .idempotencyKey(key).build())
                .followUp().orElseThrow();
    }
}
