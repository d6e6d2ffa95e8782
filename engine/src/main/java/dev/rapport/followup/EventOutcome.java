package dev.rapport.followup;

import dev.rapport.spi.followup.FollowUpId;
import java.util.List;

/**
 * What {@link FollowUpScheduler#onEvent(Object)} did with one event.
 *
 * @param schedules one outcome per rule that fired
 * @param cancelled the follow-ups the event cancelled
 */
public record EventOutcome(List<ScheduleOutcome> schedules, List<FollowUpId> cancelled) {

    /**
     * Copies the lists.
     *
     * @param schedules one outcome per rule that fired
     * @param cancelled the follow-ups the event cancelled
     */
    public EventOutcome {
        schedules = List.copyOf(schedules);
        cancelled = List.copyOf(cancelled);
    }

    /**
     * Whether the event neither scheduled nor cancelled anything.
     *
     * @return {@code true} if no rule scheduled a follow-up now and no follow-up was cancelled
     */
    public boolean changedNothing() {
        return schedules.stream().noneMatch(s -> s.result() == ScheduleOutcome.Result.SCHEDULED) && cancelled.isEmpty();
    }
}
