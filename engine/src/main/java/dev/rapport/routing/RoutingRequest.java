package dev.rapport.routing;

import dev.rapport.spi.validation.SupportedInstant;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.validation.Code;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A command to route a case to an agent: what the work needs and how urgent it is. Build one from the case with
 * {@link #forCase(Case)} and adjust it, or from scratch with {@link #builder()}.
 *
 * @param caseId the case
 * @param channel the channel the work is on; its capacity and cost apply
 * @param priority how urgent it is; the backlog is ordered by it first
 * @param requiredSkills skills the agent must have, each with a minimum level 1 to 10
 * @param optionalSkills skills wanted at first and dropped once the work has waited
 *        {@link RoutingPolicy#optionalSkillsWait()}, each with a minimum level
 * @param language the language the agent must speak (compared by language, so {@code en-GB} matches {@code en})
 * @param team the team the work belongs to; empty for any team. After {@link RoutingPolicy#overflows()} says, it may
 *        also go to a secondary team
 * @param preferredAgents agents to try first, for example the customer's own agent or the case's previous agent;
 *        used by sticky strategies
 * @param requestedAt when the customer first asked; empty means now. Kept when the work is routed again, so rerouted
 *        work keeps its place in the backlog
 * @param slaDueAt when the case breaches its next SLA target, for ordering the backlog; empty sorts after any time
 */
public record RoutingRequest(
        @NotNull CaseId caseId,
        @NotNull Channel channel,
        @NotNull Priority priority,
        @NotNull @Size(max = 50) Map<@NotNull @Code String, @NotNull @Min(1) @Max(10) Integer> requiredSkills,
        @NotNull @Size(max = 50) Map<@NotNull @Code String, @NotNull @Min(1) @Max(10) Integer> optionalSkills,
        @NotNull Optional<@LanguageTag Locale> language,
        @NotNull Optional<TeamId> team,
        @NotNull @Size(max = 10) List<@NotNull AgentId> preferredAgents,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> requestedAt,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> slaDueAt) {

    /**
     * Copies collections and turns null optionals into empty ones.
     *
     * @param caseId the case
     * @param channel the channel the work is on; its capacity and cost apply
     * @param priority how urgent it is; the backlog is ordered by it first
     * @param requiredSkills skills the agent must have, each with a minimum level 1 to 10
     * @param optionalSkills skills wanted at first and dropped once the work has waited
     *         {@link RoutingPolicy#optionalSkillsWait()}, each with a minimum level
     * @param language the language the agent must speak (compared by language, so {@code en-GB} matches {@code en})
     * @param team the team the work belongs to; empty for any team. After {@link RoutingPolicy#overflows()} says, it
     *         may also go to a secondary team
     * @param preferredAgents agents to try first, for example the customer's own agent or the case's previous agent;
     *         used by sticky strategies
     * @param requestedAt when the customer first asked; empty means now. Kept when the work is routed again, so
     *         rerouted work keeps its place in the backlog
     * @param slaDueAt when the case breaches its next SLA target, for ordering the backlog; empty sorts after any time
     */
    public RoutingRequest {
        requiredSkills = requiredSkills == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(requiredSkills));
        optionalSkills = optionalSkills == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(optionalSkills));
        language = language == null ? Optional.empty() : language;
        team = team == null ? Optional.empty() : team;
        preferredAgents = preferredAgents == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(preferredAgents));
        requestedAt = requestedAt == null ? Optional.empty() : requestedAt;
        slaDueAt = slaDueAt == null ? Optional.empty() : slaDueAt;
    }

    /**
     * A builder filled from a case: its channel of origin, priority, required skills (level 1), language and team,
     * and its current or previous assignee as the preferred agent.
     *
     * @param supportCase the case to route, as stored
     * @return a builder to adjust; the request time and SLA due time are left empty
     */
    public static Builder forCase(Case supportCase) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        supportCase.requiredSkills().forEach(s -> skills.put(s, 1));
        return builder().caseId(supportCase.id()).channel(supportCase.originChannel())
                .priority(supportCase.priority()).requiredSkills(skills)
                .language(supportCase.language().orElse(null)).team(supportCase.team().orElse(null))
                .preferredAgents(supportCase.assignee().map(List::of).orElse(List.of()));
    }

    /**
     * A builder for routing a case of a customer: as {@link #forCase(Case)}, with the customer's own agent (if they
     * have one) first among the preferred agents, then the case's assignee. The router tries preferred agents first
     * with every strategy, so the person who knows the customer gets their cases when available.
     *
     * @param supportCase the case
     * @param customer the case's customer, if known
     * @return a builder to adjust
     */
    public static Builder forCase(Case supportCase, Optional<Customer> customer) {
        List<AgentId> preferred = new ArrayList<>();
        customer.flatMap(Customer::ownAgent).ifPresent(preferred::add);
        supportCase.assignee().filter(a -> !preferred.contains(a)).ifPresent(preferred::add);
        return forCase(supportCase).preferredAgents(preferred);
    }

    /**
     * An empty builder: priority {@link Priority#NORMAL}, no skills, any language and team.
     *
     * @return a new builder; case and channel must still be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RoutingRequest}s; not thread-safe. */
    public static final class Builder {
        private CaseId caseId;
        private Channel channel;
        private Priority priority = Priority.NORMAL;
        private Map<String, Integer> requiredSkills = Map.of();
        private Map<String, Integer> optionalSkills = Map.of();
        private Optional<Locale> language = Optional.empty();
        private Optional<TeamId> team = Optional.empty();
        private List<AgentId> preferredAgents = List.of();
        private Optional<Instant> requestedAt = Optional.empty();
        private Optional<Instant> slaDueAt = Optional.empty();

        private Builder() {
        }

        /**
         * Sets the case; no default.
         *
         * @param value the case to route
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = value; return this; }
        /**
         * Sets the channel; no default.
         *
         * @param value the channel the work is on
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets the priority; default {@link Priority#NORMAL}.
         *
         * @param value how urgent the work is
         * @return this builder
         */
        public Builder priority(Priority value) { priority = value; return this; }
        /**
         * Sets the required skills and minimum levels; default none.
         *
         * @param value skill codes the agent must have, each with a minimum level 1 to 10; {@code null} means none
         * @return this builder
         */
        public Builder requiredSkills(Map<String, Integer> value) { requiredSkills = value; return this; }
        /**
         * Sets the optional skills and minimum levels; default none.
         *
         * @param value skill codes wanted until the work has waited long enough, each with a minimum level 1 to 10;
         *         {@code null} means none
         * @return this builder
         */
        public Builder optionalSkills(Map<String, Integer> value) { optionalSkills = value; return this; }
        /**
         * Sets the language; default any.
         *
         * @param value the language the agent must speak; {@code null} for any
         * @return this builder
         */
        public Builder language(Locale value) { language = Optional.ofNullable(value); return this; }
        /**
         * Sets the team; default any team.
         *
         * @param value the team the work belongs to; {@code null} for any team
         * @return this builder
         */
        public Builder team(TeamId value) { team = Optional.ofNullable(value); return this; }
        /**
         * Sets the preferred agents, most preferred first; default none.
         *
         * @param value up to 10 agents to try first, most preferred first; {@code null} means none
         * @return this builder
         */
        public Builder preferredAgents(List<AgentId> value) { preferredAgents = value; return this; }
        /**
         * Sets when the customer first asked; default now, or the time kept from an earlier routing of the case.
         *
         * @param value when the customer first asked; {@code null} for the default
         * @return this builder
         */
        public Builder requestedAt(Instant value) { requestedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets when the next SLA target is due; default none.
         *
         * @param value when the case breaches its next SLA target; {@code null} for none
         * @return this builder
         */
        public Builder slaDueAt(Instant value) { slaDueAt = Optional.ofNullable(value); return this; }

        /**
         * The request; constraints are checked by the router, not here.
         *
         * @return the request with the values set so far
         */
        public RoutingRequest build() {
            return new RoutingRequest(caseId, channel, priority, requiredSkills, optionalSkills, language, team,
                    preferredAgents, requestedAt, slaDueAt);
        }
    }
}
