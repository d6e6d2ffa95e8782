package dev.rapport.complaint;

import static dev.rapport.complaint.ComplaintFixtures.london;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.ComplaintClosed;
import dev.rapport.spi.event.ComplaintEscalated;
import dev.rapport.spi.event.ComplaintStageChanged;
import dev.rapport.tck.TestData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The process after receipt: assessment and the routing seam, responses with remedies, answers, escalation, closing. */
@DisplayName("Handling a complaint")
class ComplaintProcessTest {

    private static final String AGENT = "agent:kim";

    @Nested
    @DisplayName("Assessment")
    class Assessment {

        @Test
        @DisplayName("gives the priority from severity and the customer's segment and opens a complaint case through the case hook")
        void assessmentOpensACase() {
            // given
            ComplaintFixtures wired = new ComplaintFixtures(london("2026-03-02T10:00:00"));
            ComplaintService service = wired.serviceWith(ComplaintPolicy.builder()
                    .regime(ComplaintRegimes.ukStyle(ComplaintFixtures.LONDON_OFFICE))
                    .priorityPolicy(PriorityPolicy.bySeverityAndSegments(Set.of("gold")))
                    .caseHook(ComplaintCaseHook.openCases(wired.storage.cases())).build());
            Customer gold = wired.storage.customers().insert(TestData.customer().segment("gold").build());
            Complaint complaint = service.receive(wired.complaintBy(gold).product("kettle-K2").build());

            // when
            Complaint assessed = service.assess(new AssessComplaint(complaint.id(), Severity.HIGH, Complexity.MODERATE,
                    Optional.of("Customer relies on the kettle"), AGENT));

            // then
            assertThat(assessed.stage()).isEqualTo(ComplaintStage.ASSESSED);
            assertThat(assessed.severity()).isEqualTo(Severity.HIGH);
            assertThat(assessed.assessment()).hasValueSatisfying(a -> {
                assertThat(a.priority()).isEqualTo(Priority.URGENT);
                assertThat(a.complexity()).isEqualTo(Complexity.MODERATE);
                assertThat(a.assessedBy()).isEqualTo(AGENT);
            });
            Case opened = wired.storage.cases().get(assessed.caseId().orElseThrow());
            assertThat(opened.type()).contains("complaint");
            assertThat(opened.priority()).isEqualTo(Priority.URGENT);
            assertThat(opened.customerId()).isEqualTo(gold.id());
            assertThat(opened.status()).isEqualTo(CaseStatus.NEW);
            assertThat(wired.events(CaseOpened.class)).singleElement()
                    .satisfies(e -> assertThat(e.caseId()).isEqualTo(opened.id()));
            assertThat(wired.audit(complaint.id())).extracting(AuditEntry::action).endsWith(AuditAction.STAGE_CHANGED,
                    AuditAction.ASSESSED, AuditAction.CASE_LINKED);
        }

        @Test
        @DisplayName("raises the priority of a linked case instead of opening another")
        void linkedCaseGetsThePriority() {
            // given
            ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:00:00"));
            ComplaintService service = fx.serviceWith(ComplaintPolicy.builder()
                    .regime(ComplaintRegimes.ukStyle(ComplaintFixtures.LONDON_OFFICE))
                    .caseHook(ComplaintCaseHook.openCases(fx.storage.cases())).build());
            Customer customer = fx.customer();
            Case existing = fx.storage.cases().insert(TestData.supportCase(customer.id()).priority(Priority.LOW)
                    .build());
            Complaint complaint = service.receive(fx.complaintBy(customer).build());
            service.linkCase(new LinkCase(complaint.id(), existing.id(), AGENT));

            // when
            Complaint assessed = service.assess(new AssessComplaint(complaint.id(), Severity.CRITICAL,
                    Complexity.COMPLEX, Optional.empty(), AGENT));

            // then
            assertThat(assessed.caseId()).contains(existing.id());
            assertThat(fx.storage.cases().get(existing.id()).priority()).isEqualTo(Priority.URGENT);
            assertThat(fx.storage.cases().findByCustomer(customer.id(), PageRequest.first()).items()).hasSize(1);
            assertThat(fx.events(CaseOpened.class)).isEmpty();
        }

