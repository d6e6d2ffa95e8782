package dev.rapport.feedback;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * The command to record one answer to a CSAT, NPS or CES question, with the scale it was given on. Checked as a
 * whole before anything is stored; a rejected command names every bad field.
 *
 * @param customerId who answered; must be registered
 * @param metric which question it answers
 * @param scale the scale it was given on, with its direction; NPS only on {@link Scale#NPS_0_TO_10}
 * @param score the score, on the scale
 * @param comment what the customer wrote, if anything
 * @param receivedAt when the answer arrived; empty for now. Kept to the microsecond
 * @param caseId the case it rates, if any; must exist and belong to the customer
 * @param interactionId the interaction it rates, if any; must exist and belong to the customer
 * @param orderRef the order it rates, if any
 * @param agentId the agent it rates, if any; must exist
 * @param channel where the answer came in, if known
 */
@ScoreOnScale
public record RecordFeedback(
        @NotNull CustomerId customerId,
        @NotNull FeedbackMetric metric,
        @NotNull @Valid Scale scale,
        int score,
        @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> comment,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> receivedAt,
        @NotNull Optional<CaseId> caseId,
        @NotNull Optional<InteractionId> interactionId,
        @NotNull Optional<@Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.KEY) String> orderRef,
        @NotNull Optional<AgentId> agentId,
        @NotNull Optional<Channel> channel) {

    /**
     * Text with at least one character above U+0020, as {@code @NotBlank} requires. Used instead of
     * {@code Optional<@NotBlank String>}, which Hibernate Validator applies to an empty optional as to null and so
     * rejects.
     */
    static final String NOT_BLANK = "(?s).*[^\\x00-\\x20].*";

    /**
     * Turns null optionals into empty ones.
     *
     * @param customerId who answered; must be registered
     * @param metric which question it answers
     * @param scale the scale it was given on, with its direction; NPS only on {@link Scale#NPS_0_TO_10}
     * @param score the score, on the scale
     * @param comment what the customer wrote, if anything
     * @param receivedAt when the answer arrived; empty for now. Kept to the microsecond
     * @param caseId the case it rates, if any; must exist and belong to the customer
     * @param interactionId the interaction it rates, if any; must exist and belong to the customer
     * @param orderRef the order it rates, if any
     * @param agentId the agent it rates, if any; must exist
     * @param channel where the answer came in, if known
     */
    public RecordFeedback {
        comment = Copies.optional(comment);
        receivedAt = Copies.optional(receivedAt);
        caseId = Copies.optional(caseId);
        interactionId = Copies.optional(interactionId);
        orderRef = Copies.optional(orderRef);
        agentId = Copies.optional(agentId);
        channel = Copies.optional(channel);
    }

    /**
     * The preset scale of a metric: {@link Scale#CSAT_1_TO_5} for CSAT, {@link Scale#NPS_0_TO_10} for NPS and
     * {@link Scale#CES_1_TO_7} (higher is easier) for CES.
     *
     * @param metric the metric asked
     * @return the scale a score of that metric is on unless the command names another
     */
    public static Scale defaultScale(FeedbackMetric metric) {
        return switch (metric) {
            case CSAT -> Scale.CSAT_1_TO_5;
            case NPS -> Scale.NPS_0_TO_10;
            case CES -> Scale.CES_1_TO_7;
        };
    }

    /**
     * A builder for a CSAT score on {@link Scale#CSAT_1_TO_5}.
     *
     * @param customerId who answered; must be registered
     * @param score the CSAT score, 1 to 5, higher is better
     * @return a builder for the response, to add its references
     */
    public static Builder csat(CustomerId customerId, int score) {
        return builder().customerId(customerId).metric(FeedbackMetric.CSAT).score(score);
    }

    /**
     * A builder for an NPS score on {@link Scale#NPS_0_TO_10}.
     *
     * @param customerId who answered; must be registered
     * @param score the likelihood to recommend, 0 to 10
     * @return a builder for the response, to add its references
     */
    public static Builder nps(CustomerId customerId, int score) {
        return builder().customerId(customerId).metric(FeedbackMetric.NPS).score(score);
    }

    /**
     * A builder for a CES score on {@link Scale#CES_1_TO_7}; set another scale for other surveys.
     *
     * @param customerId who answered; must be registered
     * @param score the effort score, 1 to 7, higher is easier
     * @return a builder for the response, to add its references or another scale
     */
    public static Builder ces(CustomerId customerId, int score) {
        return builder().customerId(customerId).metric(FeedbackMetric.CES).score(score);
    }

    /**
     * A builder with no values set; the scale defaults to the metric's {@link #defaultScale preset}.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RecordFeedback} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private CustomerId customerId;
        private FeedbackMetric metric;
        private Scale scale;
        private int score;
        private String comment;
        private Instant receivedAt;
        private CaseId caseId;
        private InteractionId interactionId;
        private String orderRef;
        private AgentId agentId;
        private Channel channel;

        private Builder() {
        }

        /**
         * Sets who answered; required, no default.
         *
         * @param value who answered; must be registered
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the metric; required, no default.
         *
         * @param value which question it answers
         * @return this builder
         */
        public Builder metric(FeedbackMetric value) { metric = value; return this; }
        /**
         * Sets the scale; default the metric's {@link RecordFeedback#defaultScale preset}.
         *
         * @param value the scale it was given on, with its direction; NPS only on {@link Scale#NPS_0_TO_10}
         * @return this builder
         */
        public Builder scale(Scale value) { scale = value; return this; }
        /**
         * Sets the score; default 0.
         *
         * @param value the score, on the scale; checked against the scale's range when the command is run
         * @return this builder
         */
        public Builder score(int value) { score = value; return this; }
        /**
         * Sets the comment; default none.
         *
         * @param value what the customer wrote, or null for nothing
         * @return this builder
         */
        public Builder comment(String value) { comment = value; return this; }
        /**
         * Sets when the answer arrived; default now, by the Rapport's clock.
         *
         * @param value when the answer arrived, kept to the microsecond; null for now
         * @return this builder
         */
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        /**
         * Sets the case it rates; default none.
         *
         * @param value the case it rates, or null for none; must exist and belong to the customer
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = value; return this; }
        /**
         * Sets the interaction it rates; default none.
         *
         * @param value the interaction it rates, or null for none; must exist and belong to the customer
         * @return this builder
         */
        public Builder interactionId(InteractionId value) { interactionId = value; return this; }
        /**
         * Sets the order it rates; default none.
         *
         * @param value the order it rates, or null for none
         * @return this builder
         */
        public Builder orderRef(String value) { orderRef = value; return this; }
        /**
         * Sets the agent it rates; default none.
         *
         * @param value the agent it rates, or null for none; must exist
         * @return this builder
         */
        public Builder agentId(AgentId value) { agentId = value; return this; }
        /**
         * Sets the channel it came in on; default none.
         *
         * @param value where the answer came in, or null if unknown
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's values; they are checked when it is run
         */
        public RecordFeedback build() {
            Scale effective = scale != null || metric == null ? scale : defaultScale(metric);
            return new RecordFeedback(customerId, metric, effective, score, Optional.ofNullable(comment),
                    Optional.ofNullable(receivedAt), Optional.ofNullable(caseId), Optional.ofNullable(interactionId),
                    Optional.ofNullable(orderRef), Optional.ofNullable(agentId), Optional.ofNullable(channel));
        }
    }
}
