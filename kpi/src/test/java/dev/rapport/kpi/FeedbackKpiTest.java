package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.days;
import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSAT, NPS and CES")
class FeedbackKpiTest {

    private static final Scale ONE_TO_TEN = new Scale(1, 10, ScaleDirection.HIGHER_IS_BETTER);
    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();

    @Test
    @DisplayName("CSAT is the share of ratings at or above 4 of 5, other scales mapped to 1 to 5")
    void csatShareAcrossScales() {
        // given ratings on three scales, one of them lower-is-better
        List<Scale> scales = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            scales.add(Scale.CSAT_1_TO_5);
            scores.add(score);
        }
        scales.add(ONE_TO_TEN);
        scores.add(8);
        scales.add(ONE_TO_TEN);
        scores.add(7);
        scales.add(Scale.CES_EFFORT_1_TO_5);
        scores.add(2);
        for (int i = 0; i < scores.size(); i++) {
            data.rating(customer, FeedbackMetric.CSAT, scales.get(i), scores.get(i), hours(i));
        }
        data.rating(customer, FeedbackMetric.NPS, Scale.NPS_0_TO_10, 10, hours(1));

        // when
        KpiFigure csat = data.engine().compute(Kpi.CSAT, KpiRequest.over(daysRange(0, 1))).total();

