package dev.rapport.sla;

/**
 * What one SLA sweep did.
 *
 * @param casesChecked how many unresolved cases it computed clocks for
 * @param warningsRaised how many {@link dev.rapport.spi.event.SlaWarningReached} events it raised
 * @param breachesRaised how many {@link dev.rapport.spi.event.SlaBreached} events it raised
 */
public record SweepReport(int casesChecked, int warningsRaised, int breachesRaised) {
}
