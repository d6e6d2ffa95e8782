package dev.rapport.complaint;

/**
 * What one complaint sweep did.
 *
 * @param complaintsChecked how many open complaints it looked at
 * @param remindersRaised how many {@link dev.rapport.spi.event.ComplaintDeadlineApproaching} events it raised
 * @param breachesRaised how many {@link dev.rapport.spi.event.ComplaintDeadlineBreached} events it raised
 * @param acknowledgementsRetried how many acknowledgements it tried to send again
 */
public record ComplaintSweepReport(int complaintsChecked, int remindersRaised, int breachesRaised,
        int acknowledgementsRetried) {
}
