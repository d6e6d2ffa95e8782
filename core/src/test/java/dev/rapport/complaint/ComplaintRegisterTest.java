package dev.rapport.complaint;

import dev.rapport.kpi.CsvText;
import static dev.rapport.complaint.ComplaintFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.customer.Customer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The complaint register for a period, exported as CSV and JSON with correct escaping. */
@DisplayName("The complaint register")
class ComplaintRegisterTest {

    private static final Instant T0 = utc("2026-03-02T10:00:00");
    private static final String TRICKY = "Line one, with \"quotes\"\r\nline two\t\\ back\\slash ü 📦";

    private final ComplaintFixtures fx = new ComplaintFixtures(T0);

    private Complaint decided(Customer customer) {
        Complaint complaint = fx.service.receive(fx.complaintBy(customer).product("kettle-K2").build());
        fx.service.escalate(new EscalateComplaint(complaint.id(), EscalationLevel.HIGHER_TIER, "Review, Panel \"A\"",
                Optional.empty(), "agent:kim"));
        return fx.service.respond(new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD, TRICKY,
                List.of(RemedyOffer.of(RemedyType.REFUND, "19.90", "EUR"), RemedyOffer.of(RemedyType.APOLOGY)),
                "agent:kim"));
    }

    @Test
    @DisplayName("holds the complaints received in the period, not compliments, and writes CSV that parses back to the same values")
    void csvRoundTrips() {
        // given
        Customer customer = fx.customer();
        Complaint before = fx.service.receive(fx.complaintBy(customer).receivedAt(T0.minusSeconds(1)).build());
        Complaint decided = decided(customer);
        fx.service.receiveCompliment(ReceiveCompliment.of(customer.id(), Channel.CHAT, "Nice", Set.of()));
        fx.advance(Duration.ofHours(1));
        Complaint open = fx.receive(customer);

        // when
        ComplaintRegister register = fx.service.register(TimeRange.of(T0, T0.plus(Duration.ofDays(1))));
        List<List<String>> rows = CsvText.parse(register.toCsv());

        // then
        assertThat(register.entries()).extracting(e -> e.complaint().id()).containsExactly(decided.id(), open.id())
                .doesNotContain(before.id());
        assertThat(rows.get(0)).containsExactlyElementsOf(RegisterEntry.COLUMNS);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactlyElementsOf(register.entries().get(0).values().stream()
                .map(v -> v == null ? "" : v).toList());
        int column = RegisterEntry.COLUMNS.indexOf("escalations");
        assertThat(rows.get(1).get(column)).startsWith("HIGHER_TIER Review, Panel \"A\" ");
        assertThat(rows.get(1).get(RegisterEntry.COLUMNS.indexOf("remedies"))).isEqualTo("REFUND 19.9 EUR; APOLOGY");
        assertThat(rows.get(1).get(RegisterEntry.COLUMNS.indexOf("deadlines_missed"))).isEqualTo("0");
        assertThat(rows.get(2).get(RegisterEntry.COLUMNS.indexOf("decision"))).isEmpty();
        assertThat(register.toCsv()).doesNotContain(customer.name()).doesNotContain("The parcel arrived crushed.");
    }

    @Test
    @DisplayName("writes JSON with quotes, backslashes, line breaks and control characters escaped, Unicode kept, absent values null")
    void jsonEscapes() {
        // given
        Customer customer = fx.customer();
        Complaint decided = decided(customer);
        fx.advance(Duration.ofMinutes(1));
        fx.receive(customer);

        // when
        String json = fx.service.register(TimeRange.ALL).toJson();

        // then
        assertThat(json).startsWith("{\"period\":{\"from\":\"" + Instant.MIN + "\",\"to\":\"" + Instant.MAX + "\"}");
        assertThat(json).contains("\"reasons\":\"Line one, with \\\"quotes\\\"\\r\\nline two\\t\\\\ back\\\\slash "
                + "ü 📦\"");
        assertThat(json).contains("\"body\":\"Review, Panel \\\"A\\\"\"");
        assertThat(json).contains("\"reference\":\"" + decided.reference() + "\"");
        assertThat(json).contains("{\"type\":\"REFUND\",\"amount\":\"19.9\",\"currency\":\"EUR\",\"note\":null}");
        assertThat(json).contains("\"outcome\":null");
        assertThat(json).doesNotContain("\r").doesNotContain("\n").doesNotContain("\t");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }

    @Test
    @DisplayName("escapes CSV fields only where needed")
    void csvEscapingRules() {
        assertThat(TextFormats.csv("plain")).isEqualTo("plain");
        assertThat(TextFormats.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(TextFormats.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TextFormats.csv("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(TextFormats.csv(" padded")).isEqualTo("\" padded\"");
        assertThat(TextFormats.csv("")).isEmpty();
        assertThat(TextFormats.csv(null)).isEmpty();
        assertThat(TextFormats.json("\u2028")).isEqualTo("\"\\u2028\"");
        assertThat(TextFormats.json(null)).isEqualTo("null");
        assertThat(TextFormats.json("a\u0001b\u001fc\u007f")).isEqualTo("\"a\\u0001b\\u001fc\\u007f\"");
        assertThat(TextFormats.json("\"\\/\b\f")).isEqualTo("\"\\\"\\\\/\\b\\f\"");
    }
}
