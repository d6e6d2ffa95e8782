package dev.rapport.kpi;

import static dev.rapport.kpi.KpiFixtures.daysRange;
import static dev.rapport.kpi.KpiFixtures.hours;
import static dev.rapport.kpi.KpiFixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("First and next reply times")
class ReplyTimeTest {

    private final KpiFixtures data = new KpiFixtures();
    private final CustomerId customer = data.customer();
    private final AgentId agent = data.agent(null);
    private final KpiRequest firstWeek = KpiRequest.over(daysRange(0, 7));

    @Test
    @DisplayName("the first reply is the first public reply by a human: bots, auto-replies and notes do not count")
    void firstReplyIgnoresMachinesAndNotes() {
        // given
        Case c = data.newCase(customer, minutes(0)).save();
        data.message(c, minutes(0));
        data.machineReply(c, Handler.BOT, minutes(1));
        data.machineReply(c, Handler.AUTOMATIC, minutes(2));
        data.note(c, agent, minutes(3));
        data.reply(c, agent, minutes(45));

        // when
        KpiFigure figure = data.engine().compute(Kpi.FIRST_REPLY_TIME, firstWeek).total();

        // then
        Expected.figure(figure, Duration.ofMinutes(45).toSeconds(), 1);
    }

    @Test
    @DisplayName("mean, median and 90th percentile are reported, in calendar time by default")
    void statistics() {
        // given
        List<Long> replyMinutes = List.of(5L, 10L, 20L, 40L, 300L);
        for (long m : replyMinutes) {
            Case c = data.newCase(customer, hours(1)).save();
            data.reply(c, agent, hours(1).plus(Duration.ofMinutes(m)));
        }

        // when
        KpiResult result = data.engine().compute(Kpi.FIRST_REPLY_TIME, firstWeek);

        // then
        List<Double> seconds = replyMinutes.stream().map(m -> m * 60.0).toList();
        Expected.figure(result.total(), Expected.sum(seconds), seconds.size());
        Expected.statistic(result.total(), "median_seconds", Expected.percentile(seconds, 0.5));
        Expected.statistic(result.total(), "p90_seconds", Expected.percentile(seconds, 0.9));
        Expected.statistic(result.total(), "max_seconds", 300 * 60);
        assertThat(result.parameters()).containsEntry("time_basis", "calendar");
    }

    @Test
    @DisplayName("a case without a reply interaction falls back to its stamped first reply time")
    void fallsBackToStampedFirstReply() {
        // given
        data.newCase(customer, hours(0)).raw(b -> b.firstReplyAt(hours(2))).save();

        // when
        KpiFigure figure = data.engine().compute(Kpi.FIRST_REPLY_TIME, firstWeek).total();

        // then
        Expected.figure(figure, Duration.ofHours(2).toSeconds(), 1);
    }

    @Test
    @DisplayName("a case not replied to yet, and one answered before it was created, are counted as left out")
    void exclusions() {
        // given
        Case waiting = data.newCase(customer, hours(1)).save();
        data.message(waiting, hours(1));
        Case backdated = data.newCase(customer, hours(5)).save();
        data.reply(backdated, agent, hours(4));
        Case fine = data.newCase(customer, hours(1)).save();
        data.reply(fine, agent, hours(3));

        // when
        KpiFigure figure = data.engine().compute(Kpi.FIRST_REPLY_TIME, firstWeek).total();

        // then
        Expected.figure(figure, Duration.ofHours(2).toSeconds(), 1);
        assertThat(figure.excluded().count(ExclusionReason.NOT_YET_REPLIED)).isEqualTo(1);
        assertThat(figure.excluded().count(ExclusionReason.REPLIED_BEFORE_CREATED)).isEqualTo(1);
        assertThat(figure.excluded().dataQualityTotal()).isEqualTo(1);
    }

