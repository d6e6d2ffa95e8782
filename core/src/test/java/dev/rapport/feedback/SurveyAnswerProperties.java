package dev.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.testing.StoreSnapshot;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Survey answers under hostile tokens and answers: every token that is not the survey's own, unaltered and in time is
 * refused on field {@code token} with a rule naming why, a hostile answer with the real token is stored exactly or
 * refused by field, and a refusal stores nothing and publishes nothing.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Survey answers under hostile tokens and answers")
class SurveyAnswerProperties {

    /** How a token is spoiled before it is sent back. */
    enum Spoil { NONE, RANDOM_TEXT, FLIPPED_BIT, TRUNCATED, EXTENDED, OTHER_SECRET, EXPIRED, REPLAYED }

    private static final Set<String> TOKEN_RULES = Set.of("NotBlank", "Format", "Signature", "Expired",
            "AlreadyAnswered", "Size");

    @Property(tries = 60)
    @Label("a spoiled token is refused on field token and stores nothing; the real one stores exactly")
    void hostileTokens(@ForAll Spoil spoil, @ForAll("randomText") String text, @ForAll("bit") int bit) {
        // given a survey sent with its token
        SurveyFixtures world = SurveyFixtures.withSecret();
        String token = switch (spoil) {
            case NONE, EXPIRED, REPLAYED -> world.token;
            case RANDOM_TEXT -> text;
            case FLIPPED_BIT -> flip(world.token, bit);
            case TRUNCATED -> world.token.substring(0, Math.floorMod(bit, world.token.length()));
            case EXTENDED -> world.token + "A" + text;
            case OTHER_SECRET -> new SurveyTokens(SurveySettings.withSecret(
                    "some other secret that is long enough: " + text)).issue(world.survey, world.clock.instant());
        };
        if (spoil == Spoil.EXPIRED) {
            world.clock.advance(SurveySettings.DEFAULT_TOKEN_LIFETIME.plus(Duration.ofSeconds(Math.abs(bit))));
        }
        if (spoil == Spoil.REPLAYED) {
            world.rapport.feedback().answerSurvey(SurveyAnswer.with(token).nps(10).build());
        }
        StoreSnapshot before = world.snapshot();

        // when
        Object outcome;
        try {
            outcome = world.rapport.feedback().answerSurvey(SurveyAnswer.with(token).csat(4, "fine").build());
        } catch (ValidationException e) {
            outcome = e;
        }

        // then
        if (spoil == Spoil.NONE) {
            assertThat(outcome).isInstanceOf(List.class);
            assertThat(world.storage.feedback().findBySurvey(world.survey)).hasSize(1);
        } else {
            assertThat(outcome).as("answer with a " + spoil + " token").isInstanceOf(ValidationException.class);
            ValidationException refused = (ValidationException) outcome;
            assertThat(refused.fields()).containsExactly("token");
            assertThat(TOKEN_RULES).contains(refused.violations().get(0).rule());
            assertThat(world.snapshot()).isEqualTo(before);
        }
    }

    @Property(tries = 60)
    @Label("a hostile answer with the real token is stored exactly or refused by field, storing nothing")
    void hostileAnswers(@ForAll("responses") List<SurveyAnswer.Response> responses) {
        // given
        SurveyFixtures world = SurveyFixtures.withSecret();
        StoreSnapshot before = world.snapshot();

        // when
        Object outcome;
        try {
            outcome = world.rapport.feedback().answerSurvey(new SurveyAnswer(world.token, responses,
                    java.util.Optional.empty()));
        } catch (ValidationException e) {
            outcome = e;
        }

        // then
        if (outcome instanceof ValidationException refused) {
            assertThat(refused.fields()).allMatch(f -> f.startsWith("responses"));
            assertThat(world.snapshot()).isEqualTo(before);
        } else {
            @SuppressWarnings("unchecked")
            List<Feedback> stored = (List<Feedback>) outcome;
            assertThat(stored).hasSize(responses.size());
            for (int n = 0; n < stored.size(); n++) {
                assertThat(stored.get(n).metric()).isEqualTo(responses.get(n).metric());
                assertThat(stored.get(n).score()).isEqualTo(responses.get(n).score());
                assertThat(stored.get(n).comment()).isEqualTo(responses.get(n).comment());
                assertThat(world.rapport.feedback().get(stored.get(n).id())).isEqualTo(stored.get(n));
            }
        }
    }

    @Provide
    Arbitrary<String> randomText() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                        .ofMinLength(70).ofMaxLength(80),
                Arbitraries.of("", " ", "\u0000", "=", "AQ", "%00", "../../etc/passwd", "' OR 1=1 --"));
    }

    @Provide
    Arbitrary<Integer> bit() {
        return Arbitraries.integers().between(0, 76 * 6 - 1);
    }

    @Provide
    Arbitrary<List<SurveyAnswer.Response>> responses() {
        Arbitrary<Scale> scales = Arbitraries.of(Scale.CSAT_1_TO_5, Scale.NPS_0_TO_10, Scale.CES_1_TO_7,
                Scale.CES_EFFORT_1_TO_5, new Scale(5, 1, ScaleDirection.HIGHER_IS_BETTER),
                new Scale(3, 3, ScaleDirection.LOWER_IS_BETTER), new Scale(-10, 10, ScaleDirection.HIGHER_IS_BETTER));
        Arbitrary<java.util.Optional<String>> comments = Arbitraries.oneOf(
                Arbitraries.just(java.util.Optional.<String>empty()),
                Arbitraries.strings().ofMaxLength(60).map(java.util.Optional::of),
                Arbitraries.of("ok\u0000", "line\nbreak", "\uD83D").map(java.util.Optional::of));
        Arbitrary<SurveyAnswer.Response> response = Combinators.combine(Arbitraries.of(FeedbackMetric.class), scales,
                Arbitraries.integers().between(-12, 12), comments).as(SurveyAnswer.Response::new);
        return response.list().ofMinSize(0).ofMaxSize(4);
    }

    private static String flip(String token, int bit) {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        int at = Math.floorMod(bit, bytes.length * 8);
        bytes[at / 8] ^= (byte) (1 << (at % 8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
