/**
 * Agents: registering the people who serve customers, keeping their skills, languages, per-channel capacity, team
 * and presence, and retiring them. Start at {@link dev.rapport.agent.AgentService}.
 */
package dev.rapport.agent;
