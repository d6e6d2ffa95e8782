package dev.rapport.interaction;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.interaction.WaitTime;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The command to record one contact with a customer: a message, a call, a visit, a purchase. Checked as a whole
 * before anything is stored; a rejected command names every bad field.
 *
 * @param customerId the customer; must be registered
 * @param channel where it happened
 * @param direction who started it
 * @param occurredAt when it happened; empty for now. Kept to the microsecond
 * @param agentId the agent who handled it, if any; must exist
 * @param caseId the case it belongs to, if any; must exist and belong to the customer
 * @param kind what it was about
 * @param handledBy whether a human, a bot or an automatic process handled it
 * @param visibility whether the customer sees it
 * @param handleTime the agent time spent, if measured
 * @param summary a short description or the message text
 * @param externalId the id in the source system; recording it again returns the first interaction
 * @param orderRef the order it concerns
 * @param amount the purchase amount
 * @param reason the contact reason code
 * @param waitTime for a call ({@code CALL} or {@code MISSED_CALL}) only: how long the caller waited from reaching the
 *        business to the answer, or to the end of a call nobody answered; from zero to {@link WaitTime#MAX}
 * @param abandoned for a {@code MISSED_CALL} only: whether the caller hung up while waiting
 */
@CallDetailsFitKind
public record RecordInteraction(
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotNull Direction direction,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> occurredAt,
        @NotNull Optional<AgentId> agentId,
        @NotNull Optional<CaseId> caseId,
        @NotNull InteractionKind kind,
        @NotNull Handler handledBy,
        @NotNull Visibility visibility,
        @NotNull Optional<@Valid HandleTime> handleTime,
        @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> summary,
        @NotNull Optional<@Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.KEY) String> externalId,
        @NotNull Optional<@Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.KEY) String> orderRef,
        @NotNull Optional<@Valid Money> amount,
        @NotNull Optional<@Code String> reason,
        @NotNull Optional<@WaitTime Duration> waitTime,
        boolean abandoned) {

    /**
     * Text with at least one character above U+0020, as {@code @NotBlank} requires. Used instead of
     * {@code Optional<@NotBlank String>}, which Hibernate Validator applies to an empty optional as to null and so
     * rejects.
     */
    static final String NOT_BLANK = "(?s).*[^\\x00-\\x20].*";

    /**
     * Turns null optionals into empty ones.
     *
     * @param customerId the customer; must be registered
     * @param channel where it happened
     * @param direction who started it
     * @param occurredAt when it happened; empty for now. Kept to the microsecond
     * @param agentId the agent who handled it, if any; must exist
     * @param caseId the case it belongs to, if any; must exist and belong to the customer
     * @param kind what it was about
     * @param handledBy whether a human, a bot or an automatic process handled it
     * @param visibility whether the customer sees it
     * @param handleTime the agent time spent, if measured
     * @param summary a short description or the message text
     * @param externalId the id in the source system; recording it again returns the first interaction
     * @param orderRef the order it concerns
     * @param amount the purchase amount
     * @param reason the contact reason code
     * @param waitTime for a call ({@code CALL} or {@code MISSED_CALL}) only: how long the caller waited from reaching
     *        the business to the answer, or to the end of a call nobody answered; from zero to {@link WaitTime#MAX}
     * @param abandoned for a {@code MISSED_CALL} only: whether the caller hung up while waiting
     */
    public RecordInteraction {
        occurredAt = Copies.optional(occurredAt);
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
     * A command without call details (no wait time, not abandoned): the command as it was before calls carried them.
     *
     * @param customerId the customer; must be registered
     * @param channel where it happened
     * @param direction who started it
     * @param occurredAt when it happened; empty for now
     * @param agentId the agent who handled it, if any
     * @param caseId the case it belongs to, if any
     * @param kind what it was about
     * @param handledBy whether a human, a bot or an automatic process handled it
     * @param visibility whether the customer sees it
     * @param handleTime the agent time spent, if measured
     * @param summary a short description or the message text
     * @param externalId the id in the source system
     * @param orderRef the order it concerns
     * @param amount the purchase amount
     * @param reason the contact reason code
     */
    public RecordInteraction(CustomerId customerId, Channel channel, Direction direction,
            Optional<Instant> occurredAt, Optional<AgentId> agentId, Optional<CaseId> caseId, InteractionKind kind,
            Handler handledBy, Visibility visibility, Optional<HandleTime> handleTime, Optional<String> summary,
            Optional<String> externalId, Optional<String> orderRef, Optional<Money> amount,
            Optional<String> reason) {
        this(customerId, channel, direction, occurredAt, agentId, caseId, kind, handledBy, visibility, handleTime,
                summary, externalId, orderRef, amount, reason, Optional.empty(), false);
    }

    /**
     * A builder with the defaults: inbound, a {@link InteractionKind#MESSAGE message}, handled by a
     * {@link Handler#HUMAN human}, {@link Visibility#PUBLIC public}, occurring now.
     *
     * @return a new builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RecordInteraction} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private CustomerId customerId;
        private Channel channel;
        private Direction direction = Direction.INBOUND;
        private Instant occurredAt;
        private AgentId agentId;
        private CaseId caseId;
        private InteractionKind kind = InteractionKind.MESSAGE;
        private Handler handledBy = Handler.HUMAN;
        private Visibility visibility = Visibility.PUBLIC;
        private HandleTime handleTime;
        private String summary;
        private String externalId;
        private String orderRef;
        private Money amount;
        private String reason;
        private Duration waitTime;
        private boolean abandoned;

        private Builder() {
        }

        /**
         * Sets the customer; required, no default.
         *
         * @param value the customer; must be registered
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the channel; required, no default.
         *
         * @param value where it happened
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets the direction; default {@link Direction#INBOUND}.
         *
         * @param value who started it
         * @return this builder
         */
        public Builder direction(Direction value) { direction = value; return this; }
        /**
         * Marks it as from the customer: {@link Direction#INBOUND}, the default.
         *
         * @return this builder
         */
        public Builder inbound() { direction = Direction.INBOUND; return this; }
        /**
         * Marks it as from the business: {@link Direction#OUTBOUND}.
         *
         * @return this builder
         */
        public Builder outbound() { direction = Direction.OUTBOUND; return this; }
        /**
         * Sets when it happened; default now, by the Rapport's clock.
         *
         * @param value when it happened, kept to the microsecond; null for now
         * @return this builder
         */
        public Builder occurredAt(Instant value) { occurredAt = value; return this; }
        /**
         * Sets the agent; default none.
         *
         * @param value the agent who handled it, or null for none; must exist
         * @return this builder
         */
        public Builder agentId(AgentId value) { agentId = value; return this; }
        /**
         * Sets the case; default none.
         *
         * @param value the case it belongs to, or null for none; must exist and belong to the customer
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = value; return this; }
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
         * @param value the agent time spent, or null if not measured
         * @return this builder
         */
        public Builder handleTime(HandleTime value) { handleTime = value; return this; }
        /**
         * Sets the summary or message text; default none.
         *
         * @param value a short description or the message text, or null for none
         * @return this builder
         */
        public Builder summary(String value) { summary = value; return this; }
        /**
         * Sets the source system's id, which makes recording idempotent; default none.
         *
         * @param value the id in the source system, or null for none; recording it again returns the first interaction
         * @return this builder
         */
        public Builder externalId(String value) { externalId = value; return this; }
        /**
         * Sets the order reference; default none.
         *
         * @param value the order it concerns, or null for none
         * @return this builder
         */
        public Builder orderRef(String value) { orderRef = value; return this; }
        /**
         * Sets the purchase amount; default none.
         *
         * @param value the purchase amount, or null for none
         * @return this builder
         */
        public Builder amount(Money value) { amount = value; return this; }
        /**
         * Sets the contact reason code; default none.
         *
         * @param value the contact reason code, or null for none
         * @return this builder
         */
        public Builder reason(String value) { reason = value; return this; }
        /**
         * Sets the caller's wait before the answer, or before a missed call ended; default none.
         *
         * @param value for a call ({@code CALL} or {@code MISSED_CALL}) only: how long the caller waited, from zero to
         *        {@link WaitTime#MAX}; null for not measured
         * @return this builder
         */
        public Builder waitTime(Duration value) { waitTime = value; return this; }
        /**
         * Sets whether a missed call was abandoned by the caller while waiting; default false.
         *
         * @param value {@code true} if the caller of a {@code MISSED_CALL} hung up while waiting
         * @return this builder
         */
        public Builder abandoned(boolean value) { abandoned = value; return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's values; they are checked when it is run
         */
        public RecordInteraction build() {
            return new RecordInteraction(customerId, channel, direction, Optional.ofNullable(occurredAt),
                    Optional.ofNullable(agentId), Optional.ofNullable(caseId), kind, handledBy, visibility,
                    Optional.ofNullable(handleTime), Optional.ofNullable(summary), Optional.ofNullable(externalId),
                    Optional.ofNullable(orderRef), Optional.ofNullable(amount), Optional.ofNullable(reason),
                    Optional.ofNullable(waitTime), abandoned);
        }
    }
}