        @Test
        @DisplayName("over the whole storage, records the raise of a linked case's priority in the case's audit trail")
        void linkedCaseRaiseIsAudited() {
            // given
            ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:00:00"));
            ComplaintService service = fx.serviceWith(ComplaintPolicy.builder()
                    .regime(ComplaintRegimes.ukStyle(ComplaintFixtures.LONDON_OFFICE))
                    .caseHook(ComplaintCaseHook.openCases(fx.storage)).build());
            Customer customer = fx.customer();
            Case existing = fx.storage.cases().insert(TestData.supportCase(customer.id()).priority(Priority.LOW)
                    .build());
            Complaint complaint = service.receive(fx.complaintBy(customer).build());
            service.linkCase(new LinkCase(complaint.id(), existing.id(), AGENT));

            // when
            service.assess(new AssessComplaint(complaint.id(), Severity.CRITICAL, Complexity.COMPLEX,
                    Optional.empty(), AGENT));

            // then
            assertThat(fx.storage.auditTrails().find(dev.rapport.spi.audit.AuditSubject.of(existing.id()),
                    PageRequest.first()).items()).singleElement().satisfies(e -> {
                        assertThat(e.action()).isEqualTo(dev.rapport.spi.audit.TrailAction.PRIORITY_CHANGED);
                        assertThat(e.actor()).isEqualTo(dev.rapport.spi.cases.Actor.system());
                        assertThat(e.from()).contains("LOW");
                        assertThat(e.to()).contains("URGENT");
                    });
        }

        @Test
        @DisplayName("works without routing: no case hook, no case")
        void worksWithoutRouting() {
            // given
            ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:00:00"));
            Complaint complaint = fx.receive(fx.customer());

            // when
            Complaint assessed = fx.service.assess(new AssessComplaint(complaint.id(), Severity.LOW, Complexity.SIMPLE,
                    Optional.empty(), AGENT));

            // then
            assertThat(assessed.caseId()).isEmpty();
            assertThat(assessed.assessment().orElseThrow().priority()).isEqualTo(Priority.LOW);
        }

        @Test
        @DisplayName("refuses a case of another customer and an unknown case, naming caseId")
        void refusesForeignCases() {
            // given
            ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:00:00"));
            Complaint complaint = fx.receive(fx.customer());
            Case foreign = fx.storage.cases().insert(TestData.supportCase(fx.customer().id()).build());

            // when
            ValidationException other = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.linkCase(new LinkCase(complaint.id(), foreign.id(), AGENT)));
            ValidationException unknown = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.linkCase(new LinkCase(complaint.id(), dev.rapport.spi.cases.CaseId.random(),
                            AGENT)));

