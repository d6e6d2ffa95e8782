package dev.rapport.spi.followup;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
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
        @NotNull @SupportedInstant Instant createdAt,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version) {

    /** Copies collections and turns null optionals into empty ones. */
    public FollowUp {
        caseId = Copies.optional(caseId);
        expiresAt = Copies.optional(expiresAt);
        leaseOwner = Copies.optional(leaseOwner);
        leaseUntil = Copies.optional(leaseUntil);
        lastError = Copies.optional(lastError);
        cancelReason = Copies.optional(cancelReason);
        values = Copies.map(values);
    }

    /** The same follow-up with another version; used by storage adapters. */
    public FollowUp withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /** A builder holding this follow-up's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a new follow-up: status {@link FollowUpStatus#SCHEDULED}, no attempts, version 0. */
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
            createdAt = f.createdAt;
            updatedAt = f.updatedAt;
            version = f.version;
        }

        /** Sets the id; no default. */
        public Builder id(FollowUpId value) { id = value; return this; }
        /** Sets the customer; no default. */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /** Sets the case; default none. */
        public Builder caseId(CaseId value) { caseId = Optional.ofNullable(value); return this; }
        /** Sets the kind; no default. */
        public Builder kind(FollowUpKind value) { kind = value; return this; }
        /** Sets the channel; no default. */
        public Builder channel(Channel value) { channel = value; return this; }
        /** Sets the due time; no default. */
        public Builder dueAt(Instant value) { dueAt = value; return this; }
        /** Sets the expiry; default none. */
        public Builder expiresAt(Instant value) { expiresAt = Optional.ofNullable(value); return this; }
        /** Sets the status; default {@link FollowUpStatus#SCHEDULED}. */
        public Builder status(FollowUpStatus value) { status = value; return this; }
        /** Sets the attempt count; default 0. */
        public Builder attempts(int value) { attempts = value; return this; }
        /** Sets the idempotency key; no default. */
        public Builder idempotencyKey(String value) { idempotencyKey = value; return this; }
        /** Sets the lease owner; default none. */
        public Builder leaseOwner(String value) { leaseOwner = Optional.ofNullable(value); return this; }
        /** Sets the lease end; default none. */
        public Builder leaseUntil(Instant value) { leaseUntil = Optional.ofNullable(value); return this; }
        /** Sets the last error; default none. */
        public Builder lastError(String value) { lastError = Optional.ofNullable(value); return this; }
        /** Sets the cancel reason; default none. */
        public Builder cancelReason(String value) { cancelReason = Optional.ofNullable(value); return this; }
        /** Sets the personalisation values; default none. */
        public Builder values(Map<String, String> value) { values = value; return this; }
        /** Sets the creation time; no default. */
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /** Sets the last change time; no default. */
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        /** Sets the version; default 0. */
        public Builder version(long value) { version = value; return this; }

        /** The follow-up; constraints are checked by the validator, not here. */
        public FollowUp build() {
            return new FollowUp(id, customerId, caseId, kind, channel, dueAt, expiresAt, status, attempts,
                    idempotencyKey, leaseOwner, leaseUntil, lastError, cancelReason, values, createdAt, updatedAt,
                    version);
        }
    }
}
