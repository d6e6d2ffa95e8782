/**
 * Customer-service KPIs that anyone can check: satisfaction (CSAT, NPS, CES), reply and resolution times,
 * first-contact resolution, repeat contacts, backlog, churn and retention, lifetime value, containment, calls and
 * more, over a period and broken down by period, channel, agent, team, priority or another dimension. Every figure
 * carries its exact numerator and denominator, the records left out by reason and the definition it was computed
 * with; the definitions are in {@code docs/kpis.md}. Results export as JSON, CSV or chart-ready series.
 *
 * <p>Main types: {@link dev.rapport.kpi.KpiEngine} (computes KPIs, reports and the agent league table),
 * {@link dev.rapport.kpi.Kpi} and {@link dev.rapport.kpi.KpiUnit} (what is measured),
 * {@link dev.rapport.kpi.KpiRequest} (over what), {@link dev.rapport.kpi.KpiSettings} (thresholds and windows),
 * {@link dev.rapport.kpi.KpiResult}, {@link dev.rapport.kpi.KpiFigure}, {@link dev.rapport.kpi.KpiReport},
 * {@link dev.rapport.kpi.TimeSeries} and {@link dev.rapport.kpi.LeagueTable} (the answers), and
 * {@link dev.rapport.kpi.KpiCalculator} with {@link dev.rapport.kpi.KpiTally} (KPIs computed in other packages,
 * such as SLA compliance and complaint figures).
 */
package dev.rapport.kpi;
