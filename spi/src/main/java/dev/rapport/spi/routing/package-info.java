/**
 * Routing's shared state: work waiting for an agent, the offers made for it, the agents it must not go to, and the
 * capacity agents hold for assigned cases, all behind {@link dev.rapport.spi.routing.RoutingRepository} so every node
 * routes from the same queue.
 */
package dev.rapport.spi.routing;
