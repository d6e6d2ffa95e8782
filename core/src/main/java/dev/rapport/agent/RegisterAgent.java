package dev.rapport.agent;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command to register a new agent. Checked as a whole before anything is stored; a rejected command names every
 * bad field.
 *
 * @param agentId the id to give the agent, for example one carried over from the host's staff directory; empty for
 *        a new random id
 * @param name the agent's name, as customers see it
 * @param skills skill codes with levels 1 (novice) to 10 (expert); at most 200
 * @param languages the languages the agent serves customers in; at most 50
 * @param capacity per channel, how many capacity units of work the agent can hold at once, 0 to 1000; a channel
 *        left out is one the agent does not work on
 * @param team the agent's team, if any
 * @param presence the agent's presence from the start; any but {@link Presence#RETIRED}
 */
public record RegisterAgent(
        @NotNull Optional<AgentId> agentId,
        @NotBlank @PlainText @Size(max = Limits.NAME) String name,
        @NotNull @Size(max = AgentRules.MAX_SKILLS) Map<@NotNull @Code String,
                @NotNull @Min(AgentRules.MIN_LEVEL) @Max(AgentRules.MAX_LEVEL) Integer> skills,
        @NotNull @Size(max = AgentRules.MAX_LANGUAGES) Set<@NotNull Locale> languages,
        @NotNull Map<@NotNull Channel, @NotNull @Min(0) @Max(AgentRules.MAX_CAPACITY) Integer> capacity,
        @NotNull Optional<TeamId> team,
        @NotNull Presence presence) {

    /**
     * Copies the collections (keeping nulls for the validator) and turns null optionals into empty ones.
     *
     * @param agentId the id to give the agent, for example one carried over from the host's staff directory; empty for
     *        a new random id
     * @param name the agent's name, as customers see it
     * @param skills skill codes with levels 1 (novice) to 10 (expert); at most 200
     * @param languages the languages the agent serves customers in; at most 50
     * @param capacity per channel, how many capacity units of work the agent can hold at once, 0 to 1000; a channel
     *        left out is one the agent does not work on
     * @param team the agent's team, if any
     * @param presence the agent's presence from the start; any but {@link Presence#RETIRED}
     */
    public RegisterAgent {
        agentId = Copies.optional(agentId);
        skills = Copies.map(skills);
        languages = Copies.set(languages);
        capacity = Copies.map(capacity);
        team = Copies.optional(team);
    }

    /**
     * A builder with the defaults: a random id, no skills, languages, capacity or team, presence
     * {@link Presence#OFFLINE}.
     *
     * @return a new builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RegisterAgent} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private AgentId agentId;
        private String name;
        private final Map<String, Integer> skills = new LinkedHashMap<>();
        private final Set<Locale> languages = new LinkedHashSet<>();
        private final Map<Channel, Integer> capacity = new LinkedHashMap<>();
        private TeamId team;
        private Presence presence = Presence.OFFLINE;

        private Builder() {
        }

        /**
         * Sets the agent's id; default a new random id.
         *
         * @param value the id to give the agent, for example one carried over from the host's staff directory; null for
         *        a new random id
         * @return this builder
         */
        public Builder agentId(AgentId value) { agentId = value; return this; }
        /**
         * Sets the name; required, no default.
         *
         * @param value the agent's name, as customers see it
         * @return this builder
         */
        public Builder name(String value) { name = value; return this; }
        /**
         * Adds a skill at a level from 1 to 10, replacing the skill's level if added before; default no skills.
         *
         * @param code the skill's code
         * @param level the agent's level in it, 1 (novice) to 10 (expert)
         * @return this builder
         */
        public Builder skill(String code, Integer level) { skills.put(code, level); return this; }
        /**
         * Replaces the skills; default none.
         *
         * @param value skill codes with levels 1 (novice) to 10 (expert), at most 200; null for none
         * @return this builder
         */
        public Builder skills(Map<String, Integer> value) {
            skills.clear();
            if (value != null) {
                skills.putAll(value);
            }
            return this;
        }
        /**
         * Adds a language; default none.
         *
         * @param value a language the agent serves customers in, added to those already given
         * @return this builder
         */
        public Builder language(Locale value) { languages.add(value); return this; }
        /**
         * Replaces the languages; default none.
         *
         * @param value the languages the agent serves customers in, at most 50; null for none
         * @return this builder
         */
        public Builder languages(Set<Locale> value) {
            languages.clear();
            if (value != null) {
                languages.addAll(value);
            }
            return this;
        }
        /**
         * Sets the capacity units on one channel; default no channels.
         *
         * @param channel a channel the agent works on
         * @param units the capacity units the agent can hold at once on that channel, 0 to 1000
         * @return this builder
         */
        public Builder capacity(Channel channel, Integer units) { capacity.put(channel, units); return this; }
        /**
         * Replaces the capacity on every channel; default no channels.
         *
         * @param value per channel, how many capacity units of work the agent can hold at once, 0 to 1000; null for no
         *        channels
         * @return this builder
         */
        public Builder capacity(Map<Channel, Integer> value) {
            capacity.clear();
            if (value != null) {
                capacity.putAll(value);
            }
            return this;
        }
        /**
         * Sets the team; default none.
         *
         * @param value the agent's team, or null for none
         * @return this builder
         */
        public Builder team(TeamId value) { team = value; return this; }
        /**
         * Sets the presence from the start; default {@link Presence#OFFLINE}.
         *
         * @param value the agent's presence from the start; any but {@link Presence#RETIRED}
         * @return this builder
         */
        public Builder presence(Presence value) { presence = value; return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's values; they are checked when it is run
         */
        public RegisterAgent build() {
            return new RegisterAgent(Optional.ofNullable(agentId), name, skills, languages, capacity,
                    Optional.ofNullable(team), presence);
        }
    }
}
