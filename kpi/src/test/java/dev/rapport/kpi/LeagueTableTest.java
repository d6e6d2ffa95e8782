package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static dev.rapport.kpi.KpiFixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.interaction.InteractionKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Agent league table")
class LeagueTableTest {

    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();

    private void ratings(AgentId agent, int... scores) {
        for (int score : scores) {
            data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, score, hours(2), b -> b.agentId(agent));
        }
    }

    private void solvedCase(AgentId agent, int replies, long replyMinutes) {
        Case c = data.newCase(customer, hours(0)).assignee(agent).resolve(hours(5)).save();
        for (int i = 0; i < replies; i++) {
            data.reply(c, agent, minutes(replyMinutes + i));
        }
    }

    @Test
    @DisplayName("ranks agents with enough ratings by CSAT, then first-contact resolution, compliments and speed")
    void ranking() {
        // given
        AgentId star = data.agent("a");
        AgentId tiedButSlower = data.agent("a");
        AgentId tiedAndFaster = data.agent("a");
        AgentId fewRatings = data.agent("a");
        ratings(star, 5, 5, 5, 5, 5);
        ratings(tiedButSlower, 5, 5, 5, 4, 1);
        ratings(tiedAndFaster, 5, 5, 5, 4, 1);
        ratings(fewRatings, 5, 5);
        solvedCase(star, 1, 10);
        solvedCase(tiedButSlower, 1, 50);
        solvedCase(tiedAndFaster, 1, 20);
        data.save(data.interaction(customer, hours(3)).kind(InteractionKind.COMPLIMENT).agentId(fewRatings));

        // when
        LeagueTable table = data.engine().leagueTable(daysRange(0, 1));

        // then
        assertThat(table.rows()).extracting(LeagueTable.Row::agent).containsExactly(star.toString(),
                tiedAndFaster.toString(), tiedButSlower.toString(), fewRatings.toString());
        assertThat(table.rows()).extracting(LeagueTable.Row::rank).containsExactly(Optional.of(1), Optional.of(2),
                Optional.of(3), Optional.empty());
        LeagueTable.Row first = table.rows().get(0);
        Expected.figure(first.csat(), 5, 5);
        Expected.figure(first.firstReplyTime(), 600, 1);
        Expected.figure(first.firstContactResolution(), 1, 1);
        Expected.figure(table.rows().get(3).compliments(), 1, 1);
        Expected.figure(table.rows().get(3).firstReplyTime(), 0, 0);
    }

    @Test
    @DisplayName("exports to JSON and CSV")
    void exports() {
        // given
        AgentId agent = data.agent(null);
        ratings(agent, 5, 4, 4, 4, 2);
        solvedCase(agent, 2, 15);

        // when
        LeagueTable table = data.engine().leagueTable(daysRange(0, 1));
        Map<String, Object> json = JsonParser.object(table.toJson());
        List<List<String>> csv = CsvText.parse(table.toCsv());

        // then
        Map<?, ?> row = (Map<?, ?>) ((List<?>) json.get("rows")).get(0);
        assertThat(row.get("agent")).isEqualTo(agent.toString());
        assertThat(row.get("rank")).isEqualTo(java.math.BigDecimal.ONE);
        assertThat(((Map<?, ?>) row.get("csat")).get("value")).isEqualTo(new java.math.BigDecimal("0.8"));
        assertThat(csv.get(0)).contains("rank", "agent", "csat", "first_contact_resolution");
        assertThat(csv.get(1).get(csv.get(0).indexOf("csat"))).isEqualTo("0.8");
        assertThat(csv.get(1).get(csv.get(0).indexOf("first_contact_resolution"))).isEqualTo("0");
        assertThat(csv.get(1).get(csv.get(0).indexOf("csat_ratings"))).isEqualTo("5");
    }
}
