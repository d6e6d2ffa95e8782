package dev.rapport.complaint;

import static dev.rapport.complaint.ComplaintFixtures.london;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.ComplaintReceived;
import dev.rapport.spi.event.ComplaintStageChanged;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Receipt: references, the automatic acknowledgement and its audit trail, and bad input rejected whole. */
@DisplayName("Receiving a complaint")
class ComplaintReceiptTest {

    private final ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:15:00"));

    @Test
    @DisplayName("a complaint received outside the supported years is refused naming receivedAt, and nothing is stored")
    void receiptOutsideTheDomainNamesReceivedAt() {
        // given: a reference carries a four-digit year, so the year 999 is outside a complaint's domain; the year 0
        // (0001-01-01T00:00Z is still the year 0 in London, on local mean time) and Instant.MIN far outside it
        Customer customer = fx.customer();
        ReceiveComplaint yearZero = fx.complaintBy(customer).receivedAt(Instant.parse("0001-01-01T00:00:00Z")).build();
        ReceiveComplaint instantMin = fx.complaintBy(customer).receivedAt(Instant.MIN).build();
        ReceiveComplaint year999 = fx.complaintBy(customer).receivedAt(Instant.parse("0999-06-01T00:00:00Z")).build();

        // when
        ValidationException e1 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(yearZero));
        ValidationException e2 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(instantMin));
        ValidationException e3 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(year999));

        // then
        assertThat(e1.fields()).containsExactly("receivedAt");
        assertThat(e2.fields()).containsExactly("receivedAt");
        assertThat(e3.fields()).containsExactly("receivedAt");
        assertThat(fx.storage.complaints().findByCustomer(customer.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("gives each complaint the next reference of its year, CMP-2026-000001 onwards, and starts a new year at 1")
    void referencesFollowTheYearSequence() {
        // given
        Customer customer = fx.customer();

        // when
        List<Complaint> complaints = IntStream.range(0, 3).mapToObj(i -> fx.receive(customer)).toList();
        fx.clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        Complaint nextYear = fx.receive(customer);

        // then
        assertThat(complaints).extracting(c -> c.reference().value())
                .containsExactly("CMP-2026-000001", "CMP-2026-000002", "CMP-2026-000003");
        assertThat(nextYear.reference().value()).isEqualTo("CMP-2027-000001");
        assertThat(fx.service.getByReference("cmp-2026-000002").id()).isEqualTo(complaints.get(1).id());
    }

    @Test
    @DisplayName("stores what the customer said, sends the acknowledgement with name, reference and deadlines, and records both")
    void acknowledgesOnReceipt() {
        // given
        Customer customer = fx.customer();
        ReceiveComplaint command = fx.complaintBy(customer).product("kettle-K2").orderRef("ORD-1")
                .remedySought("A new kettle").severity(dev.rapport.spi.complaint.Severity.HIGH).build();

        // when
        Complaint complaint = fx.service.receive(command);

        // then
        assertThat(complaint.stage()).isEqualTo(ComplaintStage.ACKNOWLEDGED);
        assertThat(complaint.acknowledgedAt()).contains(fx.clock.instant());
        assertThat(complaint.description()).isEqualTo("The parcel arrived crushed.");
        assertThat(complaint.product()).contains("kettle-K2");
        assertThat(complaint.remedySought()).contains("A new kettle");
        assertThat(complaint.regime()).isEqualTo(ComplaintRegimes.UK);
        assertThat(complaint.deadlines()).extracting(d -> d.code())
                .containsExactly(ComplaintRegimes.SUMMARY_RESOLUTION, ComplaintRegimes.FINAL_RESPONSE);
        OutboundMessage ack = fx.messenger.ofKind("complaint_acknowledgement").get(0);
        assertThat(ack.customerId()).isEqualTo(customer.id());
        assertThat(ack.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ack.address()).isEqualTo(customer.addressOn(Channel.EMAIL).orElseThrow().value());
        assertThat(ack.idempotencyKey()).isEqualTo("complaint_acknowledgement:" + complaint.id());
        assertThat(ack.values()).containsEntry("customerName", customer.name())
                .containsEntry("complaintReference", complaint.reference().value())
                .containsEntry("deadline.summary_resolution", "2026-03-05T17:00:00Z")
                .containsEntry("deadline.final_response.date", "2026-04-27");
        assertThat(fx.audit(complaint.id())).extracting(AuditEntry::action).containsExactly(AuditAction.RECEIVED,
                AuditAction.MESSAGE_SENT, AuditAction.STAGE_CHANGED);
        assertThat(fx.audit(complaint.id()).get(0).actor()).isEqualTo("agent:front-desk");
        assertThat(fx.audit(complaint.id()).get(2).to()).contains(ComplaintStage.ACKNOWLEDGED);
        assertThat(fx.events(ComplaintReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.reference()).isEqualTo(complaint.reference()));
        assertThat(fx.events(ComplaintStageChanged.class)).extracting(ComplaintStageChanged::to)
                .containsExactly(ComplaintStage.ACKNOWLEDGED);
    }

    @Test
    @DisplayName("keeps a complaint RECEIVED when the acknowledgement fails, and the sweep sends it once the gateway recovers")
    void retriesAFailedAcknowledgement() {
        // given
        Customer customer = fx.customer();
        fx.messenger.failWith(new MessageDeliveryException("gateway timeout"));

        // when
        Complaint failed = fx.receive(customer);
        ComplaintSweepReport stillFailing = fx.service.sweep();
        fx.messenger.recover();
        ComplaintSweepReport recovered = fx.service.sweep();
        ComplaintSweepReport afterwards = fx.service.sweep();

        // then
        assertThat(failed.stage()).isEqualTo(ComplaintStage.RECEIVED);
        assertThat(stillFailing.acknowledgementsRetried()).isEqualTo(1);
        assertThat(recovered.acknowledgementsRetried()).isEqualTo(1);
        assertThat(afterwards.acknowledgementsRetried()).isZero();
        assertThat(fx.service.get(failed.id()).stage()).isEqualTo(ComplaintStage.ACKNOWLEDGED);
        assertThat(fx.messenger.ofKind("complaint_acknowledgement")).hasSize(1);
        assertThat(fx.audit(failed.id())).extracting(AuditEntry::action).containsExactly(AuditAction.RECEIVED,
                AuditAction.MESSAGE_FAILED, AuditAction.MESSAGE_FAILED, AuditAction.MESSAGE_SENT,
                AuditAction.STAGE_CHANGED);
        assertThat(fx.audit(failed.id()).get(1).detail()).hasValueSatisfying(d -> assertThat(d)
                .contains("gateway timeout"));
    }

    @Test
    @DisplayName("records an acknowledgement that cannot be sent, does not retry it, and lets an agent acknowledge in person")
    void undeliverableAcknowledgementIsNotRetried() {
        // given
        Customer walkIn = fx.storage.customers().insert(TestData.customer()
                .identities(List.<ContactIdentity>of()).build());

        // when
        Complaint complaint = fx.service.receive(fx.complaintBy(walkIn).channel(Channel.IN_PERSON).build());
        ComplaintSweepReport sweep = fx.service.sweep();
        Complaint acknowledged = fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.ACKNOWLEDGED,
                "agent:shop-7"));

        // then
        assertThat(complaint.stage()).isEqualTo(ComplaintStage.RECEIVED);
        assertThat(sweep.acknowledgementsRetried()).isZero();
        assertThat(fx.messenger.sent).isEmpty();
        assertThat(acknowledged.stage()).isEqualTo(ComplaintStage.ACKNOWLEDGED);
        assertThat(fx.audit(complaint.id())).extracting(AuditEntry::action).containsExactly(AuditAction.RECEIVED,
                AuditAction.MESSAGE_UNDELIVERABLE, AuditAction.STAGE_CHANGED);
        assertThat(fx.audit(complaint.id()).get(2).actor()).isEqualTo("agent:shop-7");
    }

    @Test
    @DisplayName("writes to the preferred channel when the customer has no address on the complaint's channel")
    void acknowledgesOnAnotherChannel() {
        // given
        Customer customer = fx.customer();

        // when
        fx.service.receive(fx.complaintBy(customer).channel(Channel.X).build());

        // then
        assertThat(fx.messenger.sent).singleElement().satisfies(m -> assertThat(m.channel()).isEqualTo(Channel.EMAIL));
    }

    @Test
    @DisplayName("rejects an unknown customer, a blank description, a future receipt, an unknown regime and agent, naming each, and stores nothing")
    void rejectsBadInputWhole() {
        // given
        ReceiveComplaint unknownCustomer = ReceiveComplaint.builder().customerId(CustomerId.random())
                .channel(Channel.EMAIL).description("Broken").build();
        Customer customer = fx.customer();
        ReceiveComplaint blank = fx.complaintBy(customer).description("  ").build();
        ReceiveComplaint future = fx.complaintBy(customer).receivedAt(fx.clock.instant().plusSeconds(1)).build();
        ReceiveComplaint unknownRegime = fx.complaintBy(customer).regime("mars").build();
        ReceiveComplaint unknownAgent = fx.complaintBy(customer).agent(AgentId.random()).build();
        ReceiveComplaint noChannel = fx.complaintBy(customer).channel(null).description(null).build();

        // when
        ValidationException e1 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(unknownCustomer));
        ValidationException e2 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(blank));
        ValidationException e3 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(future));
        ValidationException e4 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(unknownRegime));
        ValidationException e5 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(unknownAgent));
        ValidationException e6 = catchThrowableOfType(ValidationException.class, () -> fx.service.receive(noChannel));

        // then
        assertThat(e1.fields()).containsExactly("customerId");
        assertThat(e1.violations()).extracting(ValidationException.Violation::rule).containsExactly("Exists");
        assertThat(e2.fields()).containsExactly("description");
        assertThat(e3.fields()).containsExactly("receivedAt");
        assertThat(e4.fields()).containsExactly("regime");
        assertThat(e5.fields()).containsExactly("agentIds");
        assertThat(e6.fields()).containsExactly("channel", "description");
        assertThat(fx.storage.complaints().findReceivedBetween(TimeRange.ALL, PageRequest.first()).items()).isEmpty();
        assertThat(fx.messenger.sent).isEmpty();
        assertThat(fx.events).isEmpty();
        assertThat(fx.receive(customer).reference().value()).as("no reference was used up by a rejected command")
                .isEqualTo("CMP-2026-000001");
    }

    @Test
    @DisplayName("takes a receipt time in the past, counts deadlines from it and files the reference under its year")
    void backdatedReceipt() {
        // given
        Customer customer = fx.customer();
        Instant letterArrived = london("2025-12-31T16:00:00");

        // when
        Complaint complaint = fx.service.receive(fx.complaintBy(customer).channel(Channel.of("letter"))
                .receivedAt(letterArrived).build());

        // then
        assertThat(complaint.receivedAt()).isEqualTo(letterArrived);
        assertThat(complaint.reference().value()).isEqualTo("CMP-2025-000001");
        assertThat(complaint.deadline(ComplaintRegimes.FINAL_RESPONSE).orElseThrow().dueAt())
                .isEqualTo(london("2026-02-26T00:00:00"));
        assertThat(Duration.between(letterArrived, fx.clock.instant())).isPositive();
    }
}
