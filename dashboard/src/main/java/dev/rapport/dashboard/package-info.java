/**
 * The KPI dashboard: one self-contained HTML page with inline SVG charts drawn from the KPI engine's results. Start
 * at {@link dev.rapport.dashboard.KpiDashboard}.
 */
package dev.rapport.dashboard;
