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
                "Storing in jdbc:h2:mem:quickstart (in-process H2)",
                "Registered Ann Lee with 2 addresses",
                "Registered Bob Stone with 1 address",
                "Agent Maya Patel joins team support",
                "Email from ANN.Lee@Example.com resolved to Ann Lee",
                "Opened case 'Parcel not delivered' [NEW]",
                "Recorded inbound email",
                "Assigned to Maya Patel (team support)",
                "Agent replied on chat; first reply recorded: true",
                "Case status: PENDING_CUSTOMER",
                "WhatsApp from 0044 7700 900 123 resolved to Ann Lee",
                "Case status: OPEN (the customer answered)",
                "Retried webhook returned the first interaction: true",
                "Case status: RESOLVED",
                "CSAT 5/5, NPS 9/10",
                "The case holds 4 interactions on [email, chat, whatsapp, phone]",
                "Done: 2 customers",
                "Events published: 14 {case.assigned=1, case.opened=1, case.status_changed=4, customer.registered=2, "
                        + "feedback.received=2, interaction.recorded=4}");
    }
}