        // then: satisfied means at least (4 - 1) / (5 - 1) of the way to the good end of its own scale
        long satisfied = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (scales.get(i).normalized(scores.get(i)) >= 0.75) {
                satisfied++;
            }
        }
        Expected.figure(csat, satisfied, scores.size());
        assertThat(satisfied).isEqualTo(4); // 4 and 5 of 5, 8 of 10, 2 on a lower-is-better 1 to 5; not a 3
    }

    @Test
    @DisplayName("a 3 of 5 is not satisfied, and the threshold can be raised")
    void thresholdIsSettable() {
        // given
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 3, hours(1));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 4, hours(2));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, hours(3));
        KpiRequest request = KpiRequest.over(daysRange(0, 1));

        // when
        KpiFigure byDefault = data.engine().compute(Kpi.CSAT, request).total();
        KpiFigure strict = data.engine(KpiSettings.builder().csatThreshold(5).build()).compute(Kpi.CSAT, request)
                .total();

        // then
        Expected.figure(byDefault, 2, 3);
        Expected.figure(strict, 1, 3);
    }

    @Test
    @DisplayName("mean CSAT is stated on the reference scale, with the raw mean per stored scale")
    void csatMean() {
        // given
        int[] fiveScale = {5, 4, 2};
        int[] tenScale = {10, 1};
        for (int s : fiveScale) {
            data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, s, hours(1));
        }
        for (int s : tenScale) {
            data.rating(customer, FeedbackMetric.CSAT, ONE_TO_TEN, s, hours(2));
        }

        // when
        KpiFigure mean = data.engine().compute(Kpi.CSAT_MEAN, KpiRequest.over(daysRange(0, 1))).total();

        // then
        double sum = 0;
        for (int s : fiveScale) {
            sum += 1 + 4 * Scale.CSAT_1_TO_5.normalized(s);
        }
        for (int s : tenScale) {
            sum += 1 + 4 * ONE_TO_TEN.normalized(s);
        }
        Expected.figure(mean, sum, 5);
        Expected.statistic(mean, "raw_mean_on_1_to_5_higher_is_better", (5 + 4 + 2) / 3.0);
        Expected.statistic(mean, "raw_mean_on_1_to_10_higher_is_better", (10 + 1) / 2.0);
        Expected.statistic(mean, "responses_on_1_to_10_higher_is_better", 2);
    }

    @Test
    @DisplayName("NPS is per cent promoters minus per cent detractors")
    void nps() {
        // given
        int[] scores = {10, 10, 9, 8, 7, 6, 3, 0};
        for (int s : scores) {
            data.rating(customer, FeedbackMetric.NPS, Scale.NPS_0_TO_10, s, hours(1));
        }

        // when
        KpiFigure nps = data.engine().compute(Kpi.NPS, KpiRequest.over(daysRange(0, 1))).total();

        // then
        long promoters = java.util.Arrays.stream(scores).filter(s -> s >= 9).count();
        long detractors = java.util.Arrays.stream(scores).filter(s -> s <= 6).count();
        Expected.figure(nps, promoters - detractors, scores.length);
        assertThat(nps.value().orElseThrow().doubleValue())
                .isEqualTo(100.0 * promoters / scores.length - 100.0 * detractors / scores.length);
        Expected.statistic(nps, "passives", scores.length - promoters - detractors);
    }

    @Test
    @DisplayName("CES combines scales of either direction by normalising, and keeps each scale's raw mean")
    void ces() {
        // given: "it was easy" on 1 to 7 and "how much effort" on 1 to 5
        int[] agreement = {7, 6, 2};
        int[] effort = {1, 4};
        for (int s : agreement) {
            data.rating(customer, FeedbackMetric.CES, Scale.CES_1_TO_7, s, hours(1));
        }
        for (int s : effort) {
            data.rating(customer, FeedbackMetric.CES, Scale.CES_EFFORT_1_TO_5, s, hours(1));
        }

        // when
        KpiFigure ces = data.engine().compute(Kpi.CES, KpiRequest.over(daysRange(0, 1))).total();

        // then
        double normalised = 0;
        for (int s : agreement) {
            normalised += Scale.CES_1_TO_7.normalized(s);
        }
        for (int s : effort) {
            normalised += Scale.CES_EFFORT_1_TO_5.normalized(s);
        }
        Expected.figure(ces, normalised, 5);
        Expected.statistic(ces, "raw_mean_on_1_to_7_higher_is_better", 15 / 3.0);
        Expected.statistic(ces, "raw_mean_on_1_to_5_lower_is_better", 5 / 2.0);
    }

    @Test
    @DisplayName("scores off their scale are left out and counted as such")
    void offScale() {
        // given
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, hours(1));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 9, hours(1));
        data.rating(customer, FeedbackMetric.CSAT, new Scale(5, 5, ScaleDirection.HIGHER_IS_BETTER), 5, hours(1));
        data.rating(customer, FeedbackMetric.NPS, ONE_TO_TEN, 10, hours(1));
        data.rating(customer, FeedbackMetric.NPS, Scale.NPS_0_TO_10, 10, hours(1));
        KpiRequest request = KpiRequest.over(daysRange(0, 1));

        // when
        KpiFigure csat = data.engine().compute(Kpi.CSAT, request).total();
        KpiFigure nps = data.engine().compute(Kpi.NPS, request).total();

        // then
        Expected.figure(csat, 1, 1);
        assertThat(csat.excluded().count(ExclusionReason.SCORE_OFF_SCALE)).isEqualTo(2);
        assertThat(csat.excluded().dataQualityTotal()).isEqualTo(2);
        Expected.figure(nps, 1, 1);
        assertThat(nps.excluded().count(ExclusionReason.SCORE_OFF_SCALE)).isEqualTo(1);
    }

    @Test
    @DisplayName("only ratings received in the period count")
    void period() {
        // given
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, days(0));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 1, days(1));

        // when
        KpiFigure firstDay = data.engine().compute(Kpi.CSAT, KpiRequest.over(daysRange(0, 1))).total();

        // then
        Expected.figure(firstDay, 1, 1);
    }

    @Test
    @DisplayName("a rating is credited to its own agent and channel, else to its case's")
    void attribution() {
        // given
        AgentId alice = data.agent("billing");
        AgentId bob = data.agent("billing");
        Case aliceCase = data.newCase(customer, hours(0)).assignee(alice).channel(Channel.CHAT).category("refund")
                .save();
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 5, hours(1), b -> b.caseId(aliceCase.id()));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 2, hours(1),
                b -> b.caseId(aliceCase.id()).agentId(bob).channel(Channel.PHONE));
        data.rating(customer, FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, 4, hours(1));
        KpiRequest request = KpiRequest.over(daysRange(0, 1));

        // when
        KpiResult byAgent = data.engine().compute(Kpi.CSAT, request.by(Dimension.AGENT));
        KpiResult byChannel = data.engine().compute(Kpi.CSAT, request.by(Dimension.CHANNEL));
        KpiResult byCategory = data.engine().compute(Kpi.CSAT, request.by(Dimension.CATEGORY));
        KpiResult byTeam = data.engine().compute(Kpi.CSAT, request.by(Dimension.TEAM));

        // then
        Expected.figure(byAgent.group(alice.toString()).orElseThrow(), 1, 1);
        Expected.figure(byAgent.group(bob.toString()).orElseThrow(), 0, 1);
        Expected.figure(byAgent.group(GroupKey.NONE_LABEL).orElseThrow(), 1, 1);
        Expected.figure(byChannel.group("chat").orElseThrow(), 1, 1);
        Expected.figure(byChannel.group("phone").orElseThrow(), 0, 1);
        Expected.figure(byCategory.group("refund").orElseThrow(), 1, 2);
        Expected.figure(byTeam.group("billing").orElseThrow(), 1, 2);
        Expected.figure(byTeam.group(GroupKey.NONE_LABEL).orElseThrow(), 1, 1);
    }
}