    @Test
    @DisplayName("next replies run from the oldest unanswered customer message; after a reopen, from the message that reopened it")
    void nextReplies() {
        // given
        Instant created = minutes(0);
        Case c = data.newCase(customer, created).move(CaseStatus.OPEN, minutes(1)).resolve(minutes(100))
                .reopen(minutes(200)).resolve(minutes(300)).save();
        data.message(c, minutes(0));
        data.reply(c, agent, minutes(10));   // first reply: not a next reply
        data.message(c, minutes(20));        // oldest unanswered
        data.message(c, minutes(25));
        data.reply(c, agent, minutes(40));   // next reply: 40 - 20
        data.message(c, minutes(90));        // "thanks", answered by the resolution at 100
        data.message(c, minutes(199));       // reopens the case
        data.machineReply(c, Handler.AUTOMATIC, minutes(200));
        data.reply(c, agent, minutes(230));  // next reply: 230 - 199

        // when
        KpiFigure figure = data.engine().compute(Kpi.NEXT_REPLY_TIME, firstWeek).total();

        // then
        List<Double> waits = Expected.seconds(KpiFixtures.between(minutes(20), minutes(40)),
                KpiFixtures.between(minutes(199), minutes(230)));
        Expected.figure(figure, Expected.sum(waits), 2);
        assertThat(figure.excluded().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a customer message still waiting is left out as awaiting a reply")
    void awaitingReply() {
        // given
        Case c = data.newCase(customer, minutes(0)).save();
        data.message(c, minutes(0));
        data.reply(c, agent, minutes(5));
        data.message(c, minutes(50));

        // when
        KpiFigure figure = data.engine().compute(Kpi.NEXT_REPLY_TIME, firstWeek).total();

        // then
        Expected.figure(figure, 0, 0);
        assertThat(figure.excluded().count(ExclusionReason.AWAITING_REPLY)).isEqualTo(1);
        assertThat(figure.excluded().dataQualityTotal()).isZero();
    }

    @Test
    @DisplayName("next replies of a case answered before it was created are left out as inconsistent")
    void nextReplyBackdated() {
        // given
        Case c = data.newCase(customer, minutes(60)).save();
        data.reply(c, agent, minutes(30));
        data.message(c, minutes(70));
        data.reply(c, agent, minutes(80));

        // when
        KpiFigure figure = data.engine().compute(Kpi.NEXT_REPLY_TIME, firstWeek).total();

        // then
        Expected.figure(figure, 0, 0);
        assertThat(figure.excluded().count(ExclusionReason.REPLIED_BEFORE_CREATED)).isEqualTo(1);
    }

    @Test
    @DisplayName("business time plugs in through ElapsedTime and the result names its basis")
    void businessTimeSeam() {
        // given a calendar that counts only whole hours starting at or after 09:00 and before 17:00 UTC
        ElapsedTime officeHours = new ElapsedTime() {
            @Override
            public Duration between(Instant start, Instant end) {
                Duration total = Duration.ZERO;
                for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofHours(1))) {
                    int hour = t.atZone(java.time.ZoneOffset.UTC).getHour();
                    if (hour >= 9 && hour < 17) {
                        total = total.plus(Duration.ofHours(1));
                    }
                }
                return total;
            }

            @Override
            public String basis() {
                return "office hours";
            }
        };
        Case c = data.newCase(customer, hours(16)).save();
        data.reply(c, agent, hours(24 + 11)); // 16:00 today to 11:00 tomorrow: 1 + 2 office hours

        // when
        KpiResult result = data.engine(KpiSettings.builder().elapsedTime(officeHours).build())
                .compute(Kpi.FIRST_REPLY_TIME, firstWeek);

        // then
        Expected.figure(result.total(), Duration.ofHours(3).toSeconds(), 1);
        assertThat(result.parameters()).containsEntry("time_basis", "office hours");
    }

    @Test
    @DisplayName("reply times are credited to the agent who replied")
    void creditedToReplier() {
        // given
        AgentId other = data.agent(null);
        Case c = data.newCase(customer, minutes(0)).assignee(other).save();
        data.reply(c, agent, minutes(30));

        // when
        KpiResult result = data.engine().compute(Kpi.FIRST_REPLY_TIME, firstWeek.by(Dimension.AGENT));

        // then
        assertThat(result.groups()).hasSize(1);
        Expected.figure(result.group(agent.toString()).orElseThrow(), 1800, 1);
    }
}
