/**
 * The questions the KPI engine asks of the data, {@link dev.rapport.spi.kpi.KpiQueries}, and the vocabulary of their
 * answers: breakdowns and groups, exclusions and their reasons, percentiles, and the definitions a KPI can be asked
 * under.
 */
package dev.rapport.spi.kpi;
