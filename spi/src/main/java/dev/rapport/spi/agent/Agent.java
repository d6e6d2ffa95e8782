package dev.rapport.spi.agent;

import dev.rapport.spi.validation.SupportedInstant;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A person who serves customers, with what they can do and how much they can take on. The Jakarta constraints on
 * the components are its rules; {@link AgentRules} checks the same rules without a validator, and every storage
 * adapter runs it before it stores an agent.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds), every locale {@link dev.rapport.spi.validation.LanguageTag}
 * (a canonical BCP 47 tag of at most 35 characters that reads back as the same locale); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link AgentRules}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the agent's id
 * @param name the agent's name, as customers see it
 * @param skills skill codes with levels 1 (novice) to 10 (expert)
 * @param languages the languages the agent serves customers in
 * @param capacity per channel, how many capacity units of work the agent can hold at once
 * @param presence whether the agent can take work now
 * @param load per channel, how many capacity units the agent's current work takes; kept by routing, stored with
 *        each assignment so that no agent ever holds more than its capacity
 * @param lastAssignedAt per channel, when the agent was last given work, for round-robin fairness
 * @param team the agent's team
 * @param createdAt when the agent was added
 * @param updatedAt when the agent last changed
 * @param version the optimistic-locking version; 0 before the first insert, 1 after it
 */
public record Agent(
        @NotNull AgentId id,
        @NotBlank @PlainText @Size(max = Limits.NAME) String name,
        @NotNull @Size(max = AgentRules.MAX_SKILLS) Map<@NotNull @Code String,
                @NotNull @Min(AgentRules.MIN_LEVEL) @Max(AgentRules.MAX_LEVEL) Integer> skills,
        @NotNull @Size(max = AgentRules.MAX_LANGUAGES) Set<@NotNull @LanguageTag Locale> languages,
        @NotNull Map<@NotNull Channel, @NotNull @Min(0) @Max(AgentRules.MAX_CAPACITY) Integer> capacity,
        @NotNull Presence presence,
        @NotNull Map<@NotNull Channel, @NotNull @Min(0) Integer> load,
        @NotNull Map<@NotNull Channel, @NotNull @SupportedInstant Instant> lastAssignedAt,
        @NotNull Optional<TeamId> team,
        @NotNull @SupportedInstant Instant createdAt,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version) {

    /**
     * Copies collections and turns a null optional into an empty one.
     *
     * @param id the agent's id
     * @param name the agent's name, as customers see it
     * @param skills skill codes with levels 1 (novice) to 10 (expert)
     * @param languages the languages the agent serves customers in
     * @param capacity per channel, how many capacity units of work the agent can hold at once
     * @param presence whether the agent can take work now
     * @param load per channel, how many capacity units the agent's current work takes; kept by routing, stored with
     *        each assignment so that no agent ever holds more than its capacity
     * @param lastAssignedAt per channel, when the agent was last given work, for round-robin fairness
     * @param team the agent's team
     * @param createdAt when the agent was added
     * @param updatedAt when the agent last changed
     * @param version the optimistic-locking version; 0 before the first insert, 1 after it
     */
    public Agent {
        skills = Copies.map(skills);
        languages = Copies.set(languages);
        capacity = Copies.map(capacity);
        load = Copies.map(load);
        lastAssignedAt = Copies.map(lastAssignedAt);
        team = Copies.optional(team);
    }

    /**
     * Capacity units still free on a channel: capacity minus load, never below zero.
     *
     * @param channel the channel to look at
     * @return the capacity on the channel less the load on it, at least zero; zero on a channel without capacity
     */
    public int spareCapacity(Channel channel) {
        return Math.max(0, capacity.getOrDefault(channel, 0) - load.getOrDefault(channel, 0));
    }

    /**
     * The agent's level in a skill, 0 if they lack it.
     *
     * @param skill the skill's code
     * @return the level, 1 (novice) to 10 (expert), or 0 if the agent lacks the skill
     */
    public int skillLevel(String skill) {
        Integer level = skills.get(skill);
        return level == null ? 0 : level;
    }

    /**
     * The same agent with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this agent that differs only in its version
     */
    public Agent withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /**
     * A builder holding this agent's values.
     *
     * @return a new builder preset with every component of this agent, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder().id(id).name(name).skills(skills).languages(languages).capacity(capacity)
                .presence(presence).load(load).lastAssignedAt(lastAssignedAt).team(team.orElse(null)).createdAt(createdAt).updatedAt(updatedAt).version(version);
    }

    /**
     * A builder for a new agent: offline, no skills, version 0.
     *
     * @return a new builder holding the defaults named above, every other component unset
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Agent} values; not thread-safe. */
    public static final class Builder {
        private AgentId id;
        private String name;
        private Map<String, Integer> skills = Map.of();
        private Set<Locale> languages = Set.of();
        private Map<Channel, Integer> capacity = Map.of();
        private Presence presence = Presence.OFFLINE;
        private Map<Channel, Integer> load = Map.of();
        private Map<Channel, Instant> lastAssignedAt = Map.of();
        private Optional<TeamId> team = Optional.empty();
        private Instant createdAt;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        /**
         * Sets the id; no default.
         *
         * @param value the agent's id
         * @return this builder
         */
        public Builder id(AgentId value) { id = value; return this; }
        /**
         * Sets the name; no default.
         *
         * @param value the agent's name, as customers see it
         * @return this builder
         */
        public Builder name(String value) { name = value; return this; }
        /**
         * Sets the skills and levels; default none.
         *
         * @param value skill codes with levels 1 (novice) to 10 (expert)
         * @return this builder
         */
        public Builder skills(Map<String, Integer> value) { skills = value; return this; }
        /**
         * Sets the languages; default none.
         *
         * @param value the languages the agent serves customers in
         * @return this builder
         */
        public Builder languages(Set<Locale> value) { languages = value; return this; }
        /**
         * Sets the per-channel capacity; default none.
         *
         * @param value per channel, how many capacity units of work the agent can hold at once
         * @return this builder
         */
        public Builder capacity(Map<Channel, Integer> value) { capacity = value; return this; }
        /**
         * Sets the presence; default {@link Presence#OFFLINE}.
         *
         * @param value whether the agent can take work now
         * @return this builder
         */
        public Builder presence(Presence value) { presence = value; return this; }
        /**
         * Sets the capacity units in use per channel; default none.
         *
         * @param value per channel, how many capacity units the agent's current work takes
         * @return this builder
         */
        public Builder load(Map<Channel, Integer> value) { load = value; return this; }
        /**
         * Sets the last assignment time per channel; default none.
         *
         * @param value per channel, when the agent was last given work, for round-robin fairness
         * @return this builder
         */
        public Builder lastAssignedAt(Map<Channel, Instant> value) { lastAssignedAt = value; return this; }
        /**
         * Sets the team; default none.
         *
         * @param value the agent's team; null for none
         * @return this builder
         */
        public Builder team(TeamId value) { team = Optional.ofNullable(value); return this; }
        /**
         * Sets the creation time; no default.
         *
         * @param value when the agent was added
         * @return this builder
         */
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /**
         * Sets the last change time; no default.
         *
         * @param value when the agent last changed
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
         * The agent; constraints are checked by the validator, not here.
         *
         * @return a new agent holding the values set so far
         */
        public Agent build() {
            return new Agent(id, name, skills, languages, capacity, presence, load, lastAssignedAt, team, createdAt, updatedAt, version);
        }
    }
}
