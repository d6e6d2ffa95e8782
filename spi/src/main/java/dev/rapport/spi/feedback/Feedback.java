package dev.rapport.spi.feedback;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.validation.Limits;
import static dev.rapport.spi.validation.Limits.NON_BLANK;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * One answer to a CSAT, NPS or CES question, with the scale it was given on and what it is about. Append-only; only
 * erasure of the customer's personal data replaces its comment ({@link FeedbackRepository#redactForCustomer}).
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the response's id
 * @param customerId who answered
 * @param metric which question it answers
 * @param scale the scale it was given on
 * @param score the score, on the scale
 * @param comment what the customer wrote
 * @param receivedAt when the answer arrived
 * @param caseId the case it rates
 * @param interactionId the interaction it rates
 * @param orderRef the order it rates
 * @param agentId the agent it rates
 * @param channel where the answer came in
 * @param followUpId the survey follow-up this response answers, when it came back through a survey token; all the
 *        responses of one survey answer share it (see {@link FeedbackRepository#insertSurveyAnswer})
 */
@ValidFeedback
public record Feedback(
        @NotNull FeedbackId id,
        @NotNull CustomerId customerId,
        @NotNull FeedbackMetric metric,
        @NotNull @Valid Scale scale,
        int score,
        @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> comment,
        @NotNull @SupportedInstant Instant receivedAt,
        @NotNull Optional<CaseId> caseId,
        @NotNull Optional<InteractionId> interactionId,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText @Size(max = Limits.KEY) String> orderRef,
        @NotNull Optional<AgentId> agentId,
        @NotNull Optional<Channel> channel,
        @NotNull Optional<FollowUpId> followUpId) {

    /**
     * Turns null optionals into empty ones.
     *
     * @param id the response's id
     * @param customerId who answered
     * @param metric which question it answers
     * @param scale the scale it was given on
     * @param score the score, on the scale
     * @param comment what the customer wrote
     * @param receivedAt when the answer arrived
     * @param caseId the case it rates
     * @param interactionId the interaction it rates
     * @param orderRef the order it rates
     * @param agentId the agent it rates
     * @param channel where the answer came in
     * @param followUpId the survey follow-up this response answers, when it came back through a survey token; all the
     *        responses of one survey answer share it (see {@link FeedbackRepository#insertSurveyAnswer})
     */
    public Feedback {
        comment = Copies.optional(comment);
        caseId = Copies.optional(caseId);
        interactionId = Copies.optional(interactionId);
        orderRef = Copies.optional(orderRef);
        agentId = Copies.optional(agentId);
        channel = Copies.optional(channel);
        followUpId = Copies.optional(followUpId);
    }

    /**
     * A builder for a new response.
     *
     * @return a new builder with every component unset: score 0, every optional one empty
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this response's values.
     *
     * @return a new builder preset with every component of this response, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder().id(id).customerId(customerId).metric(metric).scale(scale).score(score)
                .comment(comment.orElse(null)).receivedAt(receivedAt).caseId(caseId.orElse(null))
                .interactionId(interactionId.orElse(null)).orderRef(orderRef.orElse(null))
                .agentId(agentId.orElse(null)).channel(channel.orElse(null)).followUpId(followUpId.orElse(null));
    }

    /** Builds {@link Feedback} values; not thread-safe. */
    public static final class Builder {
        private FeedbackId id;
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
        private FollowUpId followUpId;

        private Builder() {
        }

        /**
         * Sets the id; no default.
         *
         * @param value the response's id
         * @return this builder
         */
        public Builder id(FeedbackId value) { id = value; return this; }
        /**
         * Sets the customer; no default.
         *
         * @param value who answered
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the metric; no default.
         *
         * @param value which question it answers
         * @return this builder
         */
        public Builder metric(FeedbackMetric value) { metric = value; return this; }
        /**
         * Sets the scale; no default.
         *
         * @param value the scale it was given on
         * @return this builder
         */
        public Builder scale(Scale value) { scale = value; return this; }
        /**
         * Sets the score; default 0.
         *
         * @param value the score, on the scale
         * @return this builder
         */
        public Builder score(int value) { score = value; return this; }
        /**
         * Sets the comment; default none.
         *
         * @param value what the customer wrote; null for none
         * @return this builder
         */
        public Builder comment(String value) { comment = value; return this; }
        /**
         * Sets when it arrived; no default.
         *
         * @param value when the answer arrived
         * @return this builder
         */
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        /**
         * Sets the case; default none.
         *
         * @param value the case it rates; null for none
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = value; return this; }
        /**
         * Sets the interaction; default none.
         *
         * @param value the interaction it rates; null for none
         * @return this builder
         */
        public Builder interactionId(InteractionId value) { interactionId = value; return this; }
        /**
         * Sets the order; default none.
         *
         * @param value the order it rates; null for none
         * @return this builder
         */
        public Builder orderRef(String value) { orderRef = value; return this; }
        /**
         * Sets the agent; default none.
         *
         * @param value the agent it rates; null for none
         * @return this builder
         */
        public Builder agentId(AgentId value) { agentId = value; return this; }
        /**
         * Sets the channel; default none.
         *
         * @param value where the answer came in; null for none
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets the survey follow-up it answers; default none.
         *
         * @param value the survey follow-up this response answers, when it came back through a survey token; null for none
         * @return this builder
         */
        public Builder followUpId(FollowUpId value) { followUpId = value; return this; }

        /**
         * The response; constraints are checked by the validator, not here.
         *
         * @return a new response holding the values set so far
         */
        public Feedback build() {
            return new Feedback(id, customerId, metric, scale, score, Optional.ofNullable(comment), receivedAt,
                    Optional.ofNullable(caseId), Optional.ofNullable(interactionId), Optional.ofNullable(orderRef),
                    Optional.ofNullable(agentId), Optional.ofNullable(channel),
                    Optional.ofNullable(followUpId));
        }
    }
}
