-- Customer health: the last known band of each customer, so that CustomerAtRisk is raised once per transition
-- whatever the number of nodes (a compare-and-set on band), and KPIs can be broken down by health band.
-- No foreign key: a standing outlives nothing but is removed by Rapport when its customer is merged away.
CREATE TABLE ${prefix}customer_health (
    customer_id  UUID         NOT NULL,
    band         VARCHAR(16)  NOT NULL,
    score        INTEGER      NOT NULL,
    evaluated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    since        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}customer_health_pk PRIMARY KEY (customer_id)
);
-- serves HealthStandings.findByBand (the at-risk list walks a band by customer id)
CREATE INDEX IF NOT EXISTS ${prefix}customer_health_band_idx ON ${prefix}customer_health (band, customer_id);
