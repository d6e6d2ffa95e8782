package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One address under several names, and dry runs. */
@DisplayName("TicketImporter conflicts and dry runs")
class TicketImportConflictsTest {

    private static final String ANN_THEN_ANNIE_TWICE = """
            id,name,email,created
            1,Ann Lee,ann@example.com,2024-03-04T09:00:00Z
            2,Annie L,ANN@example.com,2024-03-05T09:00:00Z
            3,annie l,ann@example.com,2024-03-06T09:00:00Z
            4,Bob,bob@example.com,2024-03-06T10:00:00Z
            """;

    private TestRapport t;

    @BeforeEach
    void setUp() {
        t = new TestRapport();
    }

    private TicketImporter.Builder importer() {
        return TicketImporter.builder(t.rapport()).mapping(ColumnMapping.builder().ticketId("id")
                .customerName("name").customerEmail("email").subject("id").createdAt("created", TimeFormat.ISO)
                .defaultChannel(Channel.EMAIL).build());
    }

    @ParameterizedTest(name = "{0} keeps {1}")
    @CsvSource({"FIRST, Ann Lee, 3 4", "LAST, Annie L, 3", "MOST_FREQUENT, annie l, 3 4"})
    @DisplayName("keep the name the host chose, warn on each row that differs from the name held, and list the"
            + " customer in the report")
    void sameAddressUnderTwoNames(NameConflicts rule, String kept, String lines) throws IOException {
        // given one address under "Ann Lee" once and "Annie L" twice (once in lower case)

        // when
        ImportReport report = importer().nameConflicts(rule).build()
                .importFrom(new StringReader(ANN_THEN_ANNIE_TWICE));

        // then
        ImportReport.Imported first = report.imported().get(0);
        assertThat(t.storage().customers().get(first.customerId()).name()).isEqualTo(kept);
        java.util.List<Long> conflicting = java.util.Arrays.stream(lines.split(" ")).map(Long::valueOf).toList();
        assertThat(report.warnings()).extracting(ImportReport.Warning::line).containsExactlyElementsOf(conflicting);
        assertThat(report.warnings()).extracting(ImportReport.Warning::rule).containsOnly("NameConflict");
        assertThat(report.warnings()).allSatisfy(w -> assertThat(w.describe()).doesNotContain("Ann"));
        assertThat(report.nameConflicts()).singleElement().satisfies(c -> {
            assertThat(c.customerId()).isEqualTo(first.customerId());
            assertThat(c.names()).isEqualTo(2);
            assertThat(c.lines()).containsExactlyElementsOf(conflicting);
            assertThat(c.kept()).isEqualTo(rule);
        });
    }

    @Test
    @DisplayName("under most frequent, keep the name held on a tie")
    void mostFrequentTie() throws IOException {
        // given "Ann Lee" once and "Annie L" once
        String csv = """
                id,name,email,created
                1,Ann Lee,ann@example.com,2024-03-04T09:00:00Z
                2,Annie L,ann@example.com,2024-03-05T09:00:00Z
                """;

        // when
        ImportReport report = importer().nameConflicts(NameConflicts.MOST_FREQUENT).build()
                .importFrom(new StringReader(csv));

        // then
        assertThat(t.storage().customers().get(report.imported().get(0).customerId()).name()).isEqualTo("Ann Lee");
    }

    @Test
    @DisplayName("a dry run reports what an import would do and stores nothing")
    void dryRun() throws IOException {
        // given
        StoreSnapshot before = t.snapshot();

        // when
        ImportReport dry = importer().dryRun(true).build().importFrom(new StringReader(ANN_THEN_ANNIE_TWICE));

        // then nothing changed, and the real import does what the dry run said
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.imported()).hasSize(4);
        assertThat(dry.customersRegistered()).isEqualTo(2);
        ImportReport real = importer().build().importFrom(new StringReader(ANN_THEN_ANNIE_TWICE));
        assertThat(real.dryRun()).isFalse();
        assertThat(real.imported()).extracting(ImportReport.Imported::line)
                .containsExactlyElementsOf(dry.imported().stream().map(ImportReport.Imported::line).toList());
        assertThat(real.customersRegistered()).isEqualTo(dry.customersRegistered());
        assertThat(real.warnings()).extracting(ImportReport.Warning::line)
                .containsExactlyElementsOf(dry.warnings().stream().map(ImportReport.Warning::line).toList());
        assertThat(t.snapshot().cases()).hasSize(4);
    }
}
