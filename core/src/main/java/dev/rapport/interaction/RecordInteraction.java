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

    /** Turns null optionals into empty ones. */
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

        /** Sets the customer; required, no default. */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /** Sets the channel; required, no default. */
        public Builder channel(Channel value) { channel = value; return this; }
        /** Sets the direction; default {@link Direction#INBOUND}. */
        public Builder direction(Direction value) { direction = value; return this; }
        /** Marks it as from the customer: {@link Direction#INBOUND}, the default. */
        public Builder inbound() { direction = Direction.INBOUND; return this; }
        /** Marks it as from the business: {@link Direction#OUTBOUND}. */
        public Builder outbound() { direction = Direction.OUTBOUND; return this; }
        /** Sets when it happened; default now, by the Rapport's clock. */
        public Builder occurredAt(Instant value) { occurredAt = value; return this; }
        /** Sets the agent; default none. */
        public Builder agentId(AgentId value) { agentId = value; return this; }
        /** Sets the case; default none. */
        public Builder caseId(CaseId value) { caseId = value; return this; }
        /** Sets the kind; default {@link InteractionKind#MESSAGE}. */
        public Builder kind(InteractionKind value) { kind = value; return this; }
        /** Sets who handled it; default {@link Handler#HUMAN}. */
        public Builder handledBy(Handler value) { handledBy = value; return this; }
        /** Sets the visibility; default {@link Visibility#PUBLIC}. */
        public Builder visibility(Visibility value) { visibility = value; return this; }
        /** Sets the handle time; default none. */
        public Builder handleTime(HandleTime value) { handleTime = value; return this; }
        /** Sets the summary or message text; default none. */
        public Builder summary(String value) { summary = value; return this; }
        /** Sets the source system's id, which makes recording idempotent; default none. */
        public Builder externalId(String value) { externalId = value; return this; }
        /** Sets the order reference; default none. */
        public Builder orderRef(String value) { orderRef = value; return this; }
        /** Sets the purchase amount; default none. */
        public Builder amount(Money value) { amount = value; return this; }
        /** Sets the contact reason code; default none. */
        public Builder reason(String value) { reason = value; return this; }
        /** Sets the caller's wait before the answer, or before a missed call ended; default none. */
        public Builder waitTime(Duration value) { waitTime = value; return this; }
        /** Sets whether a missed call was abandoned by the caller while waiting; default false. */
        public Builder abandoned(boolean value) { abandoned = value; return this; }

        /** The command. */
        public RecordInteraction build() {
            return new RecordInteraction(customerId, channel, direction, Optional.ofNullable(occurredAt),
                    Optional.ofNullable(agentId), Optional.ofNullable(caseId), kind, handledBy, visibility,
                    Optional.ofNullable(handleTime), Optional.ofNullable(summary), Optional.ofNullable(externalId),
                    Optional.ofNullable(orderRef), Optional.ofNullable(amount), Optional.ofNullable(reason),
                    Optional.ofNullable(waitTime), abandoned);
        }
    }
}
