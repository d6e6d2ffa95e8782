package dev.rapport.complaint;

import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.Remedy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One complaint as the register shows it to an auditor: references, times, stage, deadlines and whether they were
 * met, the outcome, remedies, escalations and root causes. Free text the customer wrote is left out (the register
 * is shared beyond the people handling the complaint); the reasons of the decision are in.
 *
 * @param complaint the complaint
 * @param asOf the instant the register was made, for judging deadlines still running
 */
public record RegisterEntry(Complaint complaint, Instant asOf) {

    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("reference", "complaint_id", "customer_id", "received_at",
            "channel", "severity", "priority", "product", "regime", "stage", "acknowledged_at", "responded_at",
            "closed_at", "reopen_count", "deadlines", "deadlines_missed", "decision", "remedies", "customer_accepted",
            "escalations", "root_causes", "case_id");

    /**
     * The values of the columns, in order; null where a value is absent.
     *
     * @return one text per name in {@link #COLUMNS}, in the same order
     */
    public List<String> values() {
        Complaint c = complaint;
        return java.util.Arrays.asList(
                c.reference().value(),
                c.id().toString(),
                c.customerId().toString(),
                c.receivedAt().toString(),
                c.channel().code(),
                c.severity().name(),
                c.assessment().map(a -> a.priority().name()).orElse(null),
                c.product().orElse(null),
                c.regime(),
                c.stage().name(),
                text(c.acknowledgedAt()),
                text(c.respondedAt()),
                text(c.closedAt()),
                Integer.toString(c.reopenCount()),
                String.join("; ", c.deadlines().stream().map(this::deadline).toList()),
                Long.toString(c.deadlines().stream().filter(d -> d.isMissed(asOf)).count()),
                c.outcome().map(o -> o.decision().name()).orElse(null),
                c.outcome().map(o -> String.join("; ", o.remedies().stream().map(RegisterEntry::remedy).toList()))
                        .orElse(null),
                c.outcome().flatMap(o -> o.customerAccepted()).map(String::valueOf).orElse(null),
                String.join("; ", c.escalations().stream().map(RegisterEntry::escalation).toList()),
                String.join(" ", c.rootCauses()),
                c.caseId().map(Object::toString).orElse(null));
    }

    private String deadline(ComplaintDeadline d) {
        String state = d.isMet() ? (d.isMissed(asOf) ? "met late " : "met ") + d.metAt().get()
                : d.isMissed(asOf) ? "missed" : "open";
        return d.code() + " due " + d.effectiveDueAt() + (d.extendedTo().isPresent() ? " (extended)" : "") + " "
                + state;
    }

    private static String remedy(Remedy r) {
        return r.type().name() + r.amount().map(m -> " " + m.amount().toPlainString() + " "
                + m.currency().getCurrencyCode()).orElse("");
    }

    private static String escalation(Escalation e) {
        return e.level().name() + " " + e.body() + " " + e.at();
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
