package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.complaint.ReceiveCompliment;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.testing.TestRapport;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Compliments count")
class ComplimentsCountTest {

    private final TestRapport t = new TestRapport();
    private final TimeRange today = TimeRange.of(TestRapport.START.minus(Duration.ofHours(1)),
            TestRapport.START.plus(Duration.ofHours(1)));

    @Test
    @DisplayName("a compliment received through the complaints door counts once in all and once for each agent and team it credits")
    void complimentsThroughTheComplaintsDoorCount() {
        // given
        Customer ann = t.customer();
        Agent kenji = t.agent(TeamId.of("alpha"));
        Agent lea = t.agent(TeamId.of("beta"));
        t.rapport().complaints().receiveCompliment(ReceiveCompliment.of(ann.id(), Channel.CHAT,
                "Kenji and Léa were wonderful", Set.of(kenji.id(), lea.id())));
        t.rapport().complaints().receiveCompliment(ReceiveCompliment.of(ann.id(), Channel.EMAIL,
                "Lovely shop", Set.of()));
        t.rapport().interactions().record(RecordInteraction.builder().customerId(ann.id()).channel(Channel.PHONE)
                .kind(InteractionKind.COMPLIMENT).agentId(kenji.id()).build());

        // when
        KpiResult total = t.rapport().kpis().compute(Kpi.COMPLIMENTS, KpiRequest.over(today));
        KpiResult byAgent = t.rapport().kpis().compute(Kpi.COMPLIMENTS, KpiRequest.over(today).by(Dimension.AGENT));
        KpiResult byTeam = t.rapport().kpis().compute(Kpi.COMPLIMENTS, KpiRequest.over(today).by(Dimension.TEAM));
        LeagueTable league = t.rapport().kpis().leagueTable(today);

        // then
        assertThat(total.total().numerator()).isEqualByComparingTo(BigDecimal.valueOf(3));
        assertThat(count(byAgent, GroupKey.of(Dimension.AGENT, kenji.id().toString()))).isEqualTo(2);
        assertThat(count(byAgent, GroupKey.of(Dimension.AGENT, lea.id().toString()))).isEqualTo(1);
        assertThat(count(byAgent, GroupKey.of(Dimension.AGENT, null))).isEqualTo(1);
        assertThat(count(byTeam, GroupKey.of(Dimension.TEAM, "alpha"))).isEqualTo(2);
        assertThat(count(byTeam, GroupKey.of(Dimension.TEAM, "beta"))).isEqualTo(1);
        assertThat(league.rows()).filteredOn(r -> r.agent().equals(kenji.id().toString())).singleElement()
                .satisfies(r -> assertThat(r.compliments().numerator()).isEqualByComparingTo(BigDecimal.valueOf(2)));
        assertThat(league.rows()).filteredOn(r -> r.agent().equals(lea.id().toString())).singleElement()
                .satisfies(r -> assertThat(r.compliments().numerator()).isEqualByComparingTo(BigDecimal.ONE));
    }

    private static long count(KpiResult result, GroupKey key) {
        return result.groups().stream().filter(f -> f.group().equals(key)).findFirst()
                .map(f -> f.numerator().longValueExact()).orElse(0L);
    }
}
