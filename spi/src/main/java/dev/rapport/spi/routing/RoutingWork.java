package dev.rapport.spi.routing;

import dev.rapport.spi.validation.SupportedInstant;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.validation.Code;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A case waiting for an agent, as every node's router sees it: what the work needs, since when it waits, which agents
 * it must not go to, the capacity to give back when it moves away from its current agent, and the open offer if it
 * has one. Stored, so that work queued on one node is routed by any node, and survives the node that queued it.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds), every locale {@link dev.rapport.spi.validation.LanguageTag}
 * (a canonical BCP 47 tag of at most 35 characters that reads back as the same locale); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param caseId the case; one piece of waiting work per case
 * @param channel the channel the work is on; capacity is taken on it
 * @param priority the case's priority when queued
 * @param requiredSkills skill codes with the minimum level an agent must have
 * @param optionalSkills skill codes wanted for a while, dropped after the router's optional-skills wait
 * @param language the language the customer is served in, if required
 * @param team the team the work belongs to, if any
 * @param preferredAgents agents tried first (the customer's own agent, the previous agent), in order
 * @param slaDueAt when the case's SLA target is due, for ordering; empty if it has none
 * @param requestedAt when the work was first requested; kept when the same case is routed again
 * @param queuedAt when this piece of waiting work was stored
 * @param excluded agents the work must not go to, with why
 * @param moveFrom the capacity the current assignee holds, given back when the work is assigned elsewhere
 * @param offer the open offer, if the work is offered and not yet answered
 * @param version the optimistic-locking version; 0 before the first insert, 1 after it
 */
public record RoutingWork(
        @NotNull CaseId caseId,
        @NotNull Channel channel,
        @NotNull Priority priority,
        @NotNull @Size(max = 50) Map<@NotNull @Code String, @NotNull @Min(1) @Max(10) Integer> requiredSkills,
        @NotNull @Size(max = 50) Map<@NotNull @Code String, @NotNull @Min(1) @Max(10) Integer> optionalSkills,
        @NotNull Optional<@LanguageTag Locale> language,
        @NotNull Optional<TeamId> team,
        @NotNull @Size(max = 20) List<@NotNull AgentId> preferredAgents,
        @NotNull Optional<@SupportedInstant Instant> slaDueAt,
        @NotNull @SupportedInstant Instant requestedAt,
        @NotNull @SupportedInstant Instant queuedAt,
        @NotNull @Size(max = 1000) List<@NotNull @Valid WorkExclusion> excluded,
        @NotNull Optional<@Valid RoutingHolding> moveFrom,
        @NotNull Optional<@Valid RoutingOffer> offer,
        @PositiveOrZero long version) {

    /**
     * Copies collections and turns null optionals into empty ones.
     *
     * @param caseId the case; one piece of waiting work per case
     * @param channel the channel the work is on; capacity is taken on it
     * @param priority the case's priority when queued
     * @param requiredSkills skill codes with the minimum level an agent must have
     * @param optionalSkills skill codes wanted for a while, dropped after the router's optional-skills wait
     * @param language the language the customer is served in, if required
     * @param team the team the work belongs to, if any
     * @param preferredAgents agents tried first (the customer's own agent, the previous agent), in order
     * @param slaDueAt when the case's SLA target is due, for ordering; empty if it has none
     * @param requestedAt when the work was first requested; kept when the same case is routed again
     * @param queuedAt when this piece of waiting work was stored
     * @param excluded agents the work must not go to, with why
     * @param moveFrom the capacity the current assignee holds, given back when the work is assigned elsewhere
     * @param offer the open offer, if the work is offered and not yet answered
     * @param version the optimistic-locking version; 0 before the first insert, 1 after it
     */
    public RoutingWork {
        requiredSkills = Copies.map(requiredSkills);
        optionalSkills = Copies.map(optionalSkills);
        language = Copies.optional(language);
        team = Copies.optional(team);
        preferredAgents = Copies.list(preferredAgents);
        slaDueAt = Copies.optional(slaDueAt);
        excluded = Copies.list(excluded);
        moveFrom = Copies.optional(moveFrom);
        offer = Copies.optional(offer);
    }

    /**
     * The same work with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this work that differs only in its version
     */
    public RoutingWork withVersion(long newVersion) {
        return new RoutingWork(caseId, channel, priority, requiredSkills, optionalSkills, language, team,
                preferredAgents, slaDueAt, requestedAt, queuedAt, excluded, moveFrom, offer, newVersion);
    }

    /**
     * The same work with another offer (or none).
     *
     * @param newOffer the open offer the copy carries; empty for none
     * @return a copy of this work that differs only in its offer
     */
    public RoutingWork withOffer(Optional<RoutingOffer> newOffer) {
        return new RoutingWork(caseId, channel, priority, requiredSkills, optionalSkills, language, team,
                preferredAgents, slaDueAt, requestedAt, queuedAt, excluded, moveFrom, newOffer, version);
    }

    /**
     * The same work with another list of excluded agents.
     *
     * @param newExcluded the agents the copy must not go to, with why; may be empty
     * @return a copy of this work that differs only in its excluded agents
     */
    public RoutingWork withExcluded(List<WorkExclusion> newExcluded) {
        return new RoutingWork(caseId, channel, priority, requiredSkills, optionalSkills, language, team,
                preferredAgents, slaDueAt, requestedAt, queuedAt, newExcluded, moveFrom, offer, version);
    }
}
