package dev.rapport.spi.interaction;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import static dev.rapport.spi.validation.Limits.NON_BLANK;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One contact between the business and a customer: a message, a call, a visit, a purchase. Append-only: once
 * recorded, an interaction is never changed, so a case keeps the whole story; only erasure of the customer's personal
 * data replaces its summary ({@link InteractionRepository#redactForCustomer}).
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the interaction's id
 * @param customerId the customer
 * @param channel where it happened
 * @param direction who started it
 * @param occurredAt when it happened
 * @param agentId the agent who handled it, if any
 * @param caseId the case it belongs to, if any
 * @param kind what it was about
 * @param handledBy whether a human, a bot or an automatic process handled it
 * @param visibility whether the customer sees it
 * @param handleTime the agent time spent, for average handle time
 * @param summary a short description or the message text
 * @param externalId the id in the source system (a webhook's message id, a call id), unique: recording the same
 *        external id twice gives back the first interaction
 * @param orderRef the order it concerns, for purchases and order questions
 * @param amount the purchase amount, for purchases
 * @param reason the contact reason code, for finding avoidable contacts and repeat contacts
 * @param recordedAt when Rapport recorded it
 * @param waitTime for a call from the customer ({@link InteractionKind#CALL} or {@link InteractionKind#MISSED_CALL}),
 *        how long the caller waited from reaching the business to the answer, or to the end of a call nobody
 *        answered; from zero to {@link WaitTime#MAX}; empty when not measured. Feeds the speed of answer
 * @param abandoned for a {@link InteractionKind#MISSED_CALL} only: whether the caller hung up while waiting (an
 *        abandoned call) rather than the call going unanswered (rang out, nobody free, closed); false for any other
 *        kind and for a missed call whose cause is not known
 */
public record Interaction(
        @NotNull InteractionId id,
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotNull Direction direction,
        @NotNull @SupportedInstant Instant occurredAt,
        @NotNull Optional<AgentId> agentId,
        @NotNull Optional<CaseId> caseId,
        @NotNull InteractionKind kind,
        @NotNull Handler handledBy,
        @NotNull Visibility visibility,
        @NotNull Optional<@Valid HandleTime> handleTime,
        @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> summary,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText @Size(max = Limits.KEY) String> externalId,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText @Size(max = Limits.KEY) String> orderRef,
        @NotNull Optional<@Valid Money> amount,
        @NotNull Optional<@Code String> reason,
        @NotNull @SupportedInstant Instant recordedAt,
        @NotNull Optional<@WaitTime Duration> waitTime,
        boolean abandoned) {

    /**
     * Turns null optionals into empty ones.
     *
     * @param id the interaction's id
     * @param customerId the customer
     * @param channel where it happened
     * @param direction who started it
     * @param occurredAt when it happened
     * @param agentId the agent who handled it, if any
     * @param caseId the case it belongs to, if any
     * @param kind what it was about
     * @param handledBy whether a human, a bot or an automatic process handled it
     * @param visibility whether the customer sees it
     * @param handleTime the agent time spent, for average handle time
     * @param summary a short description or the message text
     * @param externalId the id in the source system (a webhook's message id, a call id), unique: recording the same
     *        external id twice gives back the first interaction
     * @param orderRef the order it concerns, for purchases and order questions
     * @param amount the purchase amount, for purchases
     * @param reason the contact reason code, for finding avoidable contacts and repeat contacts
     * @param recordedAt when Rapport recorded it
     * @param waitTime for a call from the customer ({@link InteractionKind#CALL} or
     *        {@link InteractionKind#MISSED_CALL}), how long the caller waited from reaching the business to the answer,
     *        or to the end of a call nobody answered; from zero to {@link WaitTime#MAX}; empty when not measured. Feeds
     *        the speed of answer
     * @param abandoned for a {@link InteractionKind#MISSED_CALL} only: whether the caller hung up while waiting (an
     *        abandoned call) rather than the call going unanswered (rang out, nobody free, closed); false for any other
     *        kind and for a missed call whose cause is not known
     */
    public Interaction {
        agentId = Copies.optional(agentId);
        caseId = Copies.optional(caseId);
        handleTime = Copies.optional(handleTime);
        summary = Copies.optional(summary);
        externalId = Copies.optional(externalId);
        orderRef = Copies.optional(orderRef);
        amount = Copies.optional(amount);
        reason = Copies.optional(reason);
        waitTime = Copies.optional(waitTime);
    }

    /**
     * Whether this is a public reply by a human agent: the only kind that satisfies reply targets and KPIs.
     *
     * @return true for an outbound, public interaction handled by a human that is not a note, false otherwise
     */
    public boolean isHumanPublicReply() {
        return direction == Direction.OUTBOUND && handledBy == Handler.HUMAN && visibility == Visibility.PUBLIC
                && kind != InteractionKind.NOTE;
    }

    /**
     * Whether this is a message from the customer.
     *
     * @return true if the interaction is inbound, whatever its kind, false if it went out to the customer
     */
    public boolean isFromCustomer() {
        return direction == Direction.INBOUND;
    }

    /**
     * A builder holding this interaction's values.
     *
     * @return a new builder preset with every component of this interaction, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for a new interaction: inbound, a message, handled by a human, public.
     *
     * @return a new builder holding the defaults named above, every other component unset
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Interaction} values; not thread-safe. */
    public static final class Builder {
        private InteractionId id;
        private CustomerId customerId;
        private Channel channel;
        private Direction direction = Direction.INBOUND;
        private Instant occurredAt;
        private Optional<AgentId> agentId = Optional.empty();
        private Optional<CaseId> caseId = Optional.empty();
        private InteractionKind kind = InteractionKind.MESSAGE;
        private Handler handledBy = Handler.HUMAN;
        private Visibility visibility = Visibility.PUBLIC;
        private Optional<HandleTime> handleTime = Optional.empty();
        private Optional<String> summary = Optional.empty();
        private Optional<String> externalId = Optional.empty();
        private Optional<String> orderRef = Optional.empty();
        private Optional<Money> amount = Optional.empty();
        private Optional<String> reason = Optional.empty();
        private Instant recordedAt;
        private Optional<Duration> waitTime = Optional.empty();
        private boolean abandoned;

        private Builder() {
        }

        private Builder(Interaction i) {
            id = i.id;
            customerId = i.customerId;
            channel = i.channel;
            direction = i.direction;
            occurredAt = i.occurredAt;
            agentId = i.agentId;
            caseId = i.caseId;
            kind = i.kind;
            handledBy = i.handledBy;
            visibility = i.visibility;
            handleTime = i.handleTime;
            summary = i.summary;
            externalId = i.externalId;
            orderRef = i.orderRef;
            amount = i.amount;
            reason = i.reason;
            recordedAt = i.recordedAt;
            waitTime = i.waitTime;
            abandoned = i.abandoned;
        }

        /**
         * Sets the id; no default.
         *
         * @param value the interaction's id
         * @return this builder
         */
        public Builder id(InteractionId value) { id = value; return this; }
        /**
         * Sets the customer; no default.
         *
         * @param value the customer
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the channel; no default.
         *
         * @param value where it happened
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets the direction; default inbound.
         *
         * @param value who started it
         * @return this builder
         */
        public Builder direction(Direction value) { direction = value; return this; }
        /**
         * Sets when it happened; no default.
         *
         * @param value when it happened
         * @return this builder
         */
        public Builder occurredAt(Instant value) { occurredAt = value; return this; }
        /**
         * Sets the agent; default none.
         *
         * @param value the agent who handled it; null for none
         * @return this builder
         */
        public Builder agentId(AgentId value) { agentId = Optional.ofNullable(value); return this; }
        /**
         * Sets the case; default none.
         *
         * @param value the case it belongs to; null for none
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = Optional.ofNullable(value); return this; }
        /**
         * Sets the kind; default {@link InteractionKind#MESSAGE}.
         *
         * @param value what it was about
         * @return this builder
         */
        public Builder kind(InteractionKind value) { kind = value; return this; }
        /**
         * Sets who handled it; default {@link Handler#HUMAN}.
         *
         * @param value whether a human, a bot or an automatic process handled it
         * @return this builder
         */
        public Builder handledBy(Handler value) { handledBy = value; return this; }
        /**
         * Sets the visibility; default {@link Visibility#PUBLIC}.
         *
         * @param value whether the customer sees it
         * @return this builder
         */
        public Builder visibility(Visibility value) { visibility = value; return this; }
        /**
         * Sets the handle time; default none.
         *
         * @param value the agent time spent, for average handle time; null for none
         * @return this builder
         */
        public Builder handleTime(HandleTime value) { handleTime = Optional.ofNullable(value); return this; }
        /**
         * Sets the summary; default none.
         *
         * @param value a short description or the message text; null for none
         * @return this builder
         */
        public Builder summary(String value) { summary = Optional.ofNullable(value); return this; }
        /**
         * Sets the external id; default none.
         *
         * @param value the id in the source system (a webhook's message id, a call id), unique; null for none
         * @return this builder
         */
        public Builder externalId(String value) { externalId = Optional.ofNullable(value); return this; }
        /**
         * Sets the order reference; default none.
         *
         * @param value the order it concerns, for purchases and order questions; null for none
         * @return this builder
         */
        public Builder orderRef(String value) { orderRef = Optional.ofNullable(value); return this; }
        /**
         * Sets the amount; default none.
         *
         * @param value the purchase amount, for purchases; null for none
         * @return this builder
         */
        public Builder amount(Money value) { amount = Optional.ofNullable(value); return this; }
        /**
         * Sets the contact reason; default none.
         *
         * @param value the contact reason code, for finding avoidable contacts and repeat contacts; null for none
         * @return this builder
         */
        public Builder reason(String value) { reason = Optional.ofNullable(value); return this; }
        /**
         * Sets when it was recorded; no default.
         *
         * @param value when Rapport recorded it
         * @return this builder
         */
        public Builder recordedAt(Instant value) { recordedAt = value; return this; }
        /**
         * Sets the caller's wait before the answer, or before a missed call ended; default none.
         *
         * @param value for a call from the customer ({@link InteractionKind#CALL} or
         *        {@link InteractionKind#MISSED_CALL}), how long the caller waited from reaching the business to the
         *        answer, or to the end of a call nobody answered; null for none
         * @return this builder
         */
        public Builder waitTime(Duration value) { waitTime = Optional.ofNullable(value); return this; }
        /**
         * Sets whether a missed call was abandoned by the caller; default false.
         *
         * @param value for a {@link InteractionKind#MISSED_CALL}, true if the caller hung up while waiting; false
         *        for any other kind
         * @return this builder
         */
        public Builder abandoned(boolean value) { abandoned = value; return this; }

        /**
         * The interaction; constraints are checked by the validator, not here.
         *
         * @return a new interaction holding the values set so far
         */
        public Interaction build() {
            return new Interaction(id, customerId, channel, direction, occurredAt, agentId, caseId, kind,
                    handledBy, visibility, handleTime, summary, externalId, orderRef, amount, reason, recordedAt,
                    waitTime, abandoned);
        }
    }
}
