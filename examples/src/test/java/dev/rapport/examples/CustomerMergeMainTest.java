package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CustomerMergeMain")
class CustomerMergeMainTest {

    @Test
    @DisplayName("shows normalised identities, merges two customers who are one person, and lists those at risk")
    void runsTheWalkThrough() {
        // given
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // when
        try {
            CustomerMergeMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        // then
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).containsSubsequence(
                "WhatsApp +49 171 2345678 resolves to Jos\u00e9 \u00d6zt\u00fcrk",
                "Customers: 2",
                "The same email in NFC is refused: held by the web-shop customer true",
                "Merged: Jos\u00e9 \u00d6zt\u00fcrk now has 2 addresses and 2 cases",
                "Email jos\u00e9@example.com resolves to Jos\u00e9 \u00d6zt\u00fcrk",
                "The old id answers: merged into the WhatsApp customer true",
                "Merge records: 1, customers: 1",
                "Health evaluated for 3 customers; at risk: 2",
                "At risk: Mia Wagner, score 30, lifetime value 2400 EUR",
                "  -25.00 recent_csat (weight 25): 3 of 3 ratings below 4 on 1-5",
                "At risk: Jos\u00e9 \u00d6zt\u00fcrk, score 30, lifetime value 120 EUR",
                "Ben Okafor is HEALTHY");
    }
}
