package dev.rapport.spi.cases;

import dev.rapport.spi.validation.SupportedInstant;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's issue, from first contact to closure, with its lifecycle history. Immutable; moves through its
 * lifecycle with {@link #moveTo(CaseStatus, Instant)}.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds), every locale {@link dev.rapport.spi.validation.LanguageTag}
 * (a canonical BCP 47 tag of at most 35 characters that reads back as the same locale); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the case's id
 * @param customerId the customer it belongs to
 * @param subject a one-line description
 * @param category the category code, for routing, repeat contacts and KPI breakdowns
 * @param type the host's type code, for example {@code "incident"} or {@code "question"}
 * @param priority how urgent it is
 * @param originChannel the channel the case came in on
 * @param language the language the customer wants to be served in
 * @param requiredSkills the skills an agent needs to take it
 * @param tags the host's labels on the case, normalised codes; at most {@value Limits#TAGS}
 * @param fields the case's custom field values by field name, as the host's schema declares them; at most
 *        {@value Limits#FIELDS}
 * @param status where it stands
 * @param assignee the agent working on it
 * @param team the team responsible for it
 * @param createdAt when it was opened
 * @param createdAtQuality how well {@code createdAt} is known: {@link CreationTimeQuality#RECORDED} for every case
 *        Rapport opens; imported history may say estimated or unknown, and time KPIs then leave the case out
 * @param firstReplyAt when a human agent first replied in public
 * @param firstResolvedAt when it was first resolved; a reopen does not clear it
 * @param resolvedAt when it was last resolved; empty while it is unresolved
 * @param closedAt when it was closed
 * @param snoozedUntil until when automation rules leave the case alone; empty when it is not snoozed (a time in
 *        the past means the snooze is over)
 * @param reopenCount how often it was reopened
 * @param history every lifecycle move, oldest first
 * @param updatedAt when it last changed
 * @param version the optimistic-locking version; 0 before the first insert, 1 after it
 */
public record Case(
        @NotNull CaseId id,
        @NotNull CustomerId customerId,
        @NotBlank @PlainText @Size(max = Limits.SUBJECT) String subject,
        @NotNull Optional<@Code String> category,
        @NotNull Optional<@Code String> type,
        @NotNull Priority priority,
        @NotNull Channel originChannel,
        @NotNull Optional<@LanguageTag Locale> language,
        @NotNull @Size(max = 50) Set<@NotNull @Code String> requiredSkills,
        @NotNull @Size(max = Limits.TAGS) Set<@NotNull @Code String> tags,
        @NotNull @Size(max = Limits.FIELDS) Map<@NotNull @Code String, @NotNull @Valid FieldValue> fields,
        @NotNull CaseStatus status,
        @NotNull Optional<AgentId> assignee,
        @NotNull Optional<TeamId> team,
        @NotNull @SupportedInstant Instant createdAt,
        @NotNull CreationTimeQuality createdAtQuality,
        @NotNull Optional<@SupportedInstant Instant> firstReplyAt,
        @NotNull Optional<@SupportedInstant Instant> firstResolvedAt,
        @NotNull Optional<@SupportedInstant Instant> resolvedAt,
        @NotNull Optional<@SupportedInstant Instant> closedAt,
        @NotNull Optional<@SupportedInstant Instant> snoozedUntil,
        @PositiveOrZero int reopenCount,
        @NotNull List<@NotNull @Valid StatusChange> history,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version) {

    /**
     * Copies collections and turns null optionals into empty ones.
     *
     * @param id the case's id
     * @param customerId the customer it belongs to
     * @param subject a one-line description
     * @param category the category code, for routing, repeat contacts and KPI breakdowns
     * @param type the host's type code, for example {@code "incident"} or {@code "question"}
     * @param priority how urgent it is
     * @param originChannel the channel the case came in on
     * @param language the language the customer wants to be served in
     * @param requiredSkills the skills an agent needs to take it
     * @param tags the host's labels on the case, normalised codes; at most {@value Limits#TAGS}
     * @param fields the case's custom field values by field name, as the host's schema declares them; at most
     *        {@value Limits#FIELDS}
     * @param status where it stands
     * @param assignee the agent working on it
     * @param team the team responsible for it
     * @param createdAt when it was opened
     * @param createdAtQuality how well {@code createdAt} is known: {@link CreationTimeQuality#RECORDED} for every case
     *        Rapport opens; imported history may say estimated or unknown, and time KPIs then leave the case out
     * @param firstReplyAt when a human agent first replied in public
     * @param firstResolvedAt when it was first resolved; a reopen does not clear it
     * @param resolvedAt when it was last resolved; empty while it is unresolved
     * @param closedAt when it was closed
     * @param snoozedUntil until when automation rules leave the case alone; empty when it is not snoozed (a time in the
     *        past means the snooze is over)
     * @param reopenCount how often it was reopened
     * @param history every lifecycle move, oldest first
     * @param updatedAt when it last changed
     * @param version the optimistic-locking version; 0 before the first insert, 1 after it
     */
    public Case {
        category = Copies.optional(category);
        type = Copies.optional(type);
        language = Copies.optional(language);
        createdAtQuality = createdAtQuality == null ? CreationTimeQuality.RECORDED : createdAtQuality;
        requiredSkills = Copies.set(requiredSkills);
        tags = Copies.set(tags);
        fields = Copies.map(fields);
        assignee = Copies.optional(assignee);
        team = Copies.optional(team);
        firstReplyAt = Copies.optional(firstReplyAt);
        firstResolvedAt = Copies.optional(firstResolvedAt);
        resolvedAt = Copies.optional(resolvedAt);
        closedAt = Copies.optional(closedAt);
        snoozedUntil = Copies.optional(snoozedUntil);
        history = Copies.list(history);
    }

    /**
     * The case after a lifecycle move at a given time: the status changes, the move joins the history, and the
     * resolution and closing times and the reopen count follow. The version is unchanged; storage raises it.
     *
     * @param to the status to move to
     * @param at when the move happens; dates the new history entry and becomes {@link #updatedAt()}
     * @return a new case in status {@code to} with the move appended to its history; the version as before
     * @throws IllegalTransitionException if {@link CaseStatus#canMoveTo(CaseStatus)} forbids the move
     */
    public Case moveTo(CaseStatus to, Instant at) {
        return moveTo(to, at, Actor.system(), Optional.empty());
    }

    /**
     * The case after a lifecycle move made by an actor, for a reason; see {@link #moveTo(CaseStatus, Instant)}.
     *
     * @param to the state to move to
     * @param at when
     * @param actor who moves it; null means {@link Actor#system()}
     * @param reason why, if the actor said; null means none
     * @return the moved case
     * @throws IllegalTransitionException if {@link CaseStatus#canMoveTo(CaseStatus)} forbids the move
     */
    public Case moveTo(CaseStatus to, Instant at, Actor actor, Optional<String> reason) {
        if (!status.canMoveTo(to)) {
            throw new IllegalTransitionException("case", id, status, to);
        }
        List<StatusChange> moves = new ArrayList<>(history);
        moves.add(new StatusChange(status, to, at, reason, actor));
        Builder next = toBuilder().status(to).history(moves).updatedAt(at);
        if (to == CaseStatus.RESOLVED) {
            next.resolvedAt(at);
            if (firstResolvedAt.isEmpty()) {
                next.firstResolvedAt(at);
            }
        } else if (to == CaseStatus.CLOSED) {
            next.closedAt(at);
        } else if (status == CaseStatus.RESOLVED) {
            next.resolvedAt(null).reopenCount(reopenCount + 1);
        }
        return next.build();
    }

    /**
     * Whether the case is snoozed at a time: automation rules leave it alone until its snooze ends.
     *
     * @param now the time to ask about
     * @return whether {@link #snoozedUntil()} is after {@code now}
     */
    public boolean isSnoozedAt(Instant now) {
        return snoozedUntil.filter(until -> until.isAfter(now)).isPresent();
    }

    /**
     * Whether the case was ever reopened.
     *
     * @return true if the reopen count is above zero, false if the case was never reopened
     */
    public boolean wasReopened() {
        return reopenCount > 0;
    }

    /**
     * The same case with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this case that differs only in its version
     */
    public Case withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /**
     * A builder holding this case's values.
     *
     * @return a new builder preset with every component of this case, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for a new case: status {@link CaseStatus#NEW}, priority {@link Priority#NORMAL}, version 0.
     *
     * @return a new builder holding the defaults named above, every other component unset
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Case} values; not thread-safe. */
    public static final class Builder {
        private CaseId id;
        private CustomerId customerId;
        private String subject;
        private Optional<String> category = Optional.empty();
        private Optional<String> type = Optional.empty();
        private Priority priority = Priority.NORMAL;
        private Channel originChannel;
        private Optional<Locale> language = Optional.empty();
        private Set<String> requiredSkills = Set.of();
        private Set<String> tags = Set.of();
        private Map<String, FieldValue> fields = Map.of();
        private CaseStatus status = CaseStatus.NEW;
        private Optional<AgentId> assignee = Optional.empty();
        private Optional<TeamId> team = Optional.empty();
        private Instant createdAt;
        private CreationTimeQuality createdAtQuality = CreationTimeQuality.RECORDED;
        private Optional<Instant> firstReplyAt = Optional.empty();
        private Optional<Instant> firstResolvedAt = Optional.empty();
        private Optional<Instant> resolvedAt = Optional.empty();
        private Optional<Instant> closedAt = Optional.empty();
        private Optional<Instant> snoozedUntil = Optional.empty();
        private int reopenCount;
        private List<StatusChange> history = List.of();
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Case c) {
            id = c.id;
            customerId = c.customerId;
            subject = c.subject;
            category = c.category;
            type = c.type;
            priority = c.priority;
            originChannel = c.originChannel;
            language = c.language;
            requiredSkills = c.requiredSkills;
            tags = c.tags;
            fields = c.fields;
            status = c.status;
            assignee = c.assignee;
            team = c.team;
            createdAt = c.createdAt;
            createdAtQuality = c.createdAtQuality;
            firstReplyAt = c.firstReplyAt;
            firstResolvedAt = c.firstResolvedAt;
            resolvedAt = c.resolvedAt;
            closedAt = c.closedAt;
            snoozedUntil = c.snoozedUntil;
            reopenCount = c.reopenCount;
            history = c.history;
            updatedAt = c.updatedAt;
            version = c.version;
        }

        /**
         * Sets the id; no default.
         *
         * @param value the case's id
         * @return this builder
         */
        public Builder id(CaseId value) { id = value; return this; }
        /**
         * Sets the customer; no default.
         *
         * @param value the customer it belongs to
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the subject; no default.
         *
         * @param value a one-line description
         * @return this builder
         */
        public Builder subject(String value) { subject = value; return this; }
        /**
         * Sets the category; default none.
         *
         * @param value the category code, for routing, repeat contacts and KPI breakdowns; null for none
         * @return this builder
         */
        public Builder category(String value) { category = Optional.ofNullable(value); return this; }
        /**
         * Sets the type; default none.
         *
         * @param value the host's type code, for example {@code "incident"} or {@code "question"}; null for none
         * @return this builder
         */
        public Builder type(String value) { type = Optional.ofNullable(value); return this; }
        /**
         * Sets the priority; default {@link Priority#NORMAL}.
         *
         * @param value how urgent it is
         * @return this builder
         */
        public Builder priority(Priority value) { priority = value; return this; }
        /**
         * Sets the channel of origin; no default.
         *
         * @param value the channel the case came in on
         * @return this builder
         */
        public Builder originChannel(Channel value) { originChannel = value; return this; }
        /**
         * Sets the language; default none.
         *
         * @param value the language the customer wants to be served in; null for none
         * @return this builder
         */
        public Builder language(Locale value) { language = Optional.ofNullable(value); return this; }
        /**
         * Sets the required skills; default none.
         *
         * @param value the skills an agent needs to take it
         * @return this builder
         */
        public Builder requiredSkills(Set<String> value) { requiredSkills = value; return this; }
        /**
         * Sets the tags; default none.
         *
         * @param value the host's labels on the case, normalised codes
         * @return this builder
         */
        public Builder tags(Set<String> value) { tags = value; return this; }
        /**
         * Sets the custom field values; default none.
         *
         * @param value the case's custom field values by field name, as the host's schema declares them
         * @return this builder
         */
        public Builder fields(Map<String, FieldValue> value) { fields = value; return this; }
        /**
         * Sets the status; default {@link CaseStatus#NEW}.
         *
         * @param value where it stands
         * @return this builder
         */
        public Builder status(CaseStatus value) { status = value; return this; }
        /**
         * Sets the assignee; default none.
         *
         * @param value the agent working on it; null for none
         * @return this builder
         */
        public Builder assignee(AgentId value) { assignee = Optional.ofNullable(value); return this; }
        /**
         * Sets the team; default none.
         *
         * @param value the team responsible for it; null for none
         * @return this builder
         */
        public Builder team(TeamId value) { team = Optional.ofNullable(value); return this; }
        /**
         * Sets the creation time; no default.
         *
         * @param value when it was opened
         * @return this builder
         */
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /**
         * Sets how well the creation time is known; default {@link CreationTimeQuality#RECORDED}.
         *
         * @param value the quality; null means recorded
         * @return this builder
         */
        public Builder createdAtQuality(CreationTimeQuality value) { createdAtQuality = value; return this; }
        /**
         * Sets the first reply time; default none.
         *
         * @param value when a human agent first replied in public; null for none
         * @return this builder
         */
        public Builder firstReplyAt(Instant value) { firstReplyAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the first resolution time; default none.
         *
         * @param value when it was first resolved; null for none
         * @return this builder
         */
        public Builder firstResolvedAt(Instant value) { firstResolvedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the last resolution time; default none.
         *
         * @param value when it was last resolved; null for none
         * @return this builder
         */
        public Builder resolvedAt(Instant value) { resolvedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the closing time; default none.
         *
         * @param value when it was closed; null for none
         * @return this builder
         */
        public Builder closedAt(Instant value) { closedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the end of the snooze; default none.
         *
         * @param value until when automation rules leave the case alone; null for none
         * @return this builder
         */
        public Builder snoozedUntil(Instant value) { snoozedUntil = Optional.ofNullable(value); return this; }
        /**
         * Sets the reopen count; default 0.
         *
         * @param value how often it was reopened
         * @return this builder
         */
        public Builder reopenCount(int value) { reopenCount = value; return this; }
        /**
         * Sets the history; default empty.
         *
         * @param value every lifecycle move, oldest first
         * @return this builder
         */
        public Builder history(List<StatusChange> value) { history = value; return this; }
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
         * The case; constraints are checked by the validator, not here.
         *
         * @return a new case holding the values set so far
         */
        public Case build() {
            return new Case(id, customerId, subject, category, type, priority, originChannel, language,
                    requiredSkills, tags, fields, status, assignee, team, createdAt, createdAtQuality, firstReplyAt,
                    firstResolvedAt, resolvedAt, closedAt, snoozedUntil, reopenCount, history, updatedAt, version);
        }
    }
}
