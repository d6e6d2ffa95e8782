package dev.rapport.agent;

import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The command to replace the languages an agent serves customers in.
 *
 * @param agentId the agent
 * @param languages the languages; at most 50; empty for none
 */
public record ChangeLanguages(
        @NotNull AgentId agentId,
        @NotNull @Size(max = AgentRules.MAX_LANGUAGES) Set<@NotNull Locale> languages) {

    /**
     * Copies the languages, keeping nulls for the validator.
     *
     * @param agentId the agent whose languages to replace
     * @param languages the languages; at most 50; empty for none
     */
    public ChangeLanguages {
        languages = Copies.set(languages);
    }

    /**
     * The command for the given languages, in their order.
     *
     * @param agentId the agent whose languages to replace
     * @param languages the languages the agent serves customers in, replacing the current ones; none for no languages
     * @return the command, checked when it is run
     */
    public static ChangeLanguages of(AgentId agentId, Locale... languages) {
        return new ChangeLanguages(agentId, languages == null ? null : new LinkedHashSet<>(Arrays.asList(languages)));
    }
}
