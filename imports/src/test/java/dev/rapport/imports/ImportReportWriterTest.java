package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ImportReportWriter")
class ImportReportWriterTest {

    private static final String FILE = """
            id,name,email,created,csat
            1,Ann,ann@example.com,2024-03-04T09:00:00Z,5
            2,Bob,bob@example.com,2024-03-04T09:00:00Z,9
            3,Cy,not-an-address,2024-03-04T09:00:00Z,
            4,Di,di@example.com,2024-03-04T09:00:00Z,12
            """;

    private final TestRapport t = new TestRapport();

    private ImportReport importFile(String file) throws IOException {
        return TicketImporter.builder(t.rapport()).mapping(ColumnMapping.builder().ticketId("id").customerName("name")
                .customerEmail("email").subject("id").createdAt("created", TimeFormat.ISO).csat("csat")
                .defaultChannel(Channel.EMAIL).build()).build().importFrom(new StringReader(file));
    }

    private static List<List<String>> records(String csv) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            for (Optional<CsvRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                records.add(r.get().fields());
            }
        }
        return records;
    }

    @Test
    @DisplayName("write one CSV record per row with its outcome and reasons, and count the rows of each reason")
    void rowsAndCounts() throws IOException {
        // given one clean row, two with a rating off the scale (dropped with a warning), one with a bad address
        ImportReport report = importFile(FILE);

        // when
        List<List<String>> csv = records(ImportReportWriter.rowsCsv(report));
        List<ImportReportWriter.ReasonCount> counts = ImportReportWriter.reasonCounts(report);

        // then
        assertThat(csv.get(0)).isEqualTo(ImportReportWriter.CSV_COLUMNS);
        assertThat(csv.subList(1, csv.size())).extracting(r -> r.get(0) + " " + r.get(2) + " " + r.get(5) + " "
                + r.get(6)).containsExactly("2 imported  ", "3 warned csat Range", "4 rejected customerEmail "
                + "ValidContactIdentity", "5 warned csat Range");
        assertThat(counts).containsExactly(
                new ImportReportWriter.ReasonCount(ImportReportWriter.Outcome.REJECTED, "customerEmail",
                        "ValidContactIdentity", 1),
                new ImportReportWriter.ReasonCount(ImportReportWriter.Outcome.WARNED, "csat", "Range", 2));
    }

    @Test
    @DisplayName("write the whole report as JSON, with skipped rows on a second run, and no personal data")
    void json() throws IOException {
        // given the file imported twice
        importFile(FILE);
        ImportReport again = importFile(FILE);

        // when
        String json = ImportReportWriter.json(again);

        // then
        assertThat(json).startsWith("{\"summary\":{\"rows\":4,\"imported\":0,\"warned\":0,\"skipped\":3,"
                + "\"rejected\":1,\"customersRegistered\":0,");
        assertThat(json).contains("\"dryRun\":false", "{\"outcome\":\"rejected\",\"field\":\"customerEmail\","
                + "\"rule\":\"ValidContactIdentity\",\"rows\":1}", "\"line\":2,\"ticketId\":\"1\",\"outcome\":"
                + "\"skipped\"", "\"nameConflicts\":[]");
        assertThat(json).doesNotContain("Ann", "ann@example.com", "not-an-address");
    }
}
