package dev.rapport.followup;

import java.time.Instant;
import java.time.ZoneId;

/**
 * When a message may be sent to a customer: outside quiet hours, on allowed days, not on holidays, judged in the
 * customer's own time zone. Follow-ups due at a time that is not allowed go out at the next allowed time.
 *
 * <p>{@link WeeklySendWindow} is the built-in implementation. A business calendar can stand behind this interface
 * by answering {@link #nextAllowed(Instant, ZoneId)} from its own opening hours. Implementations must be
 * thread-safe and deterministic: the same arguments give the same answer.
 */
@FunctionalInterface
public interface SendWindow {

    /**
     * The earliest instant at or after {@code earliest} at which sending to someone in {@code zone} is allowed.
     *
     * @param earliest the first instant that would do
     * @param zone the recipient's time zone
     * @return {@code earliest} itself if sending is allowed then, otherwise the start of the next allowed period
     * @throws IllegalStateException if no allowed time exists within a reasonable search horizon
     */
    Instant nextAllowed(Instant earliest, ZoneId zone);

    /**
     * Whether sending to someone in {@code zone} is allowed at {@code instant}.
     *
     * @param instant the instant to check
     * @param zone the recipient's time zone
     * @return {@code true} if {@link #nextAllowed(Instant, ZoneId)} gives the instant itself
     */
    default boolean isAllowed(Instant instant, ZoneId zone) {
        return nextAllowed(instant, zone).equals(instant);
    }

    /**
     * A window that allows every instant: no quiet hours, no days off.
     *
     * @return a window whose next allowed instant is always the one asked about
     */
    static SendWindow anyTime() {
        return (earliest, zone) -> earliest;
    }

    /**
     * The default window: every day of the week, quiet from {@link WeeklySendWindow#DEFAULT_QUIET_FROM} to
     * {@link WeeklySendWindow#DEFAULT_QUIET_UNTIL} local time, no holidays.
     *
     * @return a new default window
     */
    static SendWindow defaults() {
        return WeeklySendWindow.builder().build();
    }
}
