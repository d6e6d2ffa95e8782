/**
 * Agents: the {@link dev.rapport.spi.agent.Agent} aggregate with its skills, languages, capacity, load and presence,
 * the rules every adapter checks before storing one, and the repository port with its change feed.
 */
package dev.rapport.spi.agent;
