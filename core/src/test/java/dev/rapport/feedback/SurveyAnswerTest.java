package dev.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.followup.MessageValues;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.testing.StoreSnapshot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Surveys that come back")
class SurveyAnswerTest {

    @Test
    @DisplayName("a survey follow-up's message carries a token, and a link when a prefix is set")
    void surveyMessageCarriesTheToken() {
        // given
        SurveyFixtures world = new SurveyFixtures(SurveySettings.builder().secret(SurveyFixtures.SECRET)
                .linkPrefix("https://shop.example/survey?t=").build());

        // when
        String token = world.token;

        // then
        assertThat(token).hasSize(76).matches("[A-Za-z0-9_-]+");
        assertThat(world.sent.get(0).values()).containsEntry(MessageValues.SURVEY_LINK,
                "https://shop.example/survey?t=" + token);
    }

    @Test
    @DisplayName("without a secret no token is issued")
    void noSecretNoToken() {
        // given
        SurveyFixtures world = new SurveyFixtures(SurveySettings.none());

        // when
        String token = world.token;

        // then
        assertThat(world.sent).hasSize(1);
        assertThat(token).isNull();
    }

    @Test
    @DisplayName("an answer with several questions is stored as one response each, linked to follow-up, case, agent and channel")
    void answerIsStoredAndLinked() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        world.clock.advance(Duration.ofDays(2));

        // when
        var stored = world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token)
                .csat(5, "Kenji was quick and kind").nps(9).build());

        // then
        assertThat(stored).hasSize(2);
        assertThat(stored).extracting(Feedback::metric).containsExactly(FeedbackMetric.CSAT, FeedbackMetric.NPS);
        for (Feedback f : stored) {
            assertThat(f.followUpId()).contains(world.survey);
            assertThat(f.caseId()).contains(world.supportCase.id());
            assertThat(f.agentId()).contains(world.agent.id());
            assertThat(f.channel()).contains(Channel.EMAIL);
            assertThat(f.customerId()).isEqualTo(world.customer.id());
            assertThat(world.rapport.feedback().get(f.id())).isEqualTo(f);
        }
        assertThat(stored.get(0).comment()).contains("Kenji was quick and kind");
        assertThat(world.storage.feedback().findBySurvey(world.survey)).hasSize(2);
    }

    @Test
    @DisplayName("a second answer with the same token is refused as AlreadyAnswered by default, and nothing is stored")
    void replayIsRefused() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token).csat(4, null).build());
        StoreSnapshot before = world.snapshot();

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token).csat(1, "changed my mind")
                        .build()));

        // then
        assertThat(thrown.violations()).containsExactly(new Violation("token", "AlreadyAnswered",
                "was answered before; one answer per survey"));
        assertThat(world.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("with REPLACE a second answer replaces the first")
    void secondAnswerReplacesWhenConfigured() {
        // given
        SurveyFixtures world = new SurveyFixtures(SurveySettings.builder().secret(SurveyFixtures.SECRET)
                .secondAnswer(SecondAnswer.REPLACE).build());
        var first = world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token).csat(2, null).nps(3)
                .build());

        // when
        var second = world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token).csat(5, "sorted").build());

        // then
        assertThat(world.storage.feedback().findBySurvey(world.survey)).containsExactlyElementsOf(second);
        first.forEach(f -> assertThat(world.rapport.feedback().find(f.id())).isEmpty());
    }

    @Test
    @DisplayName("a forged, altered or malformed token is refused naming the token rule, and nothing is stored")
    void forgedTokensAreRefused() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        SurveyTokens otherSecret = new SurveyTokens(SurveySettings.withSecret(
                "another secret of at least thirty-two bytes, not ours"));
        String forged = otherSecret.issue(world.survey, world.clock.instant());
        byte[] bytes = Base64.getUrlDecoder().decode(world.token);
        bytes[5] ^= 1; // another follow-up id, same signature
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        StoreSnapshot before = world.snapshot();

        // when / then
        assertThat(rule(world, forged)).isEqualTo("Signature");
        assertThat(rule(world, altered)).isEqualTo("Signature");
        assertThat(rule(world, "not-a-token")).isEqualTo("Format");
        assertThat(rule(world, Base64.getUrlEncoder().encodeToString("x".repeat(57)
                .getBytes(StandardCharsets.US_ASCII)))).isEqualTo("Format");
        assertThat(world.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a token is refused as Expired from the end of its lifetime, and nothing is stored")
    void expiredTokensAreRefused() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        world.clock.advance(SurveySettings.DEFAULT_TOKEN_LIFETIME);
        StoreSnapshot before = world.snapshot();

        // when
        String rule = rule(world, world.token);

        // then
        assertThat(rule).isEqualTo("Expired");
        assertThat(world.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a validly signed token of a follow-up this Rapport does not hold is refused as Exists")
    void unknownFollowUpIsRefused() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        String token = new SurveyTokens(SurveySettings.withSecret(SurveyFixtures.SECRET))
                .issue(FollowUpId.random(), world.clock.instant());

        // when
        String rule = rule(world, token);

        // then
        assertThat(rule).isEqualTo("Exists");
    }

    @Test
    @DisplayName("a score off its scale and a metric answered twice are named by field, and nothing is stored")
    void badResponsesAreNamed() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        StoreSnapshot before = world.snapshot();

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token).csat(6, null).csat(3, null)
                        .nps(11).build()));

        // then
        assertThat(thrown.fields()).containsExactly("responses", "responses[0].score", "responses[2].score");
        assertThat(world.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("the response rate is the surveys answered over the surveys sent in the period")
    void responseRateCountsAnsweredOverSent() {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        world.rapport.feedback().answerSurvey(SurveyAnswer.with(world.token).csat(5, null).build());
        world.rapport.followUps().schedule(dev.rapport.followup.ScheduleFollowUp.builder()
                .customerId(world.customer.id()).kind(dev.rapport.spi.followup.FollowUpKind.SURVEY)
                .channel(Channel.EMAIL).dueAt(world.clock.instant()).idempotencyKey("second survey").build());
        world.rapport.followUpDispatcher().dispatchDue();
        Instant day = world.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS);

        // when
        KpiResult rate = world.rapport.kpis().compute(Kpi.SURVEY_RESPONSE_RATE,
                KpiRequest.over(TimeRange.of(day, day.plus(Duration.ofDays(1)))));

        // then
        assertThat(rate.total().numerator()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(rate.total().denominator()).isEqualByComparingTo(BigDecimal.valueOf(2));
    }

    private static String rule(SurveyFixtures world, String token) {
        ValidationException thrown = catchThrowableOfType(ValidationException.class,
                () -> world.rapport.feedback().answerSurvey(SurveyAnswer.with(token).csat(5, null).build()));
        assertThat(thrown).as("refusal of " + token).isNotNull();
        assertThat(thrown.fields()).containsExactly("token");
        return thrown.violations().get(0).rule();
    }
}
