-- Rapport storage schema, version 2: indexes for the KPI pushdown (JdbcKpiQueries; docs/kpis.md, "Pushdown").
--
-- ${prefix} is the table prefix (default rapport_); see V1__init.sql.

-- serves the KPI pushdown's feedbackScores: metric = ? AND received_at in the period, grouped by scale and score
CREATE INDEX ${prefix}feedback_metric_idx ON ${prefix}feedback (metric, received_at);
-- serves the KPI pushdown's purchases, revenueAfterService and compliments: kind = ? AND occurred_at in the period
CREATE INDEX ${prefix}interaction_kind_idx ON ${prefix}interaction (kind, occurred_at);
-- serves the KPI pushdown's customerBase and loyalty: a customer's purchases in an activity or loyalty window,
-- customer_id = ? AND kind = 'PURCHASE' AND occurred_at in the window
CREATE INDEX ${prefix}interaction_customer_kind_idx ON ${prefix}interaction (customer_id, kind, occurred_at);
