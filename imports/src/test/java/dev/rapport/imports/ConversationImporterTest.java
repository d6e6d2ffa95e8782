package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConversationImporter")
class ConversationImporterTest {

    /** Two tickets, without any first-reply column: the replies come from the threads. */
    private static final String TICKETS = """
            id,email,subject,status,created,solved
            A,ann@example.com,Parcel,solved,2024-03-04T09:00:00Z,2024-03-04T12:00:00Z
            B,bob@example.com,Refund,solved,2024-03-04T09:00:00Z,2024-03-04T09:20:00Z
            """;

    /**
     * A: the opening message, a reply after 30 minutes, the customer again at 10:00, an internal note, the answer
     * an hour later; B: the opening message and one reply after 10 minutes.
     */
    private static final String THREADS = """
            ticket,author,at,public,body
            A,Ann Lee,2024-03-04T09:00:00Z,true,Where is my parcel?
            A,Maya Patel,2024-03-04T09:30:00Z,true,Let me check.
            A,Ann Lee,2024-03-04T10:00:00Z,true,Any news?
            A,Maya Patel,2024-03-04T10:05:00Z,false,Asked the carrier
            A,Maya Patel,2024-03-04T11:00:00Z,true,It arrives tomorrow.
            B,Bob Stone,2024-03-04T09:00:00Z,true,Refund please
            B,Maya Patel,2024-03-04T09:10:00Z,true,Done.
            C,Cy Park,2024-03-04T09:00:00Z,true,Unknown ticket
            """;

    private final TestRapport t = new TestRapport();

    @BeforeEach
    void setUp() throws IOException {
        Instant now = TestRapport.START_MICROS;
        t.storage().agents().insert(Agent.builder().id(AgentId.random()).name("Maya Patel")
                .presence(Presence.AVAILABLE).createdAt(now).updatedAt(now).build());
        TicketImporter.builder(t.rapport()).mapping(ColumnMapping.builder().ticketId("id").customerEmail("email")
                .subject("subject").status("status").statusValue("solved", CaseStatus.RESOLVED)
                .createdAt("created", TimeFormat.ISO).resolvedAt("solved", TimeFormat.ISO)
                .defaultChannel(Channel.EMAIL).build()).build().importFrom(new StringReader(TICKETS));
    }

    private ImportReport importThreads() throws IOException {
        return ConversationImporter.of(t.rapport(), MessageMapping.builder().ticketId("ticket").author("author")
                .time("at", TimeFormat.ISO).publicFlag("public", "true").body("body").build())
                .importFrom(new StringReader(THREADS));
    }

    private KpiFigure march(Kpi kpi) {
        return new KpiEngine(t.storage(), t.clock()).compute(kpi, KpiRequest.over(
                Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"))).total();
    }

    @Test
    @DisplayName("record each message as an interaction, so reply times and first-contact resolution come from the"
            + " history")
    void kpisFromThreads() throws IOException {
        // when
        ImportReport report = importThreads();

        // then the opening messages are recognised, the unknown ticket is rejected, the rest recorded
        assertThat(report.imported()).extracting(ImportReport.Imported::line).containsExactly(3L, 4L, 5L, 6L, 8L);
        assertThat(report.skipped()).extracting(ImportReport.Skipped::line).containsExactly(2L, 7L);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(9L);
            assertThat(r.fields()).containsExactly("ticketId");
        });
        assertThat(t.snapshot().interactions()).filteredOn(i -> i.visibility() == Visibility.INTERNAL)
                .singleElement().satisfies(i -> assertThat(i.direction()).isEqualTo(Direction.OUTBOUND));
        // first reply: A after 30 minutes, B after 10; next reply: A's second question answered after an hour;
        // first-contact resolution: B only (A needed two replies)
        assertThat(march(Kpi.FIRST_REPLY_TIME).value()).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo(new BigDecimal("1200")));
        assertThat(march(Kpi.NEXT_REPLY_TIME).value()).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo(new BigDecimal("3600")));
        KpiFigure fcr = march(Kpi.FIRST_CONTACT_RESOLUTION);
        assertThat(fcr.numerator()).isEqualByComparingTo("1");
        assertThat(fcr.denominator()).isEqualByComparingTo("2");
    }

    @Test
    @DisplayName("skip on a second run what the first imported")
    void idempotent() throws IOException {
        // given
        importThreads();
        StoreSnapshot before = t.snapshot();

        // when
        ImportReport again = importThreads();

        // then
        assertThat(again.imported()).isEmpty();
        assertThat(again.skipped()).hasSize(7);
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(t.snapshot().interactions()).extracting(Interaction::externalId)
                .filteredOn(e -> e.isPresent() && e.get().contains(ConversationImporter.MESSAGE_INFIX)).hasSize(5);
    }
}