            // then
            assertThat(other.violations()).extracting(ValidationException.Violation::rule)
                    .containsExactly("SameCustomer");
            assertThat(unknown.violations()).extracting(ValidationException.Violation::rule).containsExactly("Exists");
            assertThat(fx.service.get(complaint.id()).caseId()).isEmpty();
        }
    }

    @Nested
    @DisplayName("Responses, answers and escalation")
    class Responses {

        private final ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:00:00"));
        private final Complaint complaint = fx.receive(fx.customer());

        private RespondToComplaint response(RemedyOffer... remedies) {
            return new RespondToComplaint(complaint.id(), OutcomeDecision.PARTLY_UPHELD,
                    "The courier damaged the box; the delay was the strike.", List.of(remedies), AGENT);
        }

        @Test
        @DisplayName("records the decision, reasons and remedies with amounts, sends the response and meets the deadlines")
        void respondsWithRemedies() {
            // given
            fx.advance(Duration.ofDays(1));

            // when
            Complaint responded = fx.service.respond(response(RemedyOffer.of(RemedyType.REFUND, "4.99", "GBP"),
                    RemedyOffer.of(RemedyType.APOLOGY), RemedyOffer.of(RemedyType.VOUCHER_OR_CREDIT, "10", "EUR")
                            .withNote("Code WOW-10")));

            // then
            assertThat(responded.stage()).isEqualTo(ComplaintStage.RESPONDED);
            assertThat(responded.outcome()).hasValueSatisfying(o -> {
                assertThat(o.decision()).isEqualTo(OutcomeDecision.PARTLY_UPHELD);
                assertThat(o.remedies()).extracting(r -> r.amount().orElse(null)).containsExactly(
                        Money.of("4.99", "GBP"), null, Money.of("10", "EUR"));
                assertThat(o.customerAccepted()).isEmpty();
            });
            assertThat(responded.deadlines()).allSatisfy(d -> assertThat(d.metAt()).contains(fx.clock.instant()));
            assertThat(fx.messenger.ofKind("complaint_response")).singleElement().satisfies(m -> assertThat(m.values())
                    .containsEntry("decision", "PARTLY_UPHELD")
                    .containsEntry("remedies", "REFUND 4.99 GBP, APOLOGY, VOUCHER_OR_CREDIT 10 EUR"));
            assertThat(fx.audit(complaint.id())).extracting(AuditEntry::action).endsWith(AuditAction.STAGE_CHANGED,
                    AuditAction.OUTCOME_RECORDED, AuditAction.MESSAGE_SENT);
        }

        @Test
        @DisplayName("rejects a negative amount, an unknown currency, an amount without currency and blank reasons, naming each, and stores nothing")
        void rejectsBadRemedies() {
            // given
            List<AuditEntry> before = fx.audit(complaint.id());
            RespondToComplaint bad = new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD, " ", List.of(
                    RemedyOffer.of(RemedyType.REFUND, "-5.00", "EUR"),
                    RemedyOffer.of(RemedyType.VOUCHER_OR_CREDIT, "5", "XYZ"),
                    new RemedyOffer(RemedyType.GOODWILL_GESTURE, new BigDecimal("3"), null, Optional.empty())),
                    AGENT);

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> fx.service.respond(bad));

            // then
            assertThat(thrown.fields()).containsExactly("reasons", "remedies[0].amount", "remedies[1].currency",
                    "remedies[2].currency");
            assertThat(fx.service.get(complaint.id())).isEqualTo(complaint);
            assertThat(fx.audit(complaint.id())).isEqualTo(before);
            assertThat(fx.messenger.ofKind("complaint_response")).isEmpty();
        }

        @Test
        @DisplayName("closes when the customer accepts, raising ComplaintClosed with the decision for the follow-up")
        void acceptanceCloses() {
            // given
            fx.service.respond(response(RemedyOffer.of(RemedyType.APOLOGY)));

            // when
            Complaint closed = fx.service.recordCustomerReply(new RecordCustomerReply(complaint.id(), true,
                    Optional.of("Thanks, all good"), AGENT));

            // then
            assertThat(closed.stage()).isEqualTo(ComplaintStage.CLOSED);
            assertThat(closed.closedAt()).contains(fx.clock.instant());
            assertThat(closed.outcome().orElseThrow().customerAccepted()).contains(true);
            assertThat(fx.events(ComplaintClosed.class)).singleElement().satisfies(e -> {
                assertThat(e.complaintId()).isEqualTo(complaint.id());
                assertThat(e.customerId()).isEqualTo(complaint.customerId());
                assertThat(e.decision()).contains(OutcomeDecision.PARTLY_UPHELD);
                assertThat(e.customerAccepted()).contains(true);
            });
        }

        @Test
        @DisplayName("reopens when the customer rejects the response, and again after closing")
        void rejectionReopens() {
            // given
            fx.service.respond(response());

            // when
            Complaint reopened = fx.service.recordCustomerReply(new RecordCustomerReply(complaint.id(), false,
                    Optional.empty(), AGENT));
            fx.service.respond(response());
            fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.CLOSED, AGENT));
            Complaint reopenedAfterClosing = fx.service.recordCustomerReply(new RecordCustomerReply(complaint.id(),
                    false, Optional.of("Still broken"), AGENT));

            // then
            assertThat(reopened.stage()).isEqualTo(ComplaintStage.REOPENED);
            assertThat(reopened.outcome().orElseThrow().customerAccepted()).contains(false);
            assertThat(reopenedAfterClosing.stage()).isEqualTo(ComplaintStage.REOPENED);
            assertThat(reopenedAfterClosing.reopenCount()).isEqualTo(2);
            assertThat(fx.audit(complaint.id())).extracting(AuditEntry::action)
                    .contains(AuditAction.CUSTOMER_REJECTED);
            assertThat(fx.events(ComplaintClosed.class)).hasSize(1);
        }

        @Test
        @DisplayName("refuses an answer before any response, and acceptance outside RESPONDED, changing nothing")
        void answerNeedsAResponse() {
            // when
            ValidationException noResponse = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.recordCustomerReply(new RecordCustomerReply(complaint.id(), true,
                            Optional.empty(), AGENT)));
            fx.service.respond(response());
            fx.service.recordCustomerReply(new RecordCustomerReply(complaint.id(), false, Optional.empty(), AGENT));
            IllegalTransitionException acceptWhileReopened = catchThrowableOfType(IllegalTransitionException.class,
                    () -> fx.service.recordCustomerReply(new RecordCustomerReply(complaint.id(), true,
                            Optional.empty(), AGENT)));

            // then
            assertThat(noResponse.fields()).containsExactly("complaintId");
            assertThat(acceptWhileReopened.from()).isEqualTo(ComplaintStage.REOPENED);
            assertThat(acceptWhileReopened.to()).isEqualTo(ComplaintStage.CLOSED);
            assertThat(fx.service.get(complaint.id()).stage()).isEqualTo(ComplaintStage.REOPENED);
        }

        @Test
        @DisplayName("escalates to a higher tier and then to an outside body, naming which, after the final response")
        void escalates() {
            // given
            fx.service.assess(new AssessComplaint(complaint.id(), Severity.HIGH, Complexity.COMPLEX, Optional.empty(),
                    AGENT));

            // when
            fx.service.escalate(new EscalateComplaint(complaint.id(), EscalationLevel.HIGHER_TIER,
                    "Complaints review panel", Optional.of("Customer asked for a manager"), AGENT));
            fx.service.respond(response());
            fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.CLOSED, AGENT));
            Complaint referred = fx.service.escalate(new EscalateComplaint(complaint.id(),
                    EscalationLevel.OUTSIDE_BODY, "Financial Ombudsman Service", Optional.empty(), AGENT));

            // then
            assertThat(referred.stage()).isEqualTo(ComplaintStage.ESCALATED);
            assertThat(referred.escalations()).extracting(e -> e.level() + ":" + e.body()).containsExactly(
                    "HIGHER_TIER:Complaints review panel", "OUTSIDE_BODY:Financial Ombudsman Service");
            assertThat(fx.events(ComplaintEscalated.class)).extracting(ComplaintEscalated::body)
                    .containsExactly("Complaints review panel", "Financial Ombudsman Service");
        }
    }

    @Nested
    @DisplayName("Stage commands")
    class StageCommands {

        private final ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-02T10:00:00"));
        private final Complaint complaint = fx.receive(fx.customer());

        @Test
        @DisplayName("refuses an illegal move with from and to, storing no change, audit entry or event")
        void illegalMoveChangesNothing() {
            // given
            List<AuditEntry> before = fx.audit(complaint.id());
            int events = fx.events.size();

            // when
            IllegalTransitionException thrown = catchThrowableOfType(IllegalTransitionException.class,
                    () -> fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.REOPENED, AGENT)));

            // then
            assertThat(thrown.from()).isEqualTo(ComplaintStage.ACKNOWLEDGED);
            assertThat(thrown.to()).isEqualTo(ComplaintStage.REOPENED);
            assertThat(fx.service.get(complaint.id())).isEqualTo(complaint);
            assertThat(fx.audit(complaint.id())).isEqualTo(before);
            assertThat(fx.events).hasSize(events);
        }

        @Test
        @DisplayName("refuses RECEIVED as a target and stages that need their own command, naming the field to")
        void impossibleStagesAreInvalid() {
            // when
            ValidationException received = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.RECEIVED, AGENT)));
            ValidationException responded = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.RESPONDED, AGENT)));
            ValidationException missing = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.changeStage(new ChangeStage(complaint.id(), null, Optional.empty(), "")));

            // then
            assertThat(received.violations()).extracting(v -> v.field() + ":" + v.rule())
                    .containsExactly("to:NotATarget");
            assertThat(responded.violations()).extracting(v -> v.field() + ":" + v.rule())
                    .containsExactly("to:OwnCommand");
            assertThat(missing.fields()).containsExactly("actor", "to");
            assertThat(fx.service.get(complaint.id())).isEqualTo(complaint);
        }

        @Test
        @DisplayName("walks investigation to closing, with every stage change in the audit trail with its actor, and a withdrawal closes too")
        void auditTrailRecordsEveryStep() {
            // when
            fx.service.assess(new AssessComplaint(complaint.id(), Severity.MEDIUM, Complexity.SIMPLE,
                    Optional.empty(), "agent:ann"));
            fx.service.changeStage(ChangeStage.to(complaint.id(), ComplaintStage.INVESTIGATING, "agent:bob"));
            fx.service.addNote(new AddNote(complaint.id(), "Asked the courier for photos", "agent:bob"));
            fx.service.changeStage(new ChangeStage(complaint.id(), ComplaintStage.CLOSED,
                    Optional.of("Withdrawn by the customer"), "agent:cy"));

            // then
            assertThat(fx.audit(complaint.id())).filteredOn(e -> e.action() == AuditAction.STAGE_CHANGED)
                    .extracting(e -> e.from().orElseThrow() + ">" + e.to().orElseThrow() + " by " + e.actor())
                    .containsExactly("RECEIVED>ACKNOWLEDGED by system", "ACKNOWLEDGED>ASSESSED by agent:ann",
                            "ASSESSED>INVESTIGATING by agent:bob", "INVESTIGATING>CLOSED by agent:cy");
            assertThat(fx.audit(complaint.id())).extracting(AuditEntry::action).contains(AuditAction.NOTE);
            assertThat(fx.events(ComplaintStageChanged.class)).extracting(ComplaintStageChanged::to).containsExactly(
                    ComplaintStage.ACKNOWLEDGED, ComplaintStage.ASSESSED, ComplaintStage.INVESTIGATING,
                    ComplaintStage.CLOSED);
            assertThat(fx.events(ComplaintClosed.class)).singleElement()
                    .satisfies(e -> assertThat(e.decision()).isEmpty());
        }
    }
}
