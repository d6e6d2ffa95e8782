package dev.rapport.tck;

import static dev.rapport.tck.TestData.key;
import static dev.rapport.tck.TestData.multilineText;
import static dev.rapport.tck.TestData.now;
import static dev.rapport.tck.TestData.text;
import static dev.rapport.tck.TestData.unique;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link TestData} builders of complaints, their audit entries and improvement items; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class ComplaintTestData {

    private ComplaintTestData() {
    }

    // ------------------------------------------------------------------------------------------------- complaints

    /** Builds what {@link TestData#complaintReference} documents. */
    static ComplaintReference complaintReference() {
        return ComplaintReference.of("TCK", 2026, unique());
    }

    /** Builds what {@link TestData#complaint} documents. */
    static Complaint.Builder complaint(CustomerId customerId) {
        Instant now = now();
        return Complaint.builder()
                .id(ComplaintId.random())
                .reference(complaintReference())
                .customerId(customerId)
                .channel(Channel.EMAIL)
                .description("The parcel arrived a week late and the box was crushed.")
                .severity(Severity.MEDIUM)
                .regime("uk")
                .receivedAt(now)
                .updatedAt(now);
    }

    /** Builds what {@link TestData#complaintWithEveryField} documents. */
    static Complaint.Builder complaintWithEveryField(CustomerId customerId, CaseId caseId,
            AgentId... agentIds) {
        Instant received = Instant.parse("2026-03-27T16:59:59.999999Z");
        Set<String> rootCauses = new LinkedHashSet<>(List.of("delivery.courier", "packaging", "größe-falsch"));
        return complaint(customerId)
                .channel(Channel.WHATSAPP)
                .description("Das Paket 📦 kam zerdrückt an.\r\nThe kettle inside is cracked 😞\n\t— 谢谢")
                .product("kettle-K2.ü")
                .orderRef("ORD-2026-Ü" + unique())
                .remedySought("A replacement kettle 🫖 and a refund of the delivery fee.\nBitte schnell!")
                .severity(Severity.HIGH)
                .stage(ComplaintStage.CLOSED)
                .regime("eu-psd2")
                .receivedAt(received)
                .deadlines(List.of(
                        new ComplaintDeadline("summary_resolution", received.plus(Duration.ofDays(5)),
                                Optional.empty(), Optional.empty(), Optional.of(received.plus(Duration.ofDays(9))),
                                Optional.of(received.plus(Duration.ofDays(4))),
                                Optional.of(received.plus(Duration.ofDays(5)).plusNanos(1_000))),
                        new ComplaintDeadline("reply", received.plus(Duration.ofDays(21)),
                                Optional.of(received.plus(Duration.ofDays(49)).plusNanos(123_000)),
                                Optional.of("Wir warten auf den Kurier 🚚.\nExpected by the end of next month."),
                                Optional.of(received.plus(Duration.ofDays(9))), Optional.empty(), Optional.empty()),
                        ComplaintDeadline.due("k".repeat(64), received.plus(Duration.ofDays(56)))))
                .assessment(new Assessment(Severity.CRITICAL, Complexity.COMPLEX, Priority.URGENT,
                        Optional.of("Customer is vulnerable ♿; press interest 📰"), "agent:Zoë-7",
                        received.plus(Duration.ofHours(20)).plusNanos(1_000)))
                .caseId(caseId)
                .agentIds(new LinkedHashSet<>(List.of(agentIds)))
                .rootCauses(rootCauses)
                .escalations(List.of(
                        new Escalation(EscalationLevel.HIGHER_TIER, "Beschwerdestelle Zürich 🏔",
                                Optional.of("Kunde verlangt Vorgesetzte"), received.plus(Duration.ofDays(3))),
                        new Escalation(EscalationLevel.OUTSIDE_BODY, "Financial Ombudsman Service", Optional.empty(),
                                received.plus(Duration.ofDays(8)))))
                .outcome(new ComplaintOutcome(OutcomeDecision.PARTLY_UPHELD,
                        "The courier crushed the box 📦.\nThe delay was caused by a strike, not by us.",
                        List.of(Remedy.of(RemedyType.REFUND, Money.of("4.9900", "GBP")),
                                new Remedy(RemedyType.REPLACEMENT, Optional.empty(),
                                        Optional.of("Neuer Wasserkocher K2 🫖, per Kurier")),
                                Remedy.of(RemedyType.VOUCHER_OR_CREDIT, Money.of("0", "JPY")),
                                new Remedy(RemedyType.GOODWILL_GESTURE, Optional.of(Money.of("15.5", "EUR")),
                                        Optional.of("Blumen 💐"))),
                        received.plus(Duration.ofDays(9)), Optional.of(true),
                        Optional.of(received.plus(Duration.ofDays(12)).plusNanos(7_000))))
                .acknowledgedAt(received.plusSeconds(1))
                .respondedAt(received.plus(Duration.ofDays(6)))
                .closedAt(received.plus(Duration.ofDays(12)).plusNanos(7_000))
                .reopenCount(2)
                .updatedAt(received.plus(Duration.ofDays(12)).plusNanos(7_000));
    }

    /** Builds what {@link TestData#complaintAtLimits} documents. */
    static Complaint.Builder complaintAtLimits(CustomerId customerId) {
        Instant received = now();
        List<ComplaintDeadline> deadlines = new ArrayList<>();
        for (int i = 0; i < Complaint.MAX_DEADLINES; i++) {
            deadlines.add(ComplaintDeadline.due(String.format(Locale.ROOT, "deadline_%02d", i),
                    received.plus(Duration.ofDays(i + 1))).extend(received.plus(Duration.ofDays(40 + i)),
                    multilineText(Limits.TEXT)));
        }
        Set<String> rootCauses = new LinkedHashSet<>();
        Set<AgentId> agents = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++) {
            rootCauses.add(String.format(Locale.ROOT, "cause-%02d", i) + "c".repeat(i == 0 ? 56 : 0));
            agents.add(AgentId.random());
        }
        List<Escalation> escalations = new ArrayList<>();
        for (int i = 0; i < Complaint.MAX_ESCALATIONS; i++) {
            escalations.add(new Escalation(i % 2 == 0 ? EscalationLevel.HIGHER_TIER : EscalationLevel.OUTSIDE_BODY,
                    text(Limits.NAME), Optional.of(multilineText(i == 0 ? Limits.TEXT : 20)),
                    received.plusSeconds(i)));
        }
        List<Remedy> remedies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            remedies.add(new Remedy(RemedyType.values()[i % RemedyType.values().length],
                    Optional.of(Money.of("999999999999999.9999", "USD")),
                    Optional.of(text(Limits.ATTRIBUTE_VALUE))));
        }
        String number = Long.toString(1_000_000_000_000L - 1 - unique());
        return complaint(customerId)
                .reference(new ComplaintReference("ABCDEFGHIJ-2026-" + number))
                .description(multilineText(Limits.TEXT))
                .product("p".repeat(64))
                .orderRef(key("order", Limits.KEY))
                .remedySought(multilineText(Limits.TEXT))
                .regime("r".repeat(64))
                .deadlines(deadlines)
                .rootCauses(rootCauses)
                .agentIds(agents)
                .escalations(escalations)
                .stage(ComplaintStage.RESPONDED)
                .outcome(ComplaintOutcome.decided(OutcomeDecision.UPHELD, multilineText(Limits.TEXT), remedies,
                        received.plusSeconds(60)));
    }

    /** Builds what {@link TestData#compliment} documents. */
    static Complaint.Builder compliment(CustomerId customerId, AgentId... agentIds) {
        Instant now = now();
        return complaint(customerId)
                .kind(ComplaintKind.COMPLIMENT)
                .channel(Channel.CHAT)
                .description("Kenji was wonderful, thank you! 🎉")
                .severity(Severity.LOW)
                .stage(ComplaintStage.CLOSED)
                .agentIds(new LinkedHashSet<>(List.of(agentIds)))
                .acknowledgedAt(now)
                .closedAt(now);
    }

    /** Builds what {@link TestData#auditEntry} documents. */
    static AuditEntry auditEntry() {
        return AuditEntry.stageChange(now(), AuditEntry.SYSTEM, ComplaintStage.RECEIVED, ComplaintStage.ACKNOWLEDGED,
                null);
    }

    /** Builds what {@link TestData#auditEntryWithEveryField} documents. */
    static AuditEntry auditEntryWithEveryField() {
        return new AuditEntry(Instant.parse("2026-10-25T01:30:00.000001Z"), "agent:Łucja-Wiśniewska 👩🏽‍💻",
                AuditAction.NOTE, Optional.of(ComplaintStage.INVESTIGATING), Optional.of(ComplaintStage.RESPONDED),
                Optional.of("Rückruf vereinbart ☎\nCustomer prefers mornings."));
    }

    /** Builds what {@link TestData#improvement} documents. */
    static ImprovementItem improvement(ComplaintId... complaints) {
        Instant now = now();
        return new ImprovementItem(ImprovementId.random(), IssueKey.product("p-" + unique()), ImprovementStatus.OPEN,
                1, now, List.of(complaints), Optional.empty(), now, 0);
    }
}
