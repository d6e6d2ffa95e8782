/**
 * Routing cases to agents: skills-based matching with minimum levels, language and team, per-channel capacity and
 * costs, pluggable strategies (least active, most available, round robin, sticky to the customer's own or previous
 * agent), offers that agents accept or decline, a backlog ordered by priority, aging and SLA due time, overflow to
 * secondary teams, and an explanation of every decision. Waiting work, offers and agent load live in storage, so
 * several nodes route the same backlog.
 *
 * <p>Main types: {@link dev.rapport.routing.Router} (submit, reassign, accept, decline, release),
 * {@link dev.rapport.routing.RoutingRequest} (what the work needs), {@link dev.rapport.routing.RoutingPolicy} and
 * {@link dev.rapport.routing.ChannelCosts} (how the router decides), {@link dev.rapport.routing.RoutingStrategy} and
 * {@link dev.rapport.routing.RoutingStrategies} (who goes first), and {@link dev.rapport.routing.RoutingDecision}
 * with its {@link dev.rapport.routing.RoutingExplanation} (what was decided and why).
 */
package dev.rapport.routing;
