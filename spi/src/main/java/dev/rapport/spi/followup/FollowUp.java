package dev.rapport.spi.followup;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.SupportedDate;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import static dev.rapport.spi.validation.Limits.NON_BLANK;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A message to send a customer at a set time: a thank-you, a survey, a call-back, a reminder. Claimed by a
 * dispatcher under a lease and sent through the messenger, once in effect.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the follow-up's id
 * @param customerId who it is for
 * @param caseId the case it follows, if any
 * @param kind what it is for
 * @param channel where it goes
 * @param dueAt when it should go out
 * @param expiresAt after when it is no longer worth sending
 * @param status where it stands
 * @param attempts how many sends were tried
 * @param idempotencyKey unique per rule and subject, so the same follow-up is never scheduled twice (at most one
 *        survey per case, say)
 * @param leaseOwner the dispatcher holding it, while claimed
 * @param leaseUntil when the claim lapses, by the store's clock
 * @param lastError the last send error, kept when it failed or will retry
 * @param cancelReason why it was cancelled
 * @param values personalisation values for the message
 * @param ruleId the id of the follow-up rule that planned it; empty for one the host scheduled directly (ids are
 *        lower-case letters, digits, {@code '_'} or {@code '-'}, starting with a letter, at most 64 characters)
 * @param occasionDate for a date rule (a birthday, a renewal), the date it was planned for; empty otherwise; years
 *        1 to 9999
 * @param createdAt when it was scheduled
 * @param updatedAt when it last changed
 * @param version the optimistic-locking version; 0 before the first insert, 1 after it
 */
