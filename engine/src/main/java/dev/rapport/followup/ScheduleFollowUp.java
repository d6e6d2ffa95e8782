package dev.rapport.followup;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A request from the host to schedule one follow-up directly, without a rule. The due time moves to the next
 * allowed time of the scheduler's {@link SendWindow} in the customer's time zone.
 *
 * @param customerId who it is for
 * @param kind what it is for
 * @param dueAt when it should go out, at the earliest
 * @param caseId the case it follows, if any
 * @param channel the channel to use; empty to choose one from the customer's preference and consent among
 *        {@link FollowUpRule#DEFAULT_CHANNELS}
 * @param expiresAt after when it is not worth sending; must be after {@code dueAt}
 * @param values personalisation values
 * @param idempotencyKey a key unique to this follow-up, so a repeated request schedules nothing; empty for a fresh
 *        random key
 */
public record ScheduleFollowUp(
        @NotNull CustomerId customerId,
        @NotNull FollowUpKind kind,
        @NotNull @SupportedInstant(wholeMicros = false) Instant dueAt,
        @NotNull Optional<CaseId> caseId,
        @NotNull Optional<Channel> channel,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> expiresAt,
        @NotNull @Size(max = Limits.ATTRIBUTES) Map<@NotNull @Code String,
                @NotNull @PlainText(multiline = true) @Size(max = Limits.ATTRIBUTE_VALUE) String> values,
        @NotNull Optional<@PlainText @Size(max = Limits.KEY - 16) String> idempotencyKey) {

    /**
     * Copies the values and turns null optionals into empty ones.
     *
     * @param customerId who it is for
     * @param kind what it is for
     * @param dueAt when it should go out, at the earliest
     * @param caseId the case it follows, if any
     * @param channel the channel to use; empty to choose one from the customer's preference and consent among
     *         {@link FollowUpRule#DEFAULT_CHANNELS}
     * @param expiresAt after when it is not worth sending; must be after {@code dueAt}
     * @param values personalisation values
     * @param idempotencyKey a key unique to this follow-up, so a repeated request schedules nothing; empty for a fresh
     *         random key
     */
    public ScheduleFollowUp {
        caseId = Copies.optional(caseId);
        channel = Copies.optional(channel);
        expiresAt = Copies.optional(expiresAt);
        values = Copies.map(values);
        idempotencyKey = Copies.optional(idempotencyKey);
    }

    /**
     * Whether the expiry, if any, comes after the due time; checked by the validator.
     *
     * @return {@code true} if there is no expiry or it is after the due time
     */
    @AssertTrue(message = "must be after dueAt")
    public boolean isExpiresAt() {
        return dueAt == null || expiresAt.isEmpty() || expiresAt.get().isAfter(dueAt);
    }

    /**
     * Whether the idempotency key, if any, is not blank; checked by the validator. (A {@code @NotBlank} on the
     * optional's element would refuse an empty optional, which Jakarta Validation checks as null.)
     *
     * @return {@code true} if there is no key or it has a non-blank character
     */
    @AssertTrue(message = "must not be blank")
    public boolean isIdempotencyKey() {
        return idempotencyKey == null || idempotencyKey.isEmpty() || !idempotencyKey.get().isBlank();
    }

    /**
     * A builder for a request; customer, kind and due time have no default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ScheduleFollowUp} requests; not thread-safe. */
    public static final class Builder {
        private CustomerId customerId;
        private FollowUpKind kind;
        private Instant dueAt;
        private Optional<CaseId> caseId = Optional.empty();
        private Optional<Channel> channel = Optional.empty();
        private Optional<Instant> expiresAt = Optional.empty();
        private Map<String, String> values = Map.of();
        private Optional<String> idempotencyKey = Optional.empty();

        private Builder() {
        }

        /**
         * Sets the customer; no default.
         *
         * @param value who the follow-up is for
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the kind; no default.
         *
         * @param value what the follow-up is for
         * @return this builder
         */
        public Builder kind(FollowUpKind value) { kind = value; return this; }
        /**
         * Sets the due time; no default.
         *
         * @param value when it should go out, at the earliest
         * @return this builder
         */
        public Builder dueAt(Instant value) { dueAt = value; return this; }
        /**
         * Sets the case; default none.
         *
         * @param value the case it follows; {@code null} for none
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = Optional.ofNullable(value); return this; }
        /**
         * Sets the channel; default chosen from the customer's preference and consent.
         *
         * @param value the channel to use; {@code null} to choose one
         * @return this builder
         */
        public Builder channel(Channel value) { channel = Optional.ofNullable(value); return this; }
        /**
         * Sets the expiry; default none.
         *
         * @param value after when it is not worth sending; after the due time, or {@code null} for none
         * @return this builder
         */
        public Builder expiresAt(Instant value) { expiresAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the personalisation values; default none.
         *
         * @param value the values by name
         * @return this builder
         */
        public Builder values(Map<String, String> value) { values = value; return this; }
        /**
         * Sets the idempotency key; default a fresh random one.
         *
         * @param value a key unique to this follow-up, not blank; {@code null} for a fresh random one
         * @return this builder
         */
        public Builder idempotencyKey(String value) { idempotencyKey = Optional.ofNullable(value); return this; }

        /**
         * The request; checked when it is scheduled.
         *
         * @return the request as set, not yet validated
         */
        public ScheduleFollowUp build() {
            return new ScheduleFollowUp(customerId, kind, dueAt, caseId, channel, expiresAt, values, idempotencyKey);
        }
    }
}
