package dev.rapport.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.DispatchSummary;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.complaint.ChangeStage;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Severity;
import java.util.Optional;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingOutcome;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import java.util.Map;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The facade wires follow-ups, routing, complaints and KPIs to the services")
class FacadeWiringTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2025-06-02T09:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final Rapport rapport = Rapport.builder()
            .storage(storage)
            .clock(clock)
            .messenger(message -> {
                sent.add(message);
                return DeliveryReceipt.accepted(clock.instant());
            })
            .followUpRules(List.of(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)),
                    FollowUpRule.surveyAfterResolution(Duration.ofHours(1)),
                    FollowUpRule.checkInAfterComplaintClosed(Duration.ofDays(3))))
            .build();

    private Customer customer() {
        return rapport.customers().register(RegisterCustomer.builder().name("Ada Byron")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ada@example.com")).build());
    }

    @Test
    @DisplayName("a recorded purchase schedules the thank-you rule, and the dispatcher sends it when due")
    void purchaseThankYou() {
        // given
        Customer ada = customer();

        // when
        rapport.interactions().record(RecordInteraction.builder().customerId(ada.id()).channel(Channel.WEB_FORM)
                .kind(InteractionKind.PURCHASE).orderRef("ORD-7").amount(Money.of("49.90", "EUR")).build());
        DispatchSummary early = rapport.followUpDispatcher().dispatchDue();
        clock.advance(Duration.ofDays(2).plusMinutes(1));
        DispatchSummary due = rapport.followUpDispatcher().dispatchDue();

        // then
        assertThat(early.sent()).isZero();
        assertThat(due.sent()).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(FollowUpKind.THANK_YOU.code());
            assertThat(m.customerId()).isEqualTo(ada.id());
            assertThat(m.address()).isEqualTo("ada@example.com");
        });
    }

    @Test
    @DisplayName("resolving a case schedules a survey for that case")
    void surveyAfterResolution() {
        // given
        Customer ada = customer();
        Case question = rapport.cases().open(OpenCase.builder().customerId(ada.id()).subject("Invoice copy")
                .originChannel(Channel.EMAIL).build());

        // when
        rapport.cases().resolve(question.id());

        // then
        List<FollowUp> scheduled = storage.followUps().findByCustomer(ada.id(), PageRequest.first()).items();
        assertThat(scheduled).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.SURVEY);
            assertThat(f.caseId()).contains(question.id());
            assertThat(f.status()).isEqualTo(FollowUpStatus.SCHEDULED);
        });
    }

    @Test
    @DisplayName("the KPI engine reads the same store the services write")
    void kpisOverTheSameStore() {
        // given
        Customer ada = customer();
        Case question = rapport.cases().open(OpenCase.builder().customerId(ada.id()).subject("Invoice copy")
                .originChannel(Channel.EMAIL).build());
        rapport.cases().resolve(question.id());

        // when
        var reopens = rapport.kpis().compute(Kpi.REOPEN_RATE,
                KpiRequest.over(TimeRange.of(clock.instant().minus(Duration.ofDays(1)),
                        clock.instant().plus(Duration.ofDays(1)))));

        // then
        assertThat(reopens.total().denominator()).isEqualByComparingTo("1");
        assertThat(reopens.total().numerator()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("the router assigns a case to an available agent and stores the agent's load with it")
    void routingAssigns() {
        // given
        Customer ada = customer();
        Agent maya = storage.agents().insert(Agent.builder().id(AgentId.random()).name("Maya Patel")
                .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 5))
                .createdAt(clock.instant()).updatedAt(clock.instant()).build());
        rapport.routing().refreshAgent(maya.id());
        Case question = rapport.cases().open(OpenCase.builder().customerId(ada.id()).subject("Invoice copy")
                .originChannel(Channel.EMAIL).build());

        // when
        RoutingDecision decision = rapport.routing().submit(RoutingRequest.forCase(question).build());

        // then
        assertThat(decision.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(decision.agentId()).contains(maya.id());
        assertThat(storage.cases().get(question.id()).assignee()).contains(maya.id());
        assertThat(storage.agents().get(maya.id()).load()).containsEntry(Channel.EMAIL, 1);
    }

    @Test
    @DisplayName("a complaint is acknowledged through the messenger, and closing it schedules the satisfaction check-in")
    void complaintToCheckIn() {
        // given
        Customer ada = customer();

        // when
        Complaint complaint = rapport.complaints().receive(ReceiveComplaint.builder().customerId(ada.id())
                .channel(Channel.EMAIL).description("The parcel arrived crushed.").severity(Severity.MEDIUM)
                .actor("agent:front-desk").build());
        rapport.complaints().changeStage(new ChangeStage(complaint.id(), ComplaintStage.CLOSED,
                Optional.of("Withdrawn by the customer"), "agent:kim"));

        // then
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("complaint_acknowledgement"));
        List<FollowUp> scheduled = storage.followUps().findByCustomer(ada.id(), PageRequest.first()).items();
        assertThat(scheduled).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.CHECK_IN);
            assertThat(f.idempotencyKey()).contains("complaint:" + complaint.id());
        });
    }
}