public record FollowUp(
        @NotNull FollowUpId id,
        @NotNull CustomerId customerId,
        @NotNull Optional<CaseId> caseId,
        @NotNull FollowUpKind kind,
        @NotNull Channel channel,
        @NotNull @SupportedInstant Instant dueAt,
        @NotNull Optional<@SupportedInstant Instant> expiresAt,
        @NotNull FollowUpStatus status,
        @PositiveOrZero int attempts,
        @NotBlank @PlainText @Size(max = Limits.KEY) String idempotencyKey,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText @Size(max = Limits.KEY) String> leaseOwner,
        @NotNull Optional<@SupportedInstant Instant> leaseUntil,
        @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> lastError,
        @NotNull Optional<@PlainText(multiline = true) @Size(max = Limits.TEXT) String> cancelReason,
        @NotNull @Size(max = Limits.ATTRIBUTES) Map<@NotNull @Code String,
                @NotNull @PlainText(multiline = true) @Size(max = Limits.ATTRIBUTE_VALUE) String> values,
        @NotNull Optional<@Pattern(regexp = RULE_ID, message = "must be lower-case letters, digits, '_' or '-',"
                + " starting with a letter, at most 64 characters") String> ruleId,
        @NotNull Optional<@SupportedDate LocalDate> occasionDate,
        @NotNull @SupportedInstant Instant createdAt,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version) {

    /**
     * Copies collections and turns null optionals into empty ones.
     *
     * @param id the follow-up's id
     * @param customerId who it is for
     * @param caseId the case it follows, if any
     * @param kind what it is for
     * @param channel where it goes
     * @param dueAt when it should go out
     * @param expiresAt after when it is no longer worth sending
     * @param status where it stands
     * @param attempts how many sends were tried
     * @param idempotencyKey unique per rule and subject, so the same follow-up is never scheduled twice (at most one
     *        survey per case, say)
     * @param leaseOwner the dispatcher holding it, while claimed
     * @param leaseUntil when the claim lapses, by the store's clock
     * @param lastError the last send error, kept when it failed or will retry
     * @param cancelReason why it was cancelled
     * @param values personalisation values for the message
     * @param ruleId the id of the follow-up rule that planned it; empty for one the host scheduled directly
     * @param occasionDate for a date rule, the date it was planned for; empty otherwise
     * @param createdAt when it was scheduled
     * @param updatedAt when it last changed
     * @param version the optimistic-locking version; 0 before the first insert, 1 after it
     */
    public FollowUp {
        caseId = Copies.optional(caseId);
        expiresAt = Copies.optional(expiresAt);
        leaseOwner = Copies.optional(leaseOwner);
        leaseUntil = Copies.optional(leaseUntil);
        lastError = Copies.optional(lastError);
        cancelReason = Copies.optional(cancelReason);
        values = Copies.map(values);
        ruleId = Copies.optional(ruleId);
        occasionDate = Copies.optional(occasionDate);
    }

    /**
     * The form of a rule id, as {@link #ruleId()} holds it: a lower-case letter, then up to 63 lower-case letters,
     * digits, {@code '_'} or {@code '-'}.
     */
    public static final String RULE_ID = "[a-z][a-z0-9_\\-]{0,63}";

    /**
     * The same follow-up with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this follow-up that differs only in its version
     */
    public FollowUp withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /**
     * A builder holding this follow-up's values.
     *
     * @return a new builder preset with every component of this follow-up, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for a new follow-up: status {@link FollowUpStatus#SCHEDULED}, no attempts, version 0.
     *
     * @return a new builder holding the defaults named above, every other component unset
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FollowUp} values; not thread-safe. */
    public static final class Builder {
        private FollowUpId id;
        private CustomerId customerId;
        private Optional<CaseId> caseId = Optional.empty();
        private FollowUpKind kind;
        private Channel channel;
        private Instant dueAt;
        private Optional<Instant> expiresAt = Optional.empty();
        private FollowUpStatus status = FollowUpStatus.SCHEDULED;
        private int attempts;
        private String idempotencyKey;
        private Optional<String> leaseOwner = Optional.empty();
        private Optional<Instant> leaseUntil = Optional.empty();
        private Optional<String> lastError = Optional.empty();
        private Optional<String> cancelReason = Optional.empty();
        private Map<String, String> values = Map.of();
        private Optional<String> ruleId = Optional.empty();
        private Optional<LocalDate> occasionDate = Optional.empty();
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(FollowUp f) {
            id = f.id;
            customerId = f.customerId;
            caseId = f.caseId;
            kind = f.kind;
            channel = f.channel;
            dueAt = f.dueAt;
            expiresAt = f.expiresAt;
            status = f.status;
            attempts = f.attempts;
            idempotencyKey = f.idempotencyKey;
            leaseOwner = f.leaseOwner;
            leaseUntil = f.leaseUntil;
            lastError = f.lastError;
            cancelReason = f.cancelReason;
            values = f.values;
            ruleId = f.ruleId;
            occasionDate = f.occasionDate;
            createdAt = f.createdAt;
            updatedAt = f.updatedAt;
            version = f.version;
        }

        /**
         * Sets the id; no default.
         *
         * @param value the follow-up's id
         * @return this builder
         */
        public Builder id(FollowUpId value) { id = value; return this; }
        /**
         * Sets the customer; no default.
         *
         * @param value who it is for
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the case; default none.
         *
         * @param value the case it follows; null for none
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = Optional.ofNullable(value); return this; }
        /**
         * Sets the kind; no default.
         *
         * @param value what it is for
         * @return this builder
         */
        public Builder kind(FollowUpKind value) { kind = value; return this; }
        /**
         * Sets the channel; no default.
         *
         * @param value where it goes
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets the due time; no default.
         *
         * @param value when it should go out
         * @return this builder
         */
        public Builder dueAt(Instant value) { dueAt = value; return this; }
        /**
         * Sets the expiry; default none.
         *
         * @param value after when it is no longer worth sending; null for none
         * @return this builder
         */
        public Builder expiresAt(Instant value) { expiresAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the status; default {@link FollowUpStatus#SCHEDULED}.
         *
         * @param value where it stands
         * @return this builder
         */
        public Builder status(FollowUpStatus value) { status = value; return this; }
        /**
         * Sets the attempt count; default 0.
         *
         * @param value how many sends were tried
         * @return this builder
         */
        public Builder attempts(int value) { attempts = value; return this; }
        /**
         * Sets the idempotency key; no default.
         *
         * @param value unique per rule and subject, so the same follow-up is never scheduled twice (at most one survey
         *        per case, say)
         * @return this builder
         */
        public Builder idempotencyKey(String value) { idempotencyKey = value; return this; }
        /**
         * Sets the lease owner; default none.
         *
         * @param value the dispatcher holding it, while claimed; null for none
         * @return this builder
         */
        public Builder leaseOwner(String value) { leaseOwner = Optional.ofNullable(value); return this; }
        /**
         * Sets the lease end; default none.
         *
         * @param value when the claim lapses, by the store's clock; null for none
         * @return this builder
         */
        public Builder leaseUntil(Instant value) { leaseUntil = Optional.ofNullable(value); return this; }
        /**
         * Sets the last error; default none.
         *
         * @param value the last send error, kept when it failed or will retry; null for none
         * @return this builder
         */
        public Builder lastError(String value) { lastError = Optional.ofNullable(value); return this; }
        /**
         * Sets the cancel reason; default none.
         *
         * @param value why it was cancelled; null for none
         * @return this builder
         */
        public Builder cancelReason(String value) { cancelReason = Optional.ofNullable(value); return this; }
        /**
         * Sets the personalisation values; default none.
         *
         * @param value personalisation values for the message
         * @return this builder
         */
        public Builder values(Map<String, String> value) { values = value; return this; }
        /**
         * Sets the rule that planned the follow-up; default none (scheduled directly by the host).
         *
         * @param value the rule's id; null for none
         * @return this builder
         */
        public Builder ruleId(String value) { ruleId = Optional.ofNullable(value); return this; }
        /**
         * Sets the date a date rule planned the follow-up for; default none.
         *
         * @param value the occasion's date, years 1 to 9999; null for none
         * @return this builder
         */
        public Builder occasionDate(LocalDate value) { occasionDate = Optional.ofNullable(value); return this; }
        /**
         * Sets the creation time; no default.
         *
         * @param value when it was scheduled
         * @return this builder
         */
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /**
         * Sets the last change time; no default.
         *
         * @param value when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        /**
         * Sets the version; default 0.
         *
         * @param value the optimistic-locking version
         * @return this builder
         */
        public Builder version(long value) { version = value; return this; }

        /**
         * The follow-up; constraints are checked by the validator, not here.
         *
         * @return a new follow-up holding the values set so far
         */
        public FollowUp build() {
            return new FollowUp(id, customerId, caseId, kind, channel, dueAt, expiresAt, status, attempts,
                    idempotencyKey, leaseOwner, leaseUntil, lastError, cancelReason, values, ruleId, occasionDate,
                    createdAt, updatedAt, version);
        }
    }
}
