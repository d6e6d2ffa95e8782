/**
 * Micrometer metrics for Rapport: {@link dev.rapport.micrometer.RapportMetrics}, an observer that counts routing
 * decisions, dispatch and relay rounds, follow-ups and import rows by outcome, times KPI reports, and gauges the
 * outbox's backlog and dead letters.
 */
package dev.rapport.micrometer;
