package dev.rapport.imports;

import dev.rapport.kpi.CsvWriter;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.json.JsonWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An {@link ImportReport} as files people can act on: one record per data row (imported, warned, skipped or
 * rejected, with every reason) as CSV, and the whole report (summary, counts by reason, rows, name conflicts) as
 * JSON. Written with core's own CSV and JSON writers. Like the report, the files never quote personal data. Stateless
 * and thread-safe.
 *
 * <pre>{@code
 * Files.writeString(Path.of("import-rows.csv"), ImportReportWriter.rowsCsv(report));
 * Files.writeString(Path.of("import-report.json"), ImportReportWriter.json(report));
 * }</pre>
 */
public final class ImportReportWriter {

    /** The columns of {@link #rowsCsv(ImportReport)}. */
    public static final List<String> CSV_COLUMNS = List.of("line", "ticket_id", "outcome", "case_id", "customer_id",
            "fields", "rules", "messages");

    private ImportReportWriter() {
    }

    /** What happened to one row, as the files say it. */
    public enum Outcome {
        /** Imported as it is. */
        IMPORTED,
        /** Imported, with at least one warning. */
        WARNED,
        /** Left alone: imported before. */
        SKIPPED,
        /** Refused; nothing of it stored. */
        REJECTED;

        /**
         * The outcome's name in the files.
         *
         * @return for example {@code "warned"}
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How many rows a reason concerned.
     *
     * @param outcome {@link Outcome#WARNED} or {@link Outcome#REJECTED}
     * @param field the field, for example {@code createdAt}
     * @param rule the rule, for example {@code TimeFormat}
     * @param rows how many rows carry it (a row counts once per reason)
     */
    public record ReasonCount(Outcome outcome, String field, String rule, long rows) {
    }

    /**
     * Every reason of the report with how many rows carry it, rejections first, then by field and rule.
     *
     * @param report the report
     * @return the counts
     */
    public static List<ReasonCount> reasonCounts(ImportReport report) {
        Map<List<String>, java.util.Set<Long>> rows = new TreeMap<>(Comparator
                .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (ImportReport.Rejected r : report.rejected()) {
            for (Violation v : r.reasons()) {
                rows.computeIfAbsent(List.of("0", v.field(), v.rule()), k -> new java.util.HashSet<>()).add(r.line());
            }
        }
        for (ImportReport.Warning w : report.warnings()) {
            rows.computeIfAbsent(List.of("1", w.field(), w.rule()), k -> new java.util.HashSet<>()).add(w.line());
        }
        return rows.entrySet().stream().map(e -> new ReasonCount(e.getKey().get(0).equals("0") ? Outcome.REJECTED
                : Outcome.WARNED, e.getKey().get(1), e.getKey().get(2), e.getValue().size())).toList();
    }

    /**
     * One CSV record per data row, in file order, with the header {@link #CSV_COLUMNS}; a row's several fields,
     * rules and messages are joined with {@code " | "}, in the same order.
     *
     * @param report the report
     * @return RFC 4180 text, CRLF line ends
     */
    public static String rowsCsv(ImportReport report) {
        CsvWriter csv = new CsvWriter().row(CSV_COLUMNS);
        for (Row row : rows(report)) {
            csv.row(java.util.Arrays.asList(Long.toString(row.line()), row.ticketId().orElse(null),
                    row.outcome().label(), row.caseId(), row.customerId(), join(row.findings(), 0),
                    join(row.findings(), 1), join(row.findings(), 2)));
        }
        return csv.toCsv();
    }

    /**
     * The whole report as one JSON object: {@code summary} (counts, dry run, elapsed milliseconds),
     * {@code reasons} (see {@link #reasonCounts}), {@code rows} (each with its findings) and {@code nameConflicts}.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String json(ImportReport report) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("summary").beginObject()
                .field("rows", report.rows())
                .field("imported", report.imported().size())
                .field("warned", report.counts().warned())
                .field("skipped", report.skipped().size())
                .field("rejected", report.rejected().size())
                .field("customersRegistered", report.customersRegistered())
                .field("elapsedMillis", report.elapsed().toMillis())
                .name("dryRun").value(report.dryRun())
                .endObject();
        json.name("reasons").beginArray();
        for (ReasonCount count : reasonCounts(report)) {
            json.beginObject().field("outcome", count.outcome().label()).field("field", count.field())
                    .field("rule", count.rule()).field("rows", count.rows()).endObject();
        }
        json.endArray();
        json.name("rows").beginArray();
        for (Row row : rows(report)) {
            json.beginObject().field("line", row.line()).field("ticketId", row.ticketId().orElse(null))
                    .field("outcome", row.outcome().label()).field("caseId", row.caseId())
                    .field("customerId", row.customerId());
            json.name("findings").beginArray();
            for (String[] finding : row.findings()) {
                json.beginObject().field("field", finding[0]).field("rule", finding[1]).field("message", finding[2])
                        .endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("nameConflicts").beginArray();
        for (ImportReport.NameConflict conflict : report.nameConflicts()) {
            json.beginObject().field("customerId", conflict.customerId().value().toString())
                    .field("names", conflict.names()).field("kept", conflict.kept().name());
            json.name("lines").beginArray();
            conflict.lines().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
        return json.endObject().toJson();
    }

    /** One data row with its outcome and findings (field, rule, message). */
    private record Row(long line, Optional<String> ticketId, Outcome outcome, String caseId, String customerId,
            List<String[]> findings) {
    }

    private static List<Row> rows(ImportReport report) {
        Map<Long, List<String[]>> warnings = report.warnings().stream().collect(Collectors.groupingBy(
                ImportReport.Warning::line, TreeMap::new, Collectors.mapping(
                        w -> new String[] {w.field(), w.rule(), w.message()}, Collectors.toList())));
        List<Row> rows = new ArrayList<>();
        for (ImportReport.Imported i : report.imported()) {
            List<String[]> found = warnings.getOrDefault(i.line(), List.of());
            rows.add(new Row(i.line(), Optional.of(i.ticketId()), found.isEmpty() ? Outcome.IMPORTED : Outcome.WARNED,
                    i.caseId().value().toString(), i.customerId().value().toString(), found));
        }
        for (ImportReport.Skipped s : report.skipped()) {
            rows.add(new Row(s.line(), Optional.of(s.ticketId()), Outcome.SKIPPED,
                    s.caseId().map(c -> c.value().toString()).orElse(null), null, List.of()));
        }
        for (ImportReport.Rejected r : report.rejected()) {
            rows.add(new Row(r.line(), r.ticketId(), Outcome.REJECTED, null, null, r.reasons().stream()
                    .map(v -> new String[] {v.field(), v.rule(), v.message()}).toList()));
        }
        rows.sort(Comparator.comparingLong(Row::line));
        return rows;
    }

    private static String join(List<String[]> findings, int part) {
        return findings.isEmpty() ? null : findings.stream().map(f -> f[part]).collect(Collectors.joining(" | "));
    }
}
