package dev.rapport.agent;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.validation.Code;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command to replace an agent's skills: afterwards the agent has exactly these skills at these levels.
 *
 * @param agentId the agent
 * @param skills skill codes with levels 1 (novice) to 10 (expert); at most 200; empty for none
 */
public record ChangeSkills(
        @NotNull AgentId agentId,
        @NotNull @Size(max = AgentRules.MAX_SKILLS) Map<@NotNull @Code String,
                @NotNull @Min(AgentRules.MIN_LEVEL) @Max(AgentRules.MAX_LEVEL) Integer> skills) {

    /**
     * Copies the skills, keeping nulls for the validator.
     *
     * @param agentId the agent whose skills to replace
     * @param skills skill codes with levels 1 (novice) to 10 (expert); at most 200; empty for none
     */
    public ChangeSkills {
        skills = Copies.map(skills);
    }

    /**
     * A builder for the agent's new skills; default none.
     *
     * @param agentId the agent whose skills to replace
     * @return a new builder with no skills
     */
    public static Builder builder(AgentId agentId) {
        return new Builder(agentId);
    }

    /** Builds {@link ChangeSkills} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private final AgentId agentId;
        private final Map<String, Integer> skills = new LinkedHashMap<>();

        private Builder(AgentId agentId) {
            this.agentId = agentId;
        }

        /**
         * Adds a skill at a level from 1 to 10; default no skills.
         *
         * @param code the skill's code
         * @param level the agent's level in it, 1 (novice) to 10 (expert)
         * @return this builder
         */
        public Builder skill(String code, Integer level) { skills.put(code, level); return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's skills; it is checked when it is run
         */
        public ChangeSkills build() {
            return new ChangeSkills(agentId, skills);
        }
    }
}
