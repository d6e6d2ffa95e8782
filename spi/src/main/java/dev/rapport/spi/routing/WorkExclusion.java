package dev.rapport.spi.routing;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An agent that waiting work must not go to again, and why: the agent declined it, let an offer time out, or is the
 * assignee the work is being moved away from.
 *
 * @param agentId the agent
 * @param reason a code saying why, for example {@code TIMED_OUT} or {@code DECLINED}
 * @param detail a short explanation for people, for example the decline reason the agent gave
 */
public record WorkExclusion(
        @NotNull AgentId agentId,
        @NotNull @Code String reason,
        @NotNull @PlainText @Size(max = 500) String detail) {
}
