/**
 * Service-level agreements on cases: first reply, next reply, first resolution and full resolution, each with the
 * time a policy allows, counted in calendar time or in a business calendar's open time and paused while the case
 * waits on the customer or is on hold. Clocks are computed from a case's history, never stored, so they follow any
 * change of policy or calendar; a sweeper raises warning and breach events once each, and compliance is a KPI.
 *
 * <p>Main types: {@link dev.rapport.sla.SlaService} (the clocks of a case), {@link dev.rapport.sla.SlaPolicy},
 * {@link dev.rapport.sla.SlaRule} and {@link dev.rapport.sla.SlaTargetSpec} (which targets apply to which cases),
 * {@link dev.rapport.sla.SlaStatus} and {@link dev.rapport.sla.SlaClock} (the computed state),
 * {@link dev.rapport.sla.SlaSweeper} (warning and breach events) and
 * {@link dev.rapport.sla.SlaComplianceCalculator} (compliance KPIs).
 */
package dev.rapport.sla;
