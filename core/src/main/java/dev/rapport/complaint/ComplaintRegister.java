package dev.rapport.complaint;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.Remedy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The complaint register for a period: every complaint received in it, in receipt order, exportable as CSV
 * (RFC 4180: a header row, CRLF line ends, fields quoted where needed) and as JSON. Compliments are not in it.
 * Immutable and thread-safe.
 *
 * @param period the receipt period, half-open
 * @param asOf when the register was made
 * @param entries the complaints, in receipt order, then id
 */
public record ComplaintRegister(TimeRange period, Instant asOf, List<RegisterEntry> entries) {

    /**
     * Copies the entries.
     *
     * @param period the receipt period, half-open
     * @param asOf when the register was made
     * @param entries the complaints, in receipt order, then id
     */
    public ComplaintRegister {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(asOf, "asOf");
        entries = List.copyOf(entries);
    }

    /**
     * The register as CSV text.
     *
     * @return the CSV text, CRLF line ends
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        writeCsv(out);
        return out.toString();
    }

    /**
     * Writes the register as CSV: a header row of {@link RegisterEntry#COLUMNS}, then one row per complaint.
     *
     * @param out where the CSV goes
     * @throws UncheckedIOException if the target fails
     */
    public void writeCsv(Appendable out) {
        try {
            out.append(String.join(",", RegisterEntry.COLUMNS)).append("\r\n");
            for (RegisterEntry entry : entries) {
                List<String> values = entry.values();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(TextFormats.csv(values.get(i)));
                }
                out.append("\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The register as JSON text.
     *
     * @return the JSON text
     */
    public String toJson() {
        StringBuilder out = new StringBuilder();
        writeJson(out);
        return out.toString();
    }

    /**
     * Writes the register as one JSON object: {@code period} ({@code from}, {@code to}), {@code asOf}, and
     * {@code complaints}, an array of objects with structured {@code deadlines}, {@code remedies} and
     * {@code escalations}; instants as ISO-8601 strings, absent values as {@code null}.
     *
     * @param out where the JSON goes
     * @throws UncheckedIOException if the target fails
     */
    public void writeJson(Appendable out) {
        try {
            out.append("{\"period\":{\"from\":").append(TextFormats.json(period.from().toString()))
                    .append(",\"to\":").append(TextFormats.json(period.to().toString()))
                    .append("},\"asOf\":").append(TextFormats.json(asOf.toString()))
                    .append(",\"complaints\":[");
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeComplaint(out, entries.get(i).complaint());
            }
            out.append("]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeComplaint(Appendable out, Complaint c) throws IOException {
        out.append('{');
        field(out, "reference", c.reference().value(), true);
        field(out, "complaintId", c.id().toString(), false);
        field(out, "customerId", c.customerId().toString(), false);
        field(out, "receivedAt", c.receivedAt().toString(), false);
        field(out, "channel", c.channel().code(), false);
        field(out, "severity", c.severity().name(), false);
        field(out, "priority", c.assessment().map(a -> a.priority().name()).orElse(null), false);
        field(out, "product", c.product().orElse(null), false);
        field(out, "regime", c.regime(), false);
        field(out, "stage", c.stage().name(), false);
        field(out, "acknowledgedAt", c.acknowledgedAt().map(Instant::toString).orElse(null), false);
        field(out, "respondedAt", c.respondedAt().map(Instant::toString).orElse(null), false);
        field(out, "closedAt", c.closedAt().map(Instant::toString).orElse(null), false);
        out.append(",\"reopenCount\":").append(Integer.toString(c.reopenCount()));
        out.append(",\"deadlines\":[");
        for (int i = 0; i < c.deadlines().size(); i++) {
            ComplaintDeadline d = c.deadlines().get(i);
            out.append(i > 0 ? ",{" : "{");
            field(out, "code", d.code(), true);
            field(out, "dueAt", d.dueAt().toString(), false);
            field(out, "extendedTo", d.extendedTo().map(Instant::toString).orElse(null), false);
            field(out, "holdingReason", d.holdingReason().orElse(null), false);
            field(out, "metAt", d.metAt().map(Instant::toString).orElse(null), false);
            out.append(",\"missed\":").append(Boolean.toString(d.isMissed(asOf))).append('}');
        }
        out.append(']');
        if (c.outcome().isPresent()) {
            var o = c.outcome().get();
            out.append(",\"outcome\":{");
            field(out, "decision", o.decision().name(), true);
            field(out, "reasons", o.reasons(), false);
            field(out, "decidedAt", o.decidedAt().toString(), false);
            out.append(",\"customerAccepted\":")
                    .append(o.customerAccepted().map(String::valueOf).orElse("null"));
            out.append(",\"remedies\":[");
            for (int i = 0; i < o.remedies().size(); i++) {
                Remedy r = o.remedies().get(i);
                out.append(i > 0 ? ",{" : "{");
                field(out, "type", r.type().name(), true);
                field(out, "amount", r.amount().map(m -> m.amount().toPlainString()).orElse(null), false);
                field(out, "currency", r.amount().map(m -> m.currency().getCurrencyCode()).orElse(null), false);
                field(out, "note", r.note().orElse(null), false);
                out.append('}');
            }
            out.append("]}");
        } else {
            out.append(",\"outcome\":null");
        }
        out.append(",\"escalations\":[");
        for (int i = 0; i < c.escalations().size(); i++) {
            var e = c.escalations().get(i);
            out.append(i > 0 ? ",{" : "{");
            field(out, "level", e.level().name(), true);
            field(out, "body", e.body(), false);
            field(out, "at", e.at().toString(), false);
            out.append('}');
        }
        out.append("],\"rootCauses\":[");
        int n = 0;
        for (String cause : c.rootCauses()) {
            out.append(n++ > 0 ? "," : "").append(TextFormats.json(cause));
        }
        out.append(']');
        field(out, "caseId", c.caseId().map(Object::toString).orElse(null), false);
        out.append('}');
    }

    private static void field(Appendable out, String name, String value, boolean first) throws IOException {
        if (!first) {
            out.append(',');
        }
        out.append(TextFormats.json(name)).append(':').append(TextFormats.json(value));
    }
}
