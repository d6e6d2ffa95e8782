package dev.rapport.routing;

/** Why an agent could not take a piece of work. */
public enum ExclusionReason {
    /** The agent is not {@link dev.rapport.spi.agent.Presence#AVAILABLE}. */
    NOT_AVAILABLE,
    /** The agent has no capacity on the work's channel. */
    NO_CHANNEL,
    /** The agent's spare capacity on the channel is less than the work costs. */
    NO_CAPACITY,
    /** The agent lacks a skill the work needs. */
    MISSING_SKILL,
    /** The agent has the skill, below the level the work needs. */
    SKILL_LEVEL_TOO_LOW,
    /** The agent does not speak the customer's language. */
    LANGUAGE,
    /** The agent is not in a team the work may go to yet. */
    OTHER_TEAM,
    /** The agent declined the work. */
    DECLINED,
    /** The work was offered to the agent and the offer timed out. */
    TIMED_OUT,
    /** The agent has the case already; the work is being moved away from them. */
    CURRENT_ASSIGNEE,
    /** The router does not know the agent. */
    UNKNOWN_AGENT
}
