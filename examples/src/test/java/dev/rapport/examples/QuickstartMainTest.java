package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("QuickstartMain")
class QuickstartMainTest {

    @Test
    @DisplayName("walks through customers, channels, a case and feedback, printing each step")
    void runsTheWalkThrough() {
        // given
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // when
        try {
            QuickstartMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        // then
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).containsSubsequence(
                "Registered Ann Lee with 2 addresses",
                "    event: customer.registered",
                "Registered Bob Stone with 1 address",
                "Agent Maya Patel joins team support",
                "Email from ANN.Lee@Example.com resolved to Ann Lee",
                "    event: case.opened",
                "Opened case 'Parcel not delivered' [NEW]",
                "    event: interaction.recorded",
                "Recorded inbound email",
                "    event: case.assigned",
                "Assigned to Maya Patel (team support)",
                "Agent replied on chat; first reply recorded: true",
                "Case status: PENDING_CUSTOMER",
                "WhatsApp from 0044 7700 900 123 resolved to Ann Lee",
                "    event: interaction.recorded",
                "    event: case.status_changed",
                "Case status: OPEN (the customer answered)",
                "Retried webhook returned the first interaction: true",
                "Case status: RESOLVED",
                "    event: feedback.received",
                "CSAT 5/5, NPS 9/10",
                "The case holds 4 interactions on [email, chat, whatsapp, phone]",
                "Done: 2 customers, 14 events published");
    }
}
