package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.json.JsonWriter;
import dev.rapport.spi.kpi.Granularity;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Exports")
class ExportTest {

    private static final String NASTY = "quote \" backslash \\ slash / newline \n return \r tab \t bell \u0007 "
            + "nul \u0000 line-separator \u2028 emoji \uD83D\uDE00 comma , accent é";

    @Nested
    @DisplayName("the JSON writer")
    class Json {

        @Test
        @DisplayName("escapes every character a string needs escaped, so the text parses back unchanged")
        void escapesStrings() {
            // when
            String json = new JsonWriter().beginObject().field(NASTY, NASTY).endObject().toJson();

            // then
            assertThat(JsonParser.object(json)).containsExactly(Map.entry(NASTY, NASTY));
            assertThat(json).doesNotContain("\n", "\r", "\t", "\u0000", "\u0007", "\u2028")
                    .contains("\\u0000", "\\u0007", "\\u2028", "\\\"", "\\\\");
        }

        @Test
        @DisplayName("writes numbers in plain notation, and refuses malformed documents")
        void numbersAndStructure() {
            // when
            String json = new JsonWriter().beginArray().value(new BigDecimal("1E+3")).value(new BigDecimal("-0.5"))
                    .value(42).nullValue().value(true).endArray().toJson();

            // then
            assertThat(json).isEqualTo("[1000,-0.5,42,null,true]");
            assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name")).isInstanceOf(
                    IllegalStateException.class);
            assertThatThrownBy(() -> new JsonWriter().beginObject().toJson()).isInstanceOf(
                    IllegalStateException.class);
            assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(
                    IllegalStateException.class);
        }
    }

    @Nested
    @DisplayName("the CSV writer")
    class Csv {

        @Test
        @DisplayName("quotes fields with commas, quotes, line breaks or edge spaces, doubling quotes, CRLF between rows")
        void quoting() {
            // when
            String csv = new CsvWriter().row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""))
                    .row(java.util.Arrays.asList("x", null)).toCsv();

            // then
            assertThat(csv).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\nx,\r\n");
            assertThat(CsvText.parse(csv)).containsExactly(
                    List.of("plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""), List.of("x", ""));
        }
    }

    @Test
    @DisplayName("a report exports to JSON holding every figure's numerator, denominator, exclusions and statistics")
    void reportJson() {
        // given
        KpiFixtures data = new KpiFixtures();
        CustomerId customer = data.customer();
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, hours(1));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 3, days(1));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 9, days(1));
        KpiRequest request = KpiRequest.over(daysRange(0, 2)).byPeriod(Granularity.DAY, ZoneOffset.UTC);

        // when
        KpiReport report = data.engine().report(request, List.of(Kpi.CSAT, Kpi.NPS));
        Map<String, Object> json = JsonParser.object(report.toJson());

        // then
        assertThat(json.get("generated_at")).isEqualTo(data.clock.instant().toString());
        List<?> results = (List<?>) json.get("results");
        assertThat(results).hasSize(2);
        Map<?, ?> csat = (Map<?, ?>) results.get(0);
        assertThat(csat.get("kpi")).isEqualTo("csat");
        assertThat(((Map<?, ?>) csat.get("parameters")).get("threshold")).isEqualTo("4 on 1_to_5_higher_is_better");
        Map<?, ?> total = (Map<?, ?>) csat.get("total");
        assertThat(total.get("numerator")).isEqualTo(BigDecimal.ONE);
        assertThat(total.get("denominator")).isEqualTo(new BigDecimal(2));
        assertThat(total.get("value")).isEqualTo(new BigDecimal("0.5"));
        Map<?, ?> excluded = (Map<?, ?>) total.get("excluded");
        assertThat(excluded.get("total")).isEqualTo(BigDecimal.ONE);
        assertThat(((Map<?, ?>) excluded.get("reasons")).get("SCORE_OFF_SCALE")).isEqualTo(BigDecimal.ONE);
        List<?> groups = (List<?>) csat.get("groups");
        assertThat(groups).hasSize(2);
        Map<?, ?> secondDay = (Map<?, ?>) ((Map<?, ?>) groups.get(1)).get("group");
        assertThat(secondDay.get("value")).isEqualTo("2024-03-05");
        assertThat(secondDay.get("from")).isEqualTo(days(1).toString());
        Map<?, ?> nps = (Map<?, ?>) results.get(1);
        assertThat(((Map<?, ?>) nps.get("total")).get("value")).isNull();
    }

    @Test
    @DisplayName("a report exports to CSV with one row per figure and a column per exclusion reason and statistic")
    void reportCsv() {
        // given
        KpiFixtures data = new KpiFixtures();
        CustomerId customer = data.customer();
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, hours(1));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 9, hours(1));
        data.newCase(customer, hours(0)).save();

        // when
        String csv = data.engine().report(KpiRequest.over(daysRange(0, 1)),
                List.of(Kpi.CSAT, Kpi.FIRST_REPLY_TIME)).toCsv();

        // then
        List<List<String>> rows = CsvText.parse(csv);
        List<String> header = rows.get(0);
        assertThat(header).startsWith("kpi", "unit", "dimension", "group", "from", "to", "value", "numerator",
                "denominator", "excluded", "excluded_data_quality");
        assertThat(header).contains("excluded.SCORE_OFF_SCALE", "excluded.NOT_YET_REPLIED", "rated", "satisfied");
        assertThat(rows).hasSize(3);
        List<String> csatRow = rows.get(1);
        assertThat(csatRow.get(0)).isEqualTo("csat");
        assertThat(csatRow.get(3)).isEqualTo("all");
        assertThat(csatRow.get(6)).isEqualTo("1");
        assertThat(csatRow.get(header.indexOf("excluded.SCORE_OFF_SCALE"))).isEqualTo("1");
        List<String> replyRow = rows.get(2);
        assertThat(replyRow.get(6)).isEmpty();
        assertThat(replyRow.get(header.indexOf("excluded.NOT_YET_REPLIED"))).isEqualTo("1");
        assertThat(replyRow.get(header.indexOf("rated"))).isEmpty();
    }
}
