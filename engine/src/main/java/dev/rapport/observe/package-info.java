/**
 * What the engine tells a host about the work it does: {@link dev.rapport.observe.RapportObserver}, the one listener
 * for metrics and monitoring (routing decisions, dispatch and relay rounds, KPI reports, imports, automation
 * firings), which {@code rapport-micrometer} implements and a host can implement for any other monitoring.
 */
package dev.rapport.observe;
