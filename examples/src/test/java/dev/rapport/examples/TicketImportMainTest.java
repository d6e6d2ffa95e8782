package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TicketImportMain")
class TicketImportMainTest {

    @Test
    @DisplayName("imports the sample export with progress, reports each rejected row, and changes nothing the second time")
    void importsTheSample() throws Exception {
        // given
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // when
        try {
            TicketImportMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        // then
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).containsSubsequence(
                "Importing the bundled sample export",
                "  import: 4/12 rows (33%)",
                "  import: 8/12 rows (66%), 2 rejected",
                "  import: 12/12 rows (100%), 3 rejected",
                "12 rows: 9 imported, 0 skipped as already imported, 3 rejected",
                "Customers registered: 6",
                "Rejected rows (nothing of them was stored):",
                "  line 9 (ticket 1007): customerEmail: is not a valid email address (ValidContactIdentity)",
                "  line 10 (ticket 1008): createdAt: '2024-02-30 11:00' is not a time in the format "
                        + "yyyy-MM-dd HH:mm (TimeFormat)",
                "  line 13 (ticket 1011): channel: 'Carrier pigeon' is not a known channel; known are email, phone, "
                        + "chat, sms, whatsapp, facebook, x, web_form, self_service, chatbot, ivr, in_person, mail, "
                        + "twitter, voice; declare others with channelValue(...) (KnownChannel)",
                "Ticket 1001 from line 2: 'Parcel not delivered' by Ann Lee, RESOLVED on email, category delivery",
                "  created 2024-03-04T08:15:00Z, first reply after 35 min, resolved after 7 h 25 min",
                "  CSAT 5/5 received 2024-03-04T15:40:00Z",
                "  2 interactions, the first recorded as zendesk:1001",
                "Importing the same file again",
                "  import: 4/12 rows (33%), 4 skipped",
                "  import: 12/12 rows (100%), 3 rejected, 9 skipped",
                "12 rows: 0 imported, 9 skipped as already imported, 3 rejected",
                "Done: 6 customers, 9 cases, 16 interactions, 4 CSAT answers");
        assertThat(output).doesNotContain("frank.ode");
    }
}
