package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The forgiving defaults real exports need: the creation-time chain (a time, else the first response, else a date at
 * the start of its day, else unknown), bad optional values dropped with a warning, control characters cleaned, and
 * the KPIs leaving out what cannot be measured, under a named reason.
 */
@DisplayName("TicketImporter on real exports")
class TicketImportPoliciesTest {

    /** The layout of a public helpdesk export: summary times, a date-only purchase date, open tickets without times. */
    private static final String HEADER = "Ticket ID,Customer Name,Customer Email,Channel,Status,Created,"
            + "First Response,Resolved,Purchase Date,Rating,Description\n";

    private TestRapport t;

    @BeforeEach
    void setUp() {
        t = new TestRapport();
    }

    private static ColumnMapping.Builder mapping() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm:ss");
        return ColumnMapping.builder()
                .ticketId("Ticket ID").customerName("Customer Name").customerEmail("Customer Email")
                .channel("Channel").status("Status").statusValue("Closed", CaseStatus.CLOSED)
                .createdAt("Created", time).firstReplyAt("First Response", time).resolvedAt("Resolved", time)
                .createdDate("Purchase Date", TimeFormat.date("yyyy-MM-dd"))
                .csat("Rating").messageText("Description").subject("Channel")
                .timeZone(ZoneId.of("Europe/Berlin"));
    }

    private ImportReport importRows(ColumnMapping.Builder mapping, String rows) throws IOException {
        return TicketImporter.builder(t.rapport()).mapping(mapping.build()).build()
                .importFrom(new StringReader(HEADER + rows));
    }

    private List<Case> cases() {
        return t.snapshot().cases().stream().sorted(Comparator.comparing(Case::createdAt)).toList();
    }

    private KpiFigure march(Kpi kpi) {
        return new KpiEngine(t.storage(), t.clock()).compute(kpi, KpiRequest.over(
                Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"))).total();
    }

    @Test
    @DisplayName("take the creation time from the first response, else from the date at the start of its day, else"
            + " mark it unknown, and leave such tickets out of first reply time under a named reason")
    void creationTimeChain() throws IOException {
        // given a ticket with a creation time, one with only a first response, one with only a purchase date, and
        // an open one with no time at all
        String rows = """
                1,Ann,ann@example.com,email,Closed,2024-03-04 09:00:00,2024-03-04 10:00:00,2024-03-04 12:00:00,,5,hi
                2,Bob,bob@example.com,email,Open,,2024-03-05 10:00:00,,2024-03-01,,hi
                3,Cy,cy@example.com,chat,Open,,,,2024-03-06,,hi
                4,Di,di@example.com,chat,Open,,,,,,hi
                """;

        // when
        ImportReport report = importRows(mapping(), rows);

        // then every ticket imports, each marked as well as its time is known
        assertThat(report.imported()).hasSize(4);
        assertThat(report.rejected()).isEmpty();
        Case recorded = t.storage().cases().get(report.imported().get(0).caseId());
        Case fromReply = t.storage().cases().get(report.imported().get(1).caseId());
        Case fromDate = t.storage().cases().get(report.imported().get(2).caseId());
        Case unknown = t.storage().cases().get(report.imported().get(3).caseId());
        assertThat(recorded.createdAtQuality()).isEqualTo(CreationTimeQuality.RECORDED);
        assertThat(fromReply.createdAtQuality()).isEqualTo(CreationTimeQuality.ESTIMATED);
        assertThat(fromReply.createdAt()).isEqualTo(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(fromDate.createdAtQuality()).isEqualTo(CreationTimeQuality.ESTIMATED);
        assertThat(fromDate.createdAt()).isEqualTo(Instant.parse("2024-03-05T23:00:00Z")); // midnight in Berlin
        assertThat(unknown.createdAtQuality()).isEqualTo(CreationTimeQuality.UNKNOWN);
        assertThat(unknown.createdAt()).isEqualTo(TestRapport.START_MICROS);
        assertThat(report.warnings()).extracting(ImportReport.Warning::ticketId, ImportReport.Warning::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", "Estimated"),
                        org.assertj.core.groups.Tuple.tuple("3", "Estimated"),
                        org.assertj.core.groups.Tuple.tuple("4", "Unknown"));
        assertThat(report.warnings().get(0).message()).contains("firstReplyAt");
        // and first reply time measures only the ticket whose creation is known
        KpiFigure firstReply = march(Kpi.FIRST_REPLY_TIME);
        assertThat(firstReply.denominator()).isEqualByComparingTo("1");
        assertThat(firstReply.excluded().count(ExclusionReason.CREATION_TIME_ESTIMATED)).isEqualTo(2);
    }

    @Test
    @DisplayName("by default drop a bad optional value with a warning, keeping the ticket's rating and channel")
    void dropAndWarn() throws IOException {
        // given a closed ticket whose resolution lies before its creation, and one with an unknown rating
        String rows = """
                1,Ann,ann@example.com,chat,Closed,2024-03-04 09:00:00,2024-03-04 09:30:00,2024-03-04 08:00:00,,5,hi
                2,Bob,bob@example.com,email,Open,2024-03-04 10:00:00,,,,great,hi
                """;

        // when
        ImportReport report = importRows(mapping(), rows);

        // then both import, each with a warning naming the field and the rule
        assertThat(report.imported()).hasSize(2);
        assertThat(report.warnings()).extracting(ImportReport.Warning::field, ImportReport.Warning::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("resolvedAt", "NotBeforeCreated"),
                        org.assertj.core.groups.Tuple.tuple("resolvedAt", "Unknown"),
                        org.assertj.core.groups.Tuple.tuple("csat", "CsatValue"));
        Case closed = t.storage().cases().get(report.imported().get(0).caseId());
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.originChannel()).isEqualTo(Channel.CHAT);
        assertThat(closed.resolvedAt()).isEmpty();
        List<Feedback> ratings = t.snapshot().feedback();
        assertThat(ratings).singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(5));
        // and the resolution time leaves the ticket out under a named reason
        assertThat(march(Kpi.FULL_RESOLUTION_TIME).excluded().count(ExclusionReason.MISSING_RESOLUTION_TIME))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("reject the row instead when the field's policy says so")
    void rejectPerField() throws IOException {
        // given a mapping that rejects bad ratings only
        ColumnMapping.Builder mapping = mapping().onBadValue(Field.CSAT, BadValuePolicy.REJECT);
        String rows = """
                1,Bob,bob@example.com,email,Open,2024-03-04 10:00:00,,,,great,hi
                2,Ann,ann@example.com,email,Open,2024-03-04 10:00:00,not a time,,,4,hi
                """;

        // when
        ImportReport report = importRows(mapping, rows);

        // then the bad rating rejects its row, the bad first response only warns
        assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.fields()).containsExactly("csat"));
        assertThat(report.imported()).extracting(ImportReport.Imported::ticketId).containsExactly("2");
        assertThat(report.warnings()).extracting(ImportReport.Warning::field).containsExactly("firstReplyAt");
    }

    @Test
    @DisplayName("clean control characters in the description with a warning instead of rejecting the ticket")
    void controlCharacters() throws IOException {
        // given a description with a NUL and an escape character
        String rows = "1,Ann,ann@example.com,email,Open,2024-03-04 10:00:00,,,,,a\u0000b\u001Bc\n";

        // when
        ImportReport report = importRows(mapping(), rows);

        // then
        assertThat(report.imported()).hasSize(1);
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("messageText");
            assertThat(w.rule()).isEqualTo("ControlCharacters");
            assertThat(w.describe()).doesNotContain("a\u0000b");
        });
        assertThat(t.snapshot().interactions()).singleElement()
                .satisfies(i -> assertThat(i.summary()).contains("a\uFFFDb\uFFFDc"));
    }
}
