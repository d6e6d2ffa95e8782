package dev.rapport.feedback;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command to record a customer's answer to a survey follow-up, given with the token the survey message carried.
 * One answer may answer several questions (a CSAT score with a comment, an NPS score, a CES score), one response per
 * metric; each becomes a {@code Feedback} linked to the follow-up, its case, the case's agent and the channel.
 * Checked as a whole before anything is stored; a rejected command names every bad field.
 *
 * @param token the survey token, as the customer sent it back
 * @param responses the answered questions: one to three, no metric twice
 * @param channel where the answer came in; empty for the survey follow-up's own channel
 */
public record SurveyAnswer(
        @NotBlank @Size(max = SurveyTokens.MAX_TOKEN_LENGTH) String token,
        @NotEmpty @Size(max = 3) List<@NotNull @Valid Response> responses,
        @NotNull Optional<Channel> channel) {

    /**
     * Copies the responses (keeping nulls for the validator) and turns a null channel into an empty one.
     *
     * @param token the survey token, as the customer sent it back
     * @param responses the answered questions: one to three, no metric twice
     * @param channel where the answer came in; empty for the survey follow-up's own channel
     */
    public SurveyAnswer {
        responses = responses == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(responses));
        channel = Copies.optional(channel);
    }

    /**
     * One answered question.
     *
     * @param metric which question
     * @param scale the scale it was given on; NPS only on {@link Scale#NPS_0_TO_10}
     * @param score the score, on the scale
     * @param comment what the customer wrote with it, if anything
     */
    public record Response(
            @NotNull FeedbackMetric metric,
            @NotNull @Valid Scale scale,
            int score,
            @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> comment) {

        /**
         * Turns a null comment into an empty one.
         *
         * @param metric which question the score answers: CSAT, NPS or CES
         * @param scale the scale it was given on; NPS only on {@link Scale#NPS_0_TO_10}
         * @param score the score, on the scale
         * @param comment what the customer wrote with it, if anything
         */
        public Response {
            comment = Copies.optional(comment);
        }
    }

    /**
     * A builder for an answer given with the token.
     *
     * @param token the survey token
     * @return the builder
     */
    public static Builder with(String token) {
        return new Builder(token);
    }

    /** Builds {@link SurveyAnswer} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private final String token;
        private final List<Response> responses = new ArrayList<>();
        private Channel channel;

        private Builder(String token) {
            this.token = token;
        }

        /**
         * Adds a CSAT score on {@link Scale#CSAT_1_TO_5}.
         *
         * @param score 1 to 5
         * @param comment what the customer wrote, or null
         * @return this builder
         */
        public Builder csat(int score, String comment) {
            return response(FeedbackMetric.CSAT, Scale.CSAT_1_TO_5, score, comment);
        }

        /**
         * Adds an NPS score on {@link Scale#NPS_0_TO_10}.
         *
         * @param score 0 to 10
         * @return this builder
         */
        public Builder nps(int score) {
            return response(FeedbackMetric.NPS, Scale.NPS_0_TO_10, score, null);
        }

        /**
         * Adds a CES score on {@link Scale#CES_1_TO_7}.
         *
         * @param score 1 to 7
         * @return this builder
         */
        public Builder ces(int score) {
            return response(FeedbackMetric.CES, Scale.CES_1_TO_7, score, null);
        }

        /**
         * Adds any answered question; default none.
         *
         * @param metric which question
         * @param scale its scale
         * @param score the score
         * @param comment what the customer wrote, or null
         * @return this builder
         */
        public Builder response(FeedbackMetric metric, Scale scale, int score, String comment) {
            responses.add(new Response(metric, scale, score, Optional.ofNullable(comment)));
            return this;
        }

        /**
         * Sets where the answer came in; default the survey follow-up's own channel.
         *
         * @param value the channel
         * @return this builder
         */
        public Builder channel(Channel value) {
            channel = value;
            return this;
        }

        /**
         * The command.
         *
         * @return the command
         */
        public SurveyAnswer build() {
            return new SurveyAnswer(token, responses, Optional.ofNullable(channel));
        }
    }
}
